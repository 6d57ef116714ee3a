// Every role against every route family of the composite assessment, allowed or refused, asserted
// from one table, on an assessment year set up like the demo's: the scheme published, the first
// quarter reported, approved and its result published, the year's result a draft, the half year
// (H1) open for reporting. The unit reporter is 中关村街道's ("own"); "other" is
// 学院路街道, whose unpublished data the reporter may not even learn exists (404). The office
// designs, computes and publishes; reviewers review but never publish; leaders read and never
// change anything.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type RoleOrPublic } from '../../core/auth/roles.ts';
import type { AdjustmentView, DueItem, SubmissionView } from '../../core/scheme/collection.ts';
import type { ActionContext } from '../auth/actor.ts';
import { demoPdf } from '../demo/demo-assessment.ts';
import { demoSchemeContent } from '../demo/demo-assessment-scheme.ts';
import { demoAccounts } from '../demo/demo-district.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { createUser } from '../users/user-service.ts';
import { proposeAdjustment } from './adjustment-service.ts';
import { contextOf, fillPeriod, publishDemoScheme, year } from './assessment-test-kit.ts';

interface Summary { id: string; round: string; status: string; version: number }
interface SchemeSummary { id: string; year: number; status: string; version: number }

const openPeriod = 'H1';
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const at = (unitId: string, period = openPeriod) => `/api/assessment/years/${year}/periods/${period}/units/${unitId}`;

let t: TestApp;
const clients = {} as Record<RoleOrPublic, Client>;
let admin: Client;
/** A second office account: it proposes the entries everyone else decides (nobody decides their own). */
let proposer: ActionContext;
const own = { id: '', code: '' };
const other = { id: '', code: '' };
let publishedScheme: string;
let draftScheme: string;
let publishedResult: string;
let draftResult: string;
const submissionOf = { own: '', other: '' };
const evidence = { ownSubmission: '', otherSubmission: '', ownAdjustment: '', otherAdjustment: '' };
const adjustment = { own: '', other: '' };
let importJob: string;
/** Units whose open-period submission the approve row may use up (approval is final). */
let approvable: string[] = [];
let nextYear = 2030;
let seq = 0;

/** A set-up call that must succeed; its JSON body. */
async function must<T>(response: Promise<LightMyRequestResponse>): Promise<T> {
  const res = await response;
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`set-up failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json<T>();
}

/** The unit's open-period submission made editable as the office would: created when missing, returned when submitted. */
async function editable(unitId: string): Promise<SubmissionView> {
  let view = await must<SubmissionView>(admin.get(at(unitId)));
  if (view.id === null) view = await must(admin.post(`${at(unitId)}/values`, { version: 0, values: [] }));
  if (view.state === 'submitted') view = await must(admin.post(`/api/assessment/submissions/${view.id}/return`, { version: view.version, comment: '矩阵测试退回' }));
  if (view.state === 'approved') throw new Error(`the submission of ${unitId} is approved and cannot be reopened`);
  return view;
}

/** …with every due value entered, ready to submit. */
async function complete(unitId: string): Promise<SubmissionView> {
  const view = await editable(unitId);
  const values = view.lines.map((l) => ({ indicatorCode: l.indicatorCode, value: l.value ?? l.previous ?? l.min ?? l.max ?? 1 }));
  return must(admin.post(`${at(unitId)}/values`, { version: view.version, values }));
}

/** …submitted for review. */
async function submitted(unitId: string): Promise<SubmissionView> {
  const view = await complete(unitId);
  return must(admin.post(`${at(unitId)}/submit`, { version: view.version }));
}

const proposal = (unitId: string) => ({ year, period: openPeriod, unitId, kind: 'bonus' as const, item: 'award', points: 1, reason: '矩阵测试加分' });
const pendingFor = (unitId: string) => proposeAdjustment(t.database.db, proposer, proposal(unitId));

const attach = (c: Client, url: string) => c.request('POST', `${url}?fileName=${encodeURIComponent('佐证材料.pdf')}`, demoPdf, { 'content-type': 'application/pdf' });
const attachToSubmission = (c: Client, view: SubmissionView) =>
  c.request('POST', `/api/assessment/submissions/${view.id}/evidence?fileName=${encodeURIComponent('佐证材料.pdf')}&indicatorCode=${view.lines[0]!.indicatorCode}`, demoPdf, { 'content-type': 'application/pdf' });

/** A draft scheme of a year nobody uses, and the same published. */
const newDraft = () => must<SchemeSummary>(admin.post('/api/assessment/schemes', { year: nextYear++, name: '矩阵测试方案', content: demoSchemeContent }));
const newPublished = async () => {
  const d = await newDraft();
  return must<SchemeSummary>(admin.post(`/api/assessment/schemes/${d.id}/publish`, { version: d.version }));
};

const results = () => must<Summary[]>(admin.get(`/api/assessment/years/${year}/results`));

/** Waits for a bulk import job to finish, so no job outlives its test. */
async function settled(jobId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await must<{ status: string }>(admin.get(`/api/assessment/imports/${jobId}`))).status !== 'running') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${jobId} did not finish`);
}
const startImport = async (c: Client) => {
  // Not a workbook: the job starts (202) and fails on reading, writing nothing.
  const res = await c.request('POST', `/api/assessment/years/${year}/periods/${openPeriod}/import`, Buffer.from('not a workbook'), { 'content-type': xlsx });
  if (res.statusCode === 202) await settled(res.json<{ id: string }>().id);
  return res;
};

