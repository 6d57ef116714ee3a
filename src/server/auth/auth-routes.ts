import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { changePasswordBody, loginBody, meResponse, type SessionUser } from '../../core/auth/schemas.ts';
import { isRole } from '../../core/auth/roles.ts';
import type { Actor } from './actor.ts';
import { errorResponses, zodApp, type RouteDeps } from '../http/api-app.ts';
import { AppError, unprocessable } from '../http/errors.ts';
import { findUserByUsername, setPassword } from '../users/user-service.ts';
import { assertLoginAllowed, recordLoginAttempt } from './login-throttle.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { actorOf, sessionCookie } from './request-guard.ts';
import { absoluteTimeoutMs, createSession, deleteSession, findSessionActor } from './session-store.ts';

const sessionUserOf = (a: Actor): SessionUser => ({
  id: a.id, username: a.username, displayName: a.displayName, role: a.role, unitId: a.unitId, unitName: a.unitName, mustChangePassword: a.mustChangePassword,
});

function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(sessionCookie, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: absoluteTimeoutMs / 1000,
  });
}

export function authRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const api = zodApp(app);
  const tags = ['auth'];

  api.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags, summary: 'Log in; sets the session cookie and returns the CSRF token', body: loginBody, response: { 200: meResponse, ...errorResponses } },
  }, async (request, reply) => {
    const { username, password } = request.body;
    await assertLoginAllowed(db, username, request.ip);
    const user = await findUserByUsername(db, username);
    // Verify against a decoy when the user is unknown, so the answer takes as long either way.
    const valid = await verifyPassword(user?.passwordHash ?? await decoyHash(), password);
    if (!user || !valid || !user.active || !isRole(user.role)) {
      await recordLoginAttempt(db, username, request.ip, false);
      throw new AppError(401, 'invalid_credentials', '用户名或密码错误 (wrong username or password)');
    }
    await recordLoginAttempt(db, username, request.ip, true);
    const { token } = await createSession(db, user.id, request.ip, request.headers['user-agent'] ?? '');
    const actor = await findSessionActor(db, token);
    setSessionCookie(reply, token);
    return { user: sessionUserOf(actor!), csrfToken: actor!.csrfToken };
  });

  api.post('/api/auth/logout', {
    config: { access: 'user', duringPasswordChange: true },
    schema: { tags, summary: 'Log out; the session and its CSRF token stop working', response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await deleteSession(db, actorOf(request).sessionId);
    void reply.clearCookie(sessionCookie, { path: '/' });
    return reply.code(204).send(null);
  });

  api.get('/api/auth/me', {
    config: { access: 'user', duringPasswordChange: true },
    schema: { tags, summary: 'The logged-in user and the CSRF token to send with changes', response: { 200: meResponse, ...errorResponses } },
  }, (request) => {
    const actor = actorOf(request);
    return { user: sessionUserOf(actor), csrfToken: actor.csrfToken };
  });

  api.post('/api/auth/password', {
    config: { access: 'user', duringPasswordChange: true },
    schema: { tags, summary: 'Change one\'s own password (required at first login)', body: changePasswordBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const user = await findUserByUsername(db, actor.username);
    if (!user || !(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
      throw unprocessable('当前密码不正确 (current password is wrong)', { field: 'currentPassword' });
    }
    if (request.body.currentPassword === request.body.newPassword) {
      throw unprocessable('新密码不能与当前密码相同 (choose a new password)', { field: 'newPassword' });
    }
    await setPassword(db, { actor, requestId: request.id }, actor.id, request.body.newPassword, true);
    return reply.code(204).send(null);
  });
}
