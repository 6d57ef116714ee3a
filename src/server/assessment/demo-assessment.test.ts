import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.ts';
import { loadDemoAssessment } from '../demo/demo-assessment.ts';

// The demo year loads through the services and leaves a living assessment behind.
describe('demo assessment year', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const started = performance.now();
    await loadDemoAssessment(t.database.db);
    console.log(`demo assessment year loaded in ${Math.round(performance.now() - started)} ms`);
  }, 180_000);
  afterAll(() => t.close());

  it('publishes three quarterly reviews and drafts the year', async () => {
    const leader = await t.login('lingdao');
    const results = (await leader.get('/api/assessment/years/2026/results')).json<{ round: string; status: string; id: string }[]>();
    expect(results.map((r) => `${r.round}:${r.status}`)).toEqual(['Q1:published', 'H1:published', 'Q1-3:published', 'YEAR:draft']);
    const verify = (await leader.get(`/api/assessment/results/${results[1]!.id}/verify`)).json<{ identical: boolean }>();
    expect(verify.identical).toBe(true);
    const zgc = await t.login('zgc');
    const mine = (await zgc.get('/api/assessment/years/2026/results')).json<{ round: string }[]>();
    expect(mine.map((r) => r.round)).toEqual(['Q1', 'H1', 'Q1-3']);
    const due = (await zgc.get('/api/assessment/years/2026/due')).json<{ period: string; state: string; late: boolean; filled: number; due: number }[]>();
    expect(due.map((d) => d.state)).toEqual(['approved', 'approved', 'approved', 'draft']);
    expect(due[3]!.filled).toBeGreaterThan(0);
    expect(due[3]!.filled).toBeLessThan(due[3]!.due);
  });
});