beforeAll(async () => {
  t = await startTestApp();
  // The demo has more than one reporter; the matrix's is 中关村街道's (zgc).
  for (const role of roles) clients[role] = await t.login(role === 'unit_reporter' ? 'zgc' : demoAccounts.find((a) => a.role === role)!.username);
  clients.public = t.anonymous();
  admin = clients.admin;
  await publishDemoScheme(clients.assessment_office);
  await fillPeriod(t.database.db, 'Q1', 0);
  const q1 = await must<Summary>(admin.post(`/api/assessment/years/${year}/rounds/Q1/compute`));
  publishedResult = (await must<Summary>(admin.post(`/api/assessment/results/${q1.id}/publish`, { version: q1.version }))).id;
  draftResult = (await must<Summary>(admin.post(`/api/assessment/years/${year}/rounds/YEAR/compute`))).id;
  await createUser(t.database.db, null, { username: 'kaohe-matrix', displayName: '矩阵考核办', role: 'assessment_office', password: 'Matrix-pass-1', mustChangePassword: false });
  proposer = await contextOf(t.database.db, 'kaohe-matrix');

  const units = (await must<{ items: { id: string; name: string; code: string }[] }>(admin.get('/api/units?limit=500'))).items;
  for (const [unit, name] of [[own, '中关村街道'], [other, '学院路街道']] as const) {
    const found = units.find((u) => u.name === name)!;
    Object.assign(unit, { id: found.id, code: found.code });
  }

  const schemes = await must<SchemeSummary[]>(admin.get('/api/assessment/schemes'));
  publishedScheme = schemes.find((s) => s.year === year && s.status === 'published')!.id;
  draftScheme = (await must<SchemeSummary>(admin.post(`/api/assessment/schemes/${publishedScheme}/copy`, { year: year + 1 }))).id;

  const due = await must<DueItem[]>(admin.get(`/api/assessment/years/${year}/due`));
  submissionOf.own = due.find((d) => d.unitId === own.id && d.period === 'Q1')!.submissionId!;
  submissionOf.other = due.find((d) => d.unitId === other.id && d.period === 'Q1')!.submissionId!;
  approvable = due.filter((d) => d.period === openPeriod && d.unitId !== own.id && d.unitId !== other.id && d.state !== 'approved').map((d) => d.unitId);

  for (const side of ['own', 'other'] as const) {
    const unit = side === 'own' ? own : other;
    const view = await editable(unit.id);
    evidence[`${side}Submission`] = (await must<{ id: string }>(attachToSubmission(admin, view))).id;
    adjustment[side] = (await pendingFor(unit.id)).id;
    evidence[`${side}Adjustment`] = (await must<{ id: string }>(attach(admin, `/api/assessment/adjustments/${adjustment[side]}/evidence`))).id;
  }

  const job = await admin.request('POST', `/api/assessment/years/${year}/periods/${openPeriod}/import`, Buffer.from('not a workbook'), { 'content-type': xlsx });
  importJob = job.json<{ id: string }>().id;
  await settled(importJob);
});
afterAll(async () => { await t?.close(); });

type Outcome = 'ok' | 'refused' | 'hidden' | 'login';
/** ok: 2xx · refused: 403 · hidden: 404 (a reporter may not even learn it exists) · login: 401 */
const statusOf: Record<Outcome, (s: number) => boolean> = {
  ok: (s) => s >= 200 && s < 300,
  refused: (s) => s === 403,
  hidden: (s) => s === 404,
  login: (s) => s === 401,
};

