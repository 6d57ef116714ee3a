/**
 * Benchmarks of the assessment workflow on a database (PostgreSQL when DATABASE_URL is set — the
 * targets are for PostgreSQL — otherwise embedded PGlite): 343 units × 200 indicators.
 *   - compute and publish a quarter (target ≤ 2 s),
 *   - import an Excel workbook of ~70,000 values (target ≤ 10 s),
 *   - the dashboard's API with a year of published results (p95 ≤ 100 ms).
 * Run by hand: `npm run bench -- assessment:` (never inside npm test).
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Benchmark } from './run.ts';
import { buildApp } from '../src/server/app.ts';
import { loadDemo } from '../src/server/demo/load-demo.ts';
import { demoPassword } from '../src/server/demo/demo-district.ts';
import { createTestDatabase, type TestDatabase } from '../src/server/test-support/test-database.ts';
import { assessmentResults, assessmentSubmissions, unitCategories, units, users } from '../src/server/db/schema/index.ts';
import type { ActionContext } from '../src/server/auth/actor.ts';
import { createScheme, publishScheme } from '../src/server/assessment/scheme-service.ts';
import { importValues, readImportWorkbook } from '../src/server/assessment/bulk-import.ts';
import { computeRound, publishRound } from '../src/server/assessment/result-service.ts';
import { noise } from '../src/server/demo/demo-assessment-data.ts';
import { schemeContent, type SchemeContentInput, type SchemeNode } from '../src/core/scheme/scheme.ts';

const unitCount = 343;
const indicatorCount = 200;
const year = 2030;
const dims = ['经济发展', '科技创新', '城市治理', '民生保障', '安全稳定', '党的建设'];

interface World { t: TestDatabase; office: ActionContext; unitIds: { id: string; code: string }[]; content: SchemeContentInput }
let world: Promise<World> | undefined;

function scheme(): SchemeContentInput {
  const nodes: SchemeNode[] = dims.map((name, d) => ({ code: `D${d}`, name, parent: null, kind: 'dimension', weight: 1 + d }));
  for (let i = 0; i < indicatorCount; i++) {
    nodes.push({ code: `I${String(i).padStart(3, '0')}`, name: `指标${i}`, parent: `D${i % dims.length}`, kind: 'indicator', weight: 1 + (i % 5), direction: i % 7 === 0 ? -1 : 1, target: 100, min: 0, max: 1000 });
  }
  return {
    periods: ['Q1', 'H1', 'Q1-3', 'Y'].map((code, k) => ({ code, label: code, deadline: `${year}-0${k + 3}-15`, weight: [0.15, 0.25, 0.25, 0.35][k]! })),
    categories: [{ categoryCode: 'BENCH', name: '基准', nodes }],
    tiers: { by: 'share', bands: [{ name: '第一等次', share: 0.3 }, { name: '第二等次', share: 0.5 }, { name: '第三等次' }] },
  };
}

const valueOf = (unit: string, indicator: number, k: number) => Math.round((100 + 30 * noise(`${unit}:${indicator}`) + 5 * noise(`${unit}:${indicator}:${k}`)) * 100) / 100;

/** 343 units in one category, a published 200-indicator scheme, Q1 imported and approved. */
async function buildWorld(): Promise<World> {
  const t = await createTestDatabase();
  await loadDemo(t.database, { assessmentYear: false });
  const db = t.database.db;
  const [u] = await db.select().from(users).where(eq(users.username, 'kaohe'));
  const office: ActionContext = { actor: { id: u!.id, username: u!.username, displayName: u!.displayName, role: 'assessment_office', unitId: null, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'bench' };
  const categoryId = randomUUID();
  await db.insert(unitCategories).values({ id: categoryId, code: 'BENCH', name: '基准' });
  const unitIds = Array.from({ length: unitCount }, (_, i) => ({ id: randomUUID(), code: `B${String(i).padStart(4, '0')}` }));
  await db.insert(units).values(unitIds.map((x) => ({ ...x, name: `基准单位${x.code}`, kind: 'other', districtCode: '110108', categoryId, pinyinInitials: '', pinyinFull: '' })));
  const content = scheme();
  const draft = await createScheme(db, office, { year, name: `${year}年度基准方案`, content: schemeContent.parse(content) });
  await publishScheme(db, office, draft.id, draft.version);
  await importValues(db, office, year, 'Q1', new Map(unitIds.map((x) => [x.id, Array.from({ length: indicatorCount }, (_, i) => ({ indicatorCode: `I${String(i).padStart(3, '0')}`, value: valueOf(x.code, i, 0) }))])));
  await db.update(assessmentSubmissions).set({ state: 'approved' }).where(eq(assessmentSubmissions.year, year));
  return { t, office, unitIds, content };
}

const worldOnce = () => (world ??= buildWorld());

// The benchmark database is dropped when the run ends (a PostgreSQL one would otherwise stay).
let dropped = false;
process.on('beforeExit', () => {
  if (dropped || !world) return;
  dropped = true;
  void world.then((w) => w.t.drop());
});

async function importWorkbook(w: World, period: string, k: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('基准');
  const codes = Array.from({ length: indicatorCount }, (_, i) => `I${String(i).padStart(3, '0')}`);
  sheet.addRow(['单位代码', '单位名称', ...codes]);
  sheet.addRow(['', '', ...codes.map((c) => `指标${c}`)]);
  for (const x of w.unitIds) sheet.addRow([x.code, x.code, ...codes.map((_, i) => valueOf(x.code, i, k))]);
  const meta = wb.addWorksheet('_template', { state: 'veryHidden' });
  meta.addRow(['pacesetter-import']);
  meta.addRow(['year', String(year)]);
  meta.addRow(['period', period]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const benchmarks: Benchmark[] = [
  {
    name: `assessment: compute and publish a quarter, ${unitCount} units × ${indicatorCount} indicators`,
    targetMs: 2000, warmup: 1, repeats: 3,
    info: { database: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    async setup() {
      const w = await worldOnce();
      const db = w.t.database.db;
      return async () => {
        // Only a benchmark may take a published result back: each run publishes the round anew.
        await db.delete(assessmentResults).where(sql`${assessmentResults.year} = ${year} and ${assessmentResults.round} = 'Q1'`);
        const r = await computeRound(db, w.office, year, 'Q1');
        await publishRound(db, w.office, r.id, r.version);
      };
    },
  },
  {
    name: `assessment: Excel import of ${unitCount * indicatorCount} values (read, check every cell, write in one transaction)`,
    targetMs: 10_000, warmup: 0, repeats: 3,
    async setup() {
      const w = await worldOnce();
      const file = await importWorkbook(w, 'H1', 1);
      return async () => {
        let last = 0;
        const entries = await readImportWorkbook(w.t.database.db, w.office.actor, file, year, 'H1', (done) => { last = done; });
        await importValues(w.t.database.db, w.office, year, 'H1', entries, (done) => { last = done; });
        if (last === 0) throw new Error('no progress reported');
      };
    },
  },
  {
    name: 'assessment: dashboard API (ranking, lagging indicators, scorecard) with a year of published results',
    targetMs: 100, warmup: 20, repeats: 300,
    async setup() {
      const w = await worldOnce();
      const db = w.t.database.db;
      // A year: the other periods' values copied from Q1 with a drift, all approved and published.
      for (const [k, period] of ['H1', 'Q1-3', 'Y'].entries()) {
        await db.execute(sql`insert into assessment_submissions (id, year, period, unit_id, state) select gen_random_uuid(), year, ${period}, unit_id, 'approved' from assessment_submissions where year = ${year} and period = 'Q1' on conflict (year, period, unit_id) do update set state = 'approved'`);
        await db.execute(sql`insert into assessment_observations (submission_id, indicator_code, value) select t.id, o.indicator_code, o.value * (1 + ${0.01 * (k + 1)} * sin(length(o.indicator_code) + ascii(right(u.code, 1)))) from assessment_observations o join assessment_submissions s on s.id = o.submission_id join assessment_submissions t on t.unit_id = s.unit_id and t.year = s.year and t.period = ${period} join units u on u.id = s.unit_id where s.year = ${year} and s.period = 'Q1' on conflict (submission_id, indicator_code) do update set value = excluded.value`);
      }
      const ids: string[] = [];
      for (const round of ['Q1', 'H1', 'Q1-3', 'Y', 'YEAR']) {
        await db.delete(assessmentResults).where(sql`${assessmentResults.year} = ${year} and ${assessmentResults.round} = ${round}`);
        const r = await computeRound(db, w.office, year, round);
        ids.push((await publishRound(db, w.office, r.id, r.version)).id);
      }
      const app = await buildApp({ database: w.t.database, webRoot: '/nonexistent' });
      await app.ready();
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lingdao', password: demoPassword } });
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const urls = [`/api/assessment/results/${ids[3]}`, `/api/assessment/results/${ids[3]}/lagging`, `/api/assessment/results/${ids[3]}/units/B0042`, `/api/assessment/years/${year}/results`, `/api/assessment/results/${ids[4]}`];
      let n = 0;
      return async () => {
        const res = await app.inject({ method: 'GET', url: urls[n++ % urls.length]!, headers: { cookie } });
        if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`);
      };
    },
  },
];
