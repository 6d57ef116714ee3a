import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { AppError, forbidden, unauthenticated } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { findSessionActor } from './session-store.ts';

export const sessionCookie = 'ps_session';
export const csrfHeader = 'x-csrf-token';

/**
 * Who may call a route at all; finer rules (which unit, which record) live in the policies.
 * Every /api route must declare it: a route that forgets is refused, not opened.
 */
export type Access = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user still has to replace the initial password. */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function installRequestGuard(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    // NUL cannot be stored in PostgreSQL text; refuse it at the door instead of failing later.
    if (/%00/.test(request.url)) throw new AppError(400, 'bad_request', '请求中含有非法字符 (NUL in URL)');
    const token = request.cookies[sessionCookie];
    if (token) request.actor = await findSessionActor(db, token);
  });

  app.addHook('preHandler', async (request) => {
    if (request.is404 || (!request.url.startsWith('/api/') && !request.url.startsWith('/open311/'))) return;
    const config = request.routeOptions.config;
    const access = config.access;
    if (access === undefined) throw forbidden('route has no access rule');
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw unauthenticated(request.cookies[sessionCookie] ? '会话已过期，请重新登录 (session expired; log in again)' : undefined);
    if (!safeMethods.has(request.method)) assertCsrf(request, actor);
    if (actor.mustChangePassword && !config.duringPasswordChange) {
      throw new AppError(403, 'password_change_required', '首次登录请先修改密码 (change your initial password first)');
    }
  });
}

/** Cookie-authenticated changes must carry the session's own CSRF token in a header. */
function assertCsrf(request: FastifyRequest, actor: Actor): void {
  const sent = request.headers[csrfHeader];
  if (typeof sent !== 'string' || !sameToken(sent, actor.csrfToken)) {
    throw new AppError(403, 'csrf_failed', '请求校验失败，请刷新页面后重试 (missing or invalid CSRF token)');
  }
}

/** The actor of a route that requires login; the guard has already refused anonymous calls. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
