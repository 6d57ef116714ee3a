import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import type { SubmissionView } from '../../core/scheme/collection.ts';
import { verifyAuditChain } from '../audit/audit-trail.ts';
import { AppError } from '../http/errors.ts';
import { importValues } from './bulk-import.ts';
import { contextOf, fillPeriod, publishDemoScheme, unitId, year } from './assessment-test-kit.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// What a bulk import may do: who imports which indicators (the office any, the statistics bureau
// its own), what it does to submissions already reviewed, and that a published period is frozen.
describe('bulk import', () => {
  let t: TestApp;
  let kaohe: Client;
  let shenhe: Client;
  let zgc: Client;
  let tongji: Client;
  let zgcId: string;
  let otherId: string;
  const at = (unit: string, period = 'Q1') => `/api/assessment/years/${year}/periods/${period}/units/${unit}`;
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
  const template = async (client: Client, period: string) => {
    const res = await client.request('GET', `/api/assessment/years/${year}/periods/${period}/import-template.xlsx`);
    if (res.statusCode !== 200) return { status: res.statusCode, wb: null };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { status: 200, wb };
  };
  const start = (client: Client, period: string, body: Buffer) => client.request('POST', `/api/assessment/years/${year}/periods/${period}/import`, body, { 'content-type': xlsx });
  const finished = async (client: Client, id: string) => {
    for (;;) {
      const job = (await client.get(`/api/assessment/imports/${id}`)).json<{ status: string; message: string; errors: { sheet: string; row: number; column: string; message: string }[] }>();
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };
  const statisticsValues = (period: string) => t.database.query<{ unit: string; value: number }>(
    `SELECT u.code AS unit, o.value FROM assessment_observations o JOIN assessment_submissions s ON s.id = o.submission_id JOIN units u ON u.id = s.unit_id
     WHERE s.year = $1 AND s.period = $2 AND o.indicator_code = 'BM01' ORDER BY u.code`, [year, period]);

  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, shenhe, zgc, tongji] = await Promise.all([t.login('kaohe'), t.login('shenhe'), t.login('zgc'), t.login('tongji')]);
    await publishDemoScheme(kaohe);
    await fillPeriod(t.database.db, 'Q1', 0);
    zgcId = await unitId(t.database.db, '中关村街道');
    otherId = await unitId(t.database.db, '海淀街道');
  }, 300_000);
  afterAll(() => t.close());

  it('a changed value sends an approved submission back to review, with before and after in the audit', async () => {
    const before = (await kaohe.get(at(zgcId))).json<SubmissionView>();
    const other = (await kaohe.get(at(otherId))).json<SubmissionView>();
    expect([before.state, other.state]).toEqual(['approved', 'approved']);
    const old = before.lines.find((l) => l.indicatorCode === 'ZJ02')!.value!;
    const same = other.lines.find((l) => l.indicatorCode === 'ZJ02')!.value!;
    const outcome = await importValues(t.database.db, await contextOf(t.database.db, 'kaohe'), year, 'Q1', new Map([
      [zgcId, [{ indicatorCode: 'ZJ02', value: old + 1.5 }]],
      [otherId, [{ indicatorCode: 'ZJ02', value: same }]],
    ]));
    expect(outcome).toEqual({ values: 2, changed: 1, reopened: 1 });

    const after = (await kaohe.get(at(zgcId))).json<SubmissionView>();
    expect(after).toMatchObject({ state: 'submitted', version: before.version + 1 });
    expect(after.lines.find((l) => l.indicatorCode === 'ZJ02')!.value).toBe(old + 1.5);
    // an unchanged value changes nothing
    expect((await kaohe.get(at(otherId))).json<SubmissionView>()).toMatchObject({ state: 'approved', version: other.version });
    // the reviewer finds it in the queue again
    const queue = (await shenhe.get(`/api/assessment/years/${year}/queue?state=submitted&period=Q1`)).json<{ unitId: string }[]>();
    expect(queue.map((q) => q.unitId)).toEqual([zgcId]);

    const [record] = await t.database.query<{ before: { state: string; values: Record<string, number> }; after: { state: string; values: Record<string, number> } }>(
      "SELECT before, after FROM audit_log WHERE entity_type = 'assessment_submission' AND entity_id = $1 AND action = 'submission.import'", [after.id]);
    expect(record!.before).toMatchObject({ state: 'approved', values: { ZJ02: old } });
    expect(record!.after).toMatchObject({ state: 'submitted', values: { ZJ02: old + 1.5 } });
    const [whole] = await t.database.query<{ before: { replaced: Record<string, Record<string, number>> }; after: { changed: number; reopened: number } }>(
      "SELECT before, after FROM audit_log WHERE entity_type = 'assessment_import' ORDER BY seq DESC LIMIT 1");
    expect(whole!.before.replaced).toEqual({ [zgcId]: { ZJ02: old } });
    expect(whole!.after).toMatchObject({ changed: 1, reopened: 1 });
    // the records written together still form one unbroken chain
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });

    // the same import again: nothing left to change
    expect(await importValues(t.database.db, await contextOf(t.database.db, 'kaohe'), year, 'Q1', new Map([[zgcId, [{ indicatorCode: 'ZJ02', value: old + 1.5 }]]])))
      .toEqual({ values: 1, changed: 0, reopened: 0 });
    expect((await kaohe.get(at(zgcId))).json<SubmissionView>().version).toBe(after.version);
  });

  it('tells the menu who may import which years, with each year’s periods: the office and the statistics bureau, no other reporter', async () => {
    for (const [client, years] of [[kaohe, [year]], [tongji, [year]], [zgc, []], [shenhe, []]] as const) {
      const access = (await client.get('/api/assessment/import-access')).json();
      expect(access.years).toEqual(years);
      expect(Object.keys(access.periods)).toEqual(years.map(String));
    }
    // The demo scheme has no monthly indicators: its four periods, in order.
    expect((await kaohe.get('/api/assessment/import-access')).json().periods[year].map((p: { code: string }) => p.code)).toEqual(['Q1', 'H1', 'Q1-3', 'Y']);
  });

  it('the statistics bureau imports its own indicators for every unit, and nothing else', async () => {
    const { wb } = await template(tongji, 'H1');
    // only the indicators whose data source is the statistics bureau
    const sheets = wb!.worksheets.filter((s) => !s.name.startsWith('_'));
    expect(sheets.map((s) => s.name)).toEqual(['部门']);
    const sheet = sheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '单位代码', '单位名称', 'BM01']);
    expect(sheet.rowCount - 2).toBe(28);
    for (let r = 3; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(3).value = 95;
    const started = await start(tongji, 'H1', await bytes(wb!));
    expect(started.statusCode).toBe(202);
    expect((await finished(tongji, started.json().id)).status).toBe('done');
    const written = await statisticsValues('H1');
    expect(written).toHaveLength(28);
    expect(written.every((w) => w.value === 95)).toBe(true);
    // the office sees every job; another reporter does not learn it exists
    expect((await kaohe.get(`/api/assessment/imports/${started.json().id}`)).statusCode).toBe(200);
    expect((await zgc.get(`/api/assessment/imports/${started.json().id}`)).statusCode).toBe(404);

    // a unit-reported indicator in the workbook: refused at its column, nothing written
    for (let r = 3; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(3).value = 96;
    sheet.getRow(1).getCell(4).value = 'BM02';
    for (let r = 3; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(4).value = 90;
    const refused = await finished(tongji, (await start(tongji, 'H1', await bytes(wb!))).json().id);
    expect(refused.status).toBe('failed');
    expect(refused.errors).toEqual([expect.objectContaining({ sheet: '部门', row: 1, column: 'D' })]);
    expect(refused.errors[0]!.message).toContain('只能由考核办导入');
    expect((await statisticsValues('H1')).every((w) => w.value === 95)).toBe(true);

    // and through the service: 403 for a unit-reported indicator
    const bm = await unitId(t.database.db, '区发展和改革委员会');
    const denied = await refusal(importValues(t.database.db, await contextOf(t.database.db, 'tongji'), year, 'H1', new Map([[bm, [{ indicatorCode: 'BM02', value: 90 }]]])));
    expect(denied.status).toBe(403);
    expect(denied.message).toContain('BM02');
  });

  it('another unit’s reporter cannot bulk-import at all', async () => {
    expect((await template(zgc, 'H1')).status).toBe(403);
    const { wb } = await template(tongji, 'H1');
    const res = await start(zgc, 'H1', await bytes(wb!));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('区统计局');
    const bm = await unitId(t.database.db, '区发展和改革委员会');
    expect((await refusal(importValues(t.database.db, await contextOf(t.database.db, 'zgc'), year, 'H1', new Map([[bm, [{ indicatorCode: 'BM01', value: 1 }]]])))).status).toBe(403);
    expect((await statisticsValues('H1')).every((w) => w.value === 95)).toBe(true);
  });

  it('a published period is frozen: imports and the unit’s form are refused, naming the period', async () => {
    // 中关村街道's Q1 goes back to the unit, 海淀街道's waits for review again after a correction,
    // and the quarter is published without them
    const zgcQ1 = (await kaohe.get(at(zgcId))).json<SubmissionView>();
    expect((await shenhe.post(`/api/assessment/submissions/${zgcQ1.id}/return`, { version: zgcQ1.version, comment: '请核实 ZJ02' })).statusCode).toBe(200);
    const otherZj03 = (await kaohe.get(at(otherId))).json<SubmissionView>().lines.find((l) => l.indicatorCode === 'ZJ03')!.value!;
    await importValues(t.database.db, await contextOf(t.database.db, 'kaohe'), year, 'Q1', new Map([[otherId, [{ indicatorCode: 'ZJ03', value: otherZj03 + 1 }]]]));
    const q1 = (await kaohe.post(`/api/assessment/years/${year}/rounds/Q1/compute`)).json<{ id: string; version: number }>();
    expect((await kaohe.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version })).statusCode).toBe(200);

    const returned = (await zgc.get(at(zgcId))).json<SubmissionView>();
    expect(returned.state).toBe('returned');
    const save = await zgc.post(`${at(zgcId)}/values`, { version: returned.version, values: [{ indicatorCode: 'ZJ02', value: 99 }] });
    expect(save.statusCode).toBe(409);
    expect(save.json().error.message).toContain('一季度（Q1）的考核结果已发布');
    // which values count is frozen too: no submitting, no review
    expect((await zgc.post(`${at(zgcId)}/submit`, { version: returned.version })).statusCode).toBe(409);
    const waiting = (await kaohe.get(at(otherId))).json<SubmissionView>();
    expect(waiting.state).toBe('submitted');
    const approve = await shenhe.post(`/api/assessment/submissions/${waiting.id}/approve`, { version: waiting.version });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toContain('一季度（Q1）');

    const { wb } = await template(kaohe, 'Q1');
    const started = await start(kaohe, 'Q1', await bytes(wb!));
    expect(started.statusCode).toBe(409);
    expect(started.json().error.message).toContain('一季度（Q1）');
    expect((await start(tongji, 'Q1', await bytes((await template(tongji, 'Q1')).wb!))).statusCode).toBe(409);
    // the service refuses inside its transaction too, whoever calls it
    const frozen = await refusal(importValues(t.database.db, await contextOf(t.database.db, 'kaohe'), year, 'Q1', new Map([[otherId, [{ indicatorCode: 'ZJ02', value: 1 }]]])));
    expect(frozen.status).toBe(409);
    expect((await kaohe.get(at(otherId))).json<SubmissionView>()).toMatchObject({ state: 'submitted', version: waiting.version });
    expect((await kaohe.get(at(otherId))).json<SubmissionView>().lines.find((l) => l.indicatorCode === 'ZJ02')!.value).not.toBe(1);
    expect((await kaohe.get(at(zgcId))).json<SubmissionView>().lines.find((l) => l.indicatorCode === 'ZJ02')!.value).not.toBe(99);
  });

  it('the year’s published result freezes every period', async () => {
    const y = (await kaohe.post(`/api/assessment/years/${year}/rounds/YEAR/compute`)).json<{ id: string; version: number }>();
    expect((await kaohe.post(`/api/assessment/results/${y.id}/publish`, { version: y.version })).statusCode).toBe(200);
    const bm = await unitId(t.database.db, '区发展和改革委员会');
    const frozen = await refusal(importValues(t.database.db, await contextOf(t.database.db, 'tongji'), year, 'H1', new Map([[bm, [{ indicatorCode: 'BM01', value: 1 }]]])));
    expect(frozen.status).toBe(409);
    expect(frozen.message).toContain('年度考核结果已发布');
    expect(frozen.message).toContain('上半年（H1）');
    expect((await statisticsValues('H1')).every((w) => w.value === 95)).toBe(true);
  });
});
