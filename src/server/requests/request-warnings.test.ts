// Deadline warnings as people read them: the live ones (still owed, one per request and clock,
// with the time left) and the count by unit; a unit reporter sees its own unit only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionContext } from '../auth/actor.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { raiseDueWarnings } from './deadline-alarms.ts';
import { findService, takeIn } from './intake-service.ts';
import { applyEvent } from './lifecycle-service.ts';

let t: TestApp;
let hotlineClient: Client;
let zgc: Client;
let hotline: ActionContext;
const unitIds: Record<string, string> = {};
const hour = 3_600_000;
const ids: Record<string, string> = {};

interface Live { requestId: string; code: string; serviceName: string; unitName: string; clock: string; state: string; dueAt: string; msLeft: number }

/** A general request (respond in 24 h) dispatched `hoursAgo` ago to a unit. */
async function dispatchedAgo(unit: string, hoursAgo: number): Promise<string> {
  const db = t.database.db;
  const at = new Date(Date.now() - hoursAgo * hour);
  const service = (await findService(db, { code: 'CSGL-ZDJY' }))!;
  const { request } = await takeIn(db, { actorId: null, actorName: 'test', requestId: 'test' }, {
    service, description: '路边占道经营', address: '', lat: null, lon: null, divisionCode: null, citizenName: '', citizenPhone: '', channel: 'phone',
  }, at);
  await applyEvent(db, hotline, request.id, { event: 'dispatch', version: 1, unitId: unitIds[unit]! }, at);
  return request.id;
}

beforeAll(async () => {
  t = await startTestApp();
  hotlineClient = await t.login('rexian');
  zgc = await t.login('zgc');
  for (const name of ['中关村街道', '学院路街道']) {
    const [u] = await t.database.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [name]);
    unitIds[name] = u!.id;
  }
  const [h] = await t.database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'rexian'`);
  hotline = { actor: { id: h!.id, username: 'rexian', displayName: '刘敏', role: 'hotline_centre', unitId: null, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'test' };
  // The demo's own alarms would take long to raise one by one here (deadlines.test.ts raises them): set them aside.
  await t.database.query('UPDATE request_alarms SET cancelled_at = now() WHERE fired_at IS NULL AND cancelled_at IS NULL');
  // Response due in 4 h (warned 6 h ahead: now), overdue by 1 h, and another unit's.
  ids.soon = await dispatchedAgo('中关村街道', 20);
  ids.late = await dispatchedAgo('中关村街道', 25);
  ids.other = await dispatchedAgo('学院路街道', 20);
  await raiseDueWarnings(t.database.db, new Date(), 'test');
});
afterAll(async () => { await t?.close(); });

const live = async (client: Client, query = '') => {
  const res = await client.get(`/api/request-warnings/live?limit=500${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Live[];
};

describe('live deadline warnings', () => {
  it('shows a unit its own requests near or past a deadline, once per clock, with the time left', async () => {
    const mine = await live(zgc);
    expect(mine.every((w) => w.unitName === '中关村街道')).toBe(true);
    const soon = mine.filter((w) => w.requestId === ids.soon);
    expect(soon).toEqual([expect.objectContaining({ clock: 'response', state: 'due_soon', serviceName: '占道经营', code: expect.stringMatching(/^HD/) })]);
    expect(soon[0]!.msLeft).toBeGreaterThan(3.9 * hour);
    expect(soon[0]!.msLeft).toBeLessThan(4.1 * hour);
    // Warned ahead and then overdue: one line, overdue.
    const late = mine.filter((w) => w.requestId === ids.late);
    expect(late).toEqual([expect.objectContaining({ clock: 'response', state: 'overdue' })]);
    expect(late[0]!.msLeft).toBeLessThan(0);
    expect(mine.some((w) => w.requestId === ids.other)).toBe(false);
    // Most urgent first.
    expect(mine.map((w) => Date.parse(w.dueAt))).toEqual([...mine.map((w) => Date.parse(w.dueAt))].sort((a, b) => a - b));
  });
  it('never shows a unit another unit’s warnings, whatever it asks for', async () => {
    expect((await live(zgc, `&unitId=${unitIds['学院路街道']}`)).some((w) => w.requestId === ids.other)).toBe(false);
    const rows = (await zgc.get('/api/request-warnings/by-unit')).json() as { unitName: string }[];
    expect(rows.map((r) => r.unitName)).toEqual(['中关村街道']);
    expect((await zgc.get('/api/request-warnings?limit=500')).json().every((w: { requestId: string }) => w.requestId !== ids.other)).toBe(true);
  });
  it('gives the hotline an overview by unit, and each unit’s list', async () => {
    const rows = (await hotlineClient.get('/api/request-warnings/by-unit')).json() as { unitName: string; dueSoon: number; overdue: number; nextDueAt: string | null }[];
    const zgcRow = rows.find((r) => r.unitName === '中关村街道')!;
    expect(zgcRow.dueSoon).toBeGreaterThanOrEqual(1);
    expect(zgcRow.overdue).toBeGreaterThanOrEqual(1);
    expect(rows.find((r) => r.unitName === '学院路街道')!.dueSoon).toBeGreaterThanOrEqual(1);
    // Overdue first.
    expect(rows.map((r) => r.overdue)).toEqual([...rows.map((r) => r.overdue)].sort((a, b) => b - a));
    const theirs = await live(hotlineClient, `&unitId=${unitIds['学院路街道']}`);
    expect(theirs.some((w) => w.requestId === ids.other)).toBe(true);
    expect(theirs.every((w) => w.unitName === '学院路街道')).toBe(true);
  });
  it('drops a warning once the step is done', async () => {
    const unit: ActionContext = { actor: { ...hotline.actor, role: 'unit_reporter', unitId: unitIds['中关村街道']!, unitName: '中关村街道' }, requestId: 'test' };
    await applyEvent(t.database.db, unit, ids.soon!, { event: 'accept', version: 2 });
    expect((await live(zgc)).some((w) => w.requestId === ids.soon)).toBe(false);
    // The raw history keeps it.
    expect((await zgc.get('/api/request-warnings?limit=500')).json().some((w: { requestId: string }) => w.requestId === ids.soon)).toBe(true);
  });
  it('is for officials only', async () => {
    expect((await t.anonymous().get('/api/request-warnings/live')).statusCode).toBe(401);
    expect((await t.anonymous().get('/api/request-warnings/by-unit')).statusCode).toBe(401);
  });
});