interface Family { name: string; call: (c: Client) => Promise<LightMyRequestResponse>; expect: Partial<Record<RoleOrPublic, Outcome>>; otherwise: Outcome }

// The outcomes that recur. Supervision office and hotline centre have no part in the assessment's
// unpublished data: they see published schemes and results only.
const readers = { public: 'login' } as const;
const notUnitData = { supervision_office: 'hidden', hotline_centre: 'hidden', public: 'login' } as const;
const notOtherUnitData = { ...notUnitData, unit_reporter: 'hidden' } as const;
const office = { admin: 'ok', assessment_office: 'ok', public: 'login' } as const;
const unitEdit = { ...notUnitData, admin: 'ok', assessment_office: 'ok', unit_reporter: 'ok' } as const;
const otherUnitEdit = { ...notOtherUnitData, admin: 'ok', assessment_office: 'ok' } as const;
const review = { admin: 'ok', assessment_office: 'ok', reviewer: 'ok', public: 'login' } as const;
const snapshotReaders = { admin: 'ok', assessment_office: 'ok', leader: 'ok', public: 'login' } as const;

const families: Family[] = [
  // Schemes: published ones are everyone's rules; drafts are the office's work in progress.
  { name: 'GET /api/assessment/schemes', call: (c) => c.get('/api/assessment/schemes'), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/schemes/:published', call: (c) => c.get(`/api/assessment/schemes/${publishedScheme}`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/schemes/:draft', call: (c) => c.get(`/api/assessment/schemes/${draftScheme}`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/schemes/:published/export.json', call: (c) => c.get(`/api/assessment/schemes/${publishedScheme}/export.json`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/schemes/:draft/export.json', call: (c) => c.get(`/api/assessment/schemes/${draftScheme}/export.json`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/schemes/:published/export.xlsx', call: (c) => c.get(`/api/assessment/schemes/${publishedScheme}/export.xlsx`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/schemes/:draft/export.xlsx', call: (c) => c.get(`/api/assessment/schemes/${draftScheme}/export.xlsx`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'POST /api/assessment/schemes', call: (c) => c.post('/api/assessment/schemes', { year: nextYear++, name: '矩阵测试方案', content: demoSchemeContent }), expect: office, otherwise: 'refused' },
  { name: 'PATCH /api/assessment/schemes/:draft', call: async (c) => {
    const { version } = await must<SchemeSummary>(admin.get(`/api/assessment/schemes/${draftScheme}`));
    return c.patch(`/api/assessment/schemes/${draftScheme}`, { name: `矩阵草稿${++seq}`, version });
  }, expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/schemes/:draft/publish', call: async (c) => {
    const d = await newDraft();
    return c.post(`/api/assessment/schemes/${d.id}/publish`, { version: d.version });
  }, expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/schemes/:published/revise', call: async (c) => {
    const p = await newPublished();
    return c.post(`/api/assessment/schemes/${p.id}/revise`, { reason: '矩阵测试修订', version: p.version });
  }, expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/schemes/:published/copy', call: (c) => c.post(`/api/assessment/schemes/${publishedScheme}/copy`, { year: nextYear++ }), expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/schemes/import.xlsx', call: async (c) => {
    const p = await newPublished();
    const file = (await admin.get(`/api/assessment/schemes/${p.id}/export.xlsx`)).rawPayload;
    return c.request('POST', '/api/assessment/schemes/import.xlsx', file, { 'content-type': xlsx });
  }, expect: office, otherwise: 'refused' },

  // What units owe, and their submissions (填报): the office and the unit itself write, reviewers and leaders read.
  { name: 'GET /api/assessment/years/:year/due', call: (c) => c.get(`/api/assessment/years/${year}/due`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/years/:year/due?unitId=:own', call: (c) => c.get(`/api/assessment/years/${year}/due?unitId=${own.id}`), expect: notUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/years/:year/due?unitId=:other', call: (c) => c.get(`/api/assessment/years/${year}/due?unitId=${other.id}`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/years/:year/periods/:period/units/:own', call: (c) => c.get(at(own.id)), expect: notUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/years/:year/periods/:period/units/:other', call: (c) => c.get(at(other.id)), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'POST /api/assessment/years/:year/periods/:period/units/:own/values', call: async (c) => {
    const view = await editable(own.id);
    return c.post(`${at(own.id)}/values`, { version: view.version, values: [{ indicatorCode: view.lines[0]!.indicatorCode, value: view.lines[0]!.value, note: `矩阵${++seq}` }] });
  }, expect: unitEdit, otherwise: 'refused' },
  { name: 'POST /api/assessment/years/:year/periods/:period/units/:other/values', call: async (c) => {
    const view = await editable(other.id);
    return c.post(`${at(other.id)}/values`, { version: view.version, values: [{ indicatorCode: view.lines[0]!.indicatorCode, value: view.lines[0]!.value, note: `矩阵${++seq}` }] });
  }, expect: otherUnitEdit, otherwise: 'refused' },
  { name: 'POST /api/assessment/years/:year/periods/:period/units/:own/submit', call: async (c) => c.post(`${at(own.id)}/submit`, { version: (await complete(own.id)).version }), expect: unitEdit, otherwise: 'refused' },
  { name: 'POST /api/assessment/years/:year/periods/:period/units/:other/submit', call: async (c) => c.post(`${at(other.id)}/submit`, { version: (await complete(other.id)).version }), expect: otherUnitEdit, otherwise: 'refused' },
  { name: 'GET /api/assessment/years/:year/periods/:period/units/:own/template.xlsx', call: (c) => c.get(`${at(own.id)}/template.xlsx`), expect: notUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/years/:year/periods/:period/units/:other/template.xlsx', call: (c) => c.get(`${at(other.id)}/template.xlsx`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'POST /api/assessment/years/:year/periods/:period/units/:own/upload', call: async (c) => {
    await editable(own.id);
    const file = (await admin.get(`${at(own.id)}/template.xlsx`)).rawPayload;
    return c.request('POST', `${at(own.id)}/upload`, file, { 'content-type': xlsx });
  }, expect: unitEdit, otherwise: 'refused' },
  { name: 'POST /api/assessment/years/:year/periods/:period/units/:other/upload', call: async (c) => {
    await editable(other.id);
    const file = (await admin.get(`${at(other.id)}/template.xlsx`)).rawPayload;
    return c.request('POST', `${at(other.id)}/upload`, file, { 'content-type': xlsx });
  }, expect: otherUnitEdit, otherwise: 'refused' },

  // Review (审核): reviewers and the office; a reporter never reviews, not even its own unit.
  { name: 'GET /api/assessment/years/:year/queue', call: (c) => c.get(`/api/assessment/years/${year}/queue`), expect: { ...review, leader: 'ok' }, otherwise: 'refused' },
  { name: 'GET /api/assessment/submissions/:own', call: (c) => c.get(`/api/assessment/submissions/${submissionOf.own}`), expect: notUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/submissions/:other', call: (c) => c.get(`/api/assessment/submissions/${submissionOf.other}`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'POST /api/assessment/submissions/:own/return', call: async (c) => {
    const view = await submitted(own.id);
    return c.post(`/api/assessment/submissions/${view.id}/return`, { version: view.version, comment: '请核实后重新报送' });
  }, expect: review, otherwise: 'refused' },
  { name: 'POST /api/assessment/submissions/:other/approve', call: async (c) => {
    const view = await submitted(approvable.shift()!);
    const res = await c.post(`/api/assessment/submissions/${view.id}/approve`, { version: view.version });
    if (res.statusCode !== 200) approvable.unshift(view.unitId);
    return res;
  }, expect: review, otherwise: 'refused' },

  // Evidence (佐证材料): attached by whoever may change the value or entry, read by whoever may read it.
  { name: 'POST /api/assessment/submissions/:own/evidence', call: async (c) => attachToSubmission(c, await editable(own.id)), expect: unitEdit, otherwise: 'refused' },
  { name: 'POST /api/assessment/submissions/:other/evidence', call: async (c) => attachToSubmission(c, await editable(other.id)), expect: otherUnitEdit, otherwise: 'refused' },
  { name: 'POST /api/assessment/adjustments/:own/evidence', call: (c) => attach(c, `/api/assessment/adjustments/${adjustment.own}/evidence`), expect: { ...office, ...notUnitData }, otherwise: 'refused' },
  { name: 'POST /api/assessment/adjustments/:other/evidence', call: (c) => attach(c, `/api/assessment/adjustments/${adjustment.other}/evidence`), expect: { ...office, ...notOtherUnitData }, otherwise: 'refused' },
  { name: 'GET /api/assessment/evidence/:own-submission', call: (c) => c.get(`/api/assessment/evidence/${evidence.ownSubmission}`), expect: notUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/evidence/:other-submission', call: (c) => c.get(`/api/assessment/evidence/${evidence.otherSubmission}`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/evidence/:own-adjustment', call: (c) => c.get(`/api/assessment/evidence/${evidence.ownAdjustment}`), expect: notUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/evidence/:other-adjustment', call: (c) => c.get(`/api/assessment/evidence/${evidence.otherAdjustment}`), expect: notOtherUnitData, otherwise: 'ok' },

  // Bulk import (批量导入): the office's alone (and the statistics bureau's, see bulk-import.test.ts); everyone may ask which years they may import.
  { name: 'GET /api/assessment/import-access', call: (c) => c.get('/api/assessment/import-access'), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/years/:year/periods/:period/import-template.xlsx', call: (c) => c.get(`/api/assessment/years/${year}/periods/${openPeriod}/import-template.xlsx`), expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/years/:year/periods/:period/import', call: startImport, expect: office, otherwise: 'refused' },
  // A job's progress: the office's, or whoever started it; anyone else learns nothing of it.
  { name: 'GET /api/assessment/imports/:id', call: (c) => c.get(`/api/assessment/imports/${importJob}`), expect: office, otherwise: 'hidden' },

  // Bonus, penalty and veto entries: proposed by the office, decided by someone else (office or reviewer).
  { name: 'GET /api/assessment/years/:year/adjustments', call: (c) => c.get(`/api/assessment/years/${year}/adjustments`), expect: readers, otherwise: 'ok' },
  { name: 'POST /api/assessment/adjustments for :own', call: (c) => c.post('/api/assessment/adjustments', proposal(own.id)), expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/adjustments for :other', call: (c) => c.post('/api/assessment/adjustments', proposal(other.id)), expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/adjustments/:own/decide', call: async (c) => {
    const a = await pendingFor(own.id);
    return c.post(`/api/assessment/adjustments/${a.id}/decide`, { decision: 'reject', version: a.version, comment: '矩阵测试' });
  }, expect: { ...review, ...notUnitData }, otherwise: 'refused' },
  { name: 'POST /api/assessment/adjustments/:other/decide', call: async (c) => {
    const a = await pendingFor(other.id);
    return c.post(`/api/assessment/adjustments/${a.id}/decide`, { decision: 'reject', version: a.version, comment: '矩阵测试' });
  }, expect: { ...review, ...notOtherUnitData }, otherwise: 'refused' },
  { name: 'POST /api/assessment/adjustments/:proposed-by-oneself/decide', call: async (c) => {
    const proposed = await c.post('/api/assessment/adjustments', proposal(other.id));
    if (proposed.statusCode !== 201) return proposed;
    const a = proposed.json<AdjustmentView>();
    return c.post(`/api/assessment/adjustments/${a.id}/decide`, { decision: 'reject', version: a.version });
  }, expect: { public: 'login' }, otherwise: 'refused' },

  // Results: computed and published by the office only; drafts never reach units.
  { name: 'GET /api/assessment/years/:year/results', call: (c) => c.get(`/api/assessment/years/${year}/results`), expect: readers, otherwise: 'ok' },
  { name: 'POST /api/assessment/years/:year/rounds/:round/compute', call: (c) => c.post(`/api/assessment/years/${year}/rounds/YEAR/compute`), expect: office, otherwise: 'refused' },
  { name: 'POST /api/assessment/results/:draft/publish', call: async (c) => {
    const draft = (await results()).find((r) => r.id === draftResult)!;
    const res = await c.post(`/api/assessment/results/${draftResult}/publish`, { version: draft.version });
    // Publishing is final; put the draft back behind the application's back for the rows after this one.
    if (res.statusCode === 200) await t.database.query("UPDATE assessment_results SET status = 'draft', published_at = NULL, published_by = NULL, version = version + 1 WHERE id = $1", [draftResult]);
    return res;
  }, expect: office, otherwise: 'refused' },
  { name: 'GET /api/assessment/results/:published', call: (c) => c.get(`/api/assessment/results/${publishedResult}`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft', call: (c) => c.get(`/api/assessment/results/${draftResult}`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/verify', call: (c) => c.get(`/api/assessment/results/${publishedResult}/verify`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft/verify', call: (c) => c.get(`/api/assessment/results/${draftResult}/verify`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/snapshot', call: (c) => c.get(`/api/assessment/results/${publishedResult}/snapshot`), expect: snapshotReaders, otherwise: 'refused' },
  { name: 'GET /api/assessment/results/:draft/snapshot', call: (c) => c.get(`/api/assessment/results/${draftResult}/snapshot`), expect: snapshotReaders, otherwise: 'refused' },

  // Dashboards: ranking, lagging indicators, a unit's scorecard.
  { name: 'GET /api/assessment/results/:published/lagging', call: (c) => c.get(`/api/assessment/results/${publishedResult}/lagging`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft/lagging', call: (c) => c.get(`/api/assessment/results/${draftResult}/lagging`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/units/:own', call: (c) => c.get(`/api/assessment/results/${publishedResult}/units/${own.code}`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/units/:other', call: (c) => c.get(`/api/assessment/results/${publishedResult}/units/${other.code}`), expect: { unit_reporter: 'hidden', public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft/units/:own', call: (c) => c.get(`/api/assessment/results/${draftResult}/units/${own.code}`), expect: notOtherUnitData, otherwise: 'ok' },

  // Exports: Excel rankings, the Word notice of results and scorecards.
  { name: 'GET /api/assessment/results/:published/export.xlsx', call: (c) => c.get(`/api/assessment/results/${publishedResult}/export.xlsx`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft/export.xlsx', call: (c) => c.get(`/api/assessment/results/${draftResult}/export.xlsx`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/notice.docx', call: (c) => c.get(`/api/assessment/results/${publishedResult}/notice.docx`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft/notice.docx', call: (c) => c.get(`/api/assessment/results/${draftResult}/notice.docx`), expect: notOtherUnitData, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/units/:own/scorecard.docx', call: (c) => c.get(`/api/assessment/results/${publishedResult}/units/${own.code}/scorecard.docx`), expect: readers, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:published/units/:other/scorecard.docx', call: (c) => c.get(`/api/assessment/results/${publishedResult}/units/${other.code}/scorecard.docx`), expect: { unit_reporter: 'hidden', public: 'login' }, otherwise: 'ok' },
  { name: 'GET /api/assessment/results/:draft/units/:own/scorecard.docx', call: (c) => c.get(`/api/assessment/results/${draftResult}/units/${own.code}/scorecard.docx`), expect: notOtherUnitData, otherwise: 'ok' },
];

const everyone: RoleOrPublic[] = [...roles, 'public'];

// A loop rather than describe.each: its '$name' would cut the longer route names short.
for (const family of families) {
  describe(family.name, () => {
    it.each(everyone)('as %s', async (role) => {
      const expected = family.expect[role] ?? family.otherwise;
      const res = await family.call(clients[role]);
      expect(statusOf[expected](res.statusCode), `${role}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
      if (expected !== 'ok') expect(res.json().error.message.length).toBeGreaterThan(0);
    });
  });
}

describe('what a unit reporter is shown where a list answers everyone', () => {
  const reporter = () => clients.unit_reporter;
  it('owes and sees only its own unit', async () => {
    const due = await must<DueItem[]>(reporter().get(`/api/assessment/years/${year}/due`));
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((d) => d.unitId === own.id)).toBe(true);
    const adjustments = await must<AdjustmentView[]>(reporter().get(`/api/assessment/years/${year}/adjustments`));
    expect(adjustments.length).toBeGreaterThan(0);
    expect(adjustments.every((a) => a.unitId === own.id)).toBe(true);
    expect((await must<AdjustmentView[]>(admin.get(`/api/assessment/years/${year}/adjustments`))).some((a) => a.unitId === other.id)).toBe(true);
  });
  it('is never shown draft results or draft schemes', async () => {
    for (const role of ['unit_reporter', 'supervision_office', 'hotline_centre'] as const) {
      const list = await must<Summary[]>(clients[role].get(`/api/assessment/years/${year}/results`));
      expect(list.map((r) => r.id)).toEqual([publishedResult]);
      const schemes = await must<SchemeSummary[]>(clients[role].get('/api/assessment/schemes'));
      expect(schemes.some((s) => s.id === draftScheme || s.status === 'draft')).toBe(false);
    }
    expect((await must<Summary[]>(clients.leader.get(`/api/assessment/years/${year}/results`))).some((r) => r.id === draftResult)).toBe(true);
  });
  it('is not shown how its values compare with its peers', async () => {
    await submitted(own.id);
    const view = await must<SubmissionView>(reporter().get(at(own.id)));
    expect(view.state).toBe('submitted');
    expect(view.lines.every((l) => l.outlier === null)).toBe(true);
  });
});
