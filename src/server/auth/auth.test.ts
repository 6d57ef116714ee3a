import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { sessions } from '../db/schema/index.ts';
import { sql } from 'drizzle-orm';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

describe('login and sessions', () => {
  it('sets an HttpOnly, SameSite session cookie and returns the user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kaohe', password: 'Demo-2026-haidian' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ps_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json().user.role).toBe('assessment_office');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kaohe', password: 'not-the-password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'not-the-password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('stores only a hash of the session token, never the cookie value', async () => {
    const c = await t.login('shenhe');
    const token = c.cookie.split('=')[1]!;
    const rows = await t.database.db.select({ id: sessions.id }).from(sessions);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('refuses an expired session with 401 and a message saying so', async () => {
    const c = await t.login('ducha');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    await t.database.db.update(sessions).set({ expiresAt: sql`now() - interval '1 minute'` });
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/过期|expired/);
  });

  it('ends the session at logout, and its CSRF token cannot be replayed', async () => {
    const c = await t.login('kaohe');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const replay = await c.post('/api/categories', { code: 'X1', name: '测试' });
    expect(replay.statusCode).toBe(401);
    // A new session of the same user gets a new token; the old one is refused.
    const again = await t.login('kaohe');
    expect(again.csrfToken).not.toBe(c.csrfToken);
    const stale = await again.request('POST', '/api/categories', { code: 'X2', name: '测试' }, { 'x-csrf-token': c.csrfToken });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('csrf_failed');
  });

  it('refuses a change without the CSRF header, and with another user\'s token', async () => {
    const office = await t.login('kaohe');
    const admin = await t.login('admin');
    const missing = await t.app.inject({ method: 'POST', url: '/api/categories', headers: { cookie: office.cookie }, payload: { code: 'X3', name: '测试' } });
    expect(missing.statusCode).toBe(403);
    const foreign = await office.request('POST', '/api/categories', { code: 'X3', name: '测试' }, { 'x-csrf-token': admin.csrfToken });
    expect(foreign.statusCode).toBe(403);
    const ok = await office.post('/api/categories', { code: 'X3', name: '测试' });
    expect(ok.statusCode).toBe(201);
  });
});

describe('first login of a created account', () => {
  it('must change the initial password before doing anything else', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/api/users', { username: 'newclerk', displayName: '新科员', role: 'reviewer', password: 'Initial-pass-1' });
    expect(created.statusCode).toBe(201);
    const clerk = await t.login('newclerk', 'Initial-pass-1');
    expect((await clerk.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await clerk.get('/api/units');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const same = await clerk.post('/api/auth/password', { currentPassword: 'Initial-pass-1', newPassword: 'Initial-pass-1' });
    expect(same.statusCode).toBe(422);
    const changed = await clerk.post('/api/auth/password', { currentPassword: 'Initial-pass-1', newPassword: 'My-own-secret-2' });
    expect(changed.statusCode).toBe(204);
    expect((await clerk.get('/api/units')).statusCode).toBe(200);
    await expect(t.login('newclerk', 'Initial-pass-1')).rejects.toThrow(/401/);
  });

  it('ends every session of a user whose password an admin resets', async () => {
    const admin = await t.login('admin');
    const users = (await admin.get('/api/users')).json() as { id: string; username: string }[];
    const leader = await t.login('lingdao');
    const id = users.find((u) => u.username === 'lingdao')!.id;
    expect((await admin.post(`/api/users/${id}/reset-password`, { password: 'Reset-by-admin-1' })).statusCode).toBe(204);
    expect((await leader.get('/api/units')).statusCode).toBe(401);
  });
});

describe('login throttling', () => {
  it('locks an account after 5 failures in 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rexian', password: `wrong-${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rexian', password: 'Demo-2026-haidian' } });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from another address is unaffected.
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.9', payload: { username: 'shenhe', password: 'Demo-2026-haidian' } });
    expect(other.statusCode).toBe(200);
  });

  it('blocks an address after 20 failures across accounts', async () => {
    const remoteAddress = '192.0.2.7';
    for (let i = 0; i < 20; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: `guess${i}`, password: 'wrong-password' } });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'zgc', password: 'Demo-2026-haidian' } });
    expect(res.statusCode).toBe(429);
  });
});

describe('several server processes', () => {
  it('share sessions through the database: a login on one is valid on another', async () => {
    const { buildApp } = await import('../app.ts');
    const second = await buildApp({ database: await t.openAnother(), webRoot: '/nonexistent' });
    try {
      const c = await t.login('kaohe');
      const res = await second.inject({ method: 'POST', url: '/api/categories', headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken }, payload: { code: 'TWO', name: '第二进程' } });
      expect(res.statusCode).toBe(201);
      await c.post('/api/auth/logout');
      expect((await second.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } })).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });
});
