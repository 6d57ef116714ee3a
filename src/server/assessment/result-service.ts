// Computation and publication (计算与发布): a round's result is computed from approved data as a
// draft, may be recomputed while it is a draft, and is frozen when published. Its snapshot holds
// every input, so `verify` recomputes it and compares the outcome's hash.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentResults } from '../db/schema/index.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { conflict, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { AssessmentError } from '../../core/assessment/index.ts';
import { categoryRun, yearRun, type CategoryRun } from '../../core/scheme/scheme-pipeline.ts';
import { outcomeOfSnapshot, periodTotals, yearRound, type RoundOutcome, type RoundSnapshot } from '../../core/scheme/round-snapshot.ts';
import type { SchemeContent } from '../../core/scheme/scheme.ts';
import { resultPolicy } from './assessment-policy.ts';
import { lockRoundForPublishing } from './period-lock.ts';
import { readRoundData, type RoundData } from './round-data.ts';
import { requestsValues, withRequestsValues, type RoundRequestsValues } from './requests-values.ts';
import { roundDataVersion, staleReasons, type StaleReason } from './result-staleness.ts';
import { publishedScheme } from './scheme-service.ts';

type ResultRow = typeof assessmentResults.$inferSelect;

/**
 * The columns of a result without its snapshot and outcome (megabytes of JSON): what lists,
 * summaries and state changes read. Label and scheme version come out of the snapshot in SQL.
 */
const light = {
  id: assessmentResults.id, year: assessmentResults.year, round: assessmentResults.round, schemeId: assessmentResults.schemeId,
  status: assessmentResults.status, outcomeHash: assessmentResults.outcomeHash, engineVersion: assessmentResults.engineVersion,
  computedAt: assessmentResults.computedAt, publishedAt: assessmentResults.publishedAt, version: assessmentResults.version, dataVersion: assessmentResults.dataVersion,
  label: sql<string>`${assessmentResults.snapshot}->>'label'`, schemeVersion: sql<number>`(${assessmentResults.snapshot}->>'schemeVersion')::int`,
};
type LightRow = { [K in keyof typeof light]: K extends 'label' ? string : K extends 'schemeVersion' ? number : ResultRow[K & keyof ResultRow] };

const packageVersion = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** Recorded with every result: a recomputation under another engine version may legitimately differ. */
export const engineVersion = `pacesetter-engine ${packageVersion}`;
const uncertainty = { runs: 200, seed: 2026 };

export interface ResultSummary {
  id: string; year: number; round: string; label: string; status: 'draft' | 'published'; schemeId: string; schemeVersion: number;
  engineVersion: string; outcomeHash: string; computedAt: string; publishedAt: string | null; version: number;
}

/** A summary as the API gives it: with whether a draft no longer shows the data (result-staleness.ts). */
export interface ResultState extends ResultSummary {
  /** 数据已变更，需重新计算: a draft whose data, scheme or 12345 values changed since it was computed. */
  stale: boolean;
  staleReasons: StaleReason[];
}

/** The summary with its staleness, checked now. */
export async function stateOf(db: Db | Tx, row: LightRow): Promise<ResultState> {
  const reasons = await staleReasons(db, row);
  return { ...summaryOf(row), stale: reasons.length > 0, staleReasons: reasons };
}

export function summaryOf(row: LightRow | ResultRow): ResultSummary {
  const s = 'snapshot' in row ? { label: (row.snapshot as RoundSnapshot).label, schemeVersion: (row.snapshot as RoundSnapshot).schemeVersion } : row;
  return {
    id: row.id, year: row.year, round: row.round, label: s.label, status: row.status as ResultSummary['status'], schemeId: row.schemeId,
    schemeVersion: Number(s.schemeVersion), engineVersion: row.engineVersion, outcomeHash: row.outcomeHash, computedAt: row.computedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null, version: row.version,
  };
}

export const hashOutcome = (outcome: RoundOutcome) => createHash('sha256').update(canonicalize(outcome) ?? '').digest('hex');

function periodRuns(content: SchemeContent, data: RoundData, period: string, requests: RoundRequestsValues): CategoryRun[] {
  const runs: CategoryRun[] = [];
  for (const c of content.categories) {
    const approved = data.periodValues.get(period)!.get(c.categoryCode)!;
    if (Object.keys(approved.values).length === 0) continue; // no approved data in this category yet
    const values = withRequestsValues(content, c.categoryCode, approved, requests[period]);
    const units = data.units.filter((u) => u.categoryCode === c.categoryCode).map((u) => ({ code: u.code, name: u.name }));
    const codes = new Set(units.map((u) => u.code));
    runs.push(categoryRun(content, c.categoryCode, {
      units, periods: [values],
      adjustments: data.adjustments.filter((a) => a.period === period && codes.has(a.unit)).map(({ period: _p, ...a }) => a),
      vetoes: data.vetoes.filter((v) => v.period === period && codes.has(v.unit)).map(({ period: _p, ...v }) => v),
    }));
  }
  return runs;
}

/** Builds the snapshot of a round from the current approved data. */
export async function buildSnapshot(db: Db, year: number, round: string): Promise<RoundSnapshot> {
  const scheme = await publishedScheme(db, year);
  const content = scheme.content;
  const isYear = round === yearRound;
  const period = content.periods.find((p) => p.code === round);
  if (!isYear && !period) throw notFound(`考核轮次 ${round}`);
  const periods = isYear ? content.periods.map((p) => p.code) : [round];
  const data = await readRoundData(db, content, year, periods);
  // Indicators fed by 12345 data: the values used are kept in the snapshot (requests-values.ts).
  const requests = await requestsValues(db, content, year, periods, data.units);
  const kept = Object.fromEntries(Object.entries(requests).filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined));
  const base = {
    year, round, label: isYear ? `${year}年度综合考核` : `${year}年${period!.label}季季评`, schemeId: scheme.id, schemeVersion: scheme.schemeVersion, engineVersion, uncertainty,
    ...(Object.keys(kept).length ? { requests: kept } : {}),
  };
  if (!isYear) return { ...base, runs: periodRuns(content, data, round, requests) };
  const byPeriod: Record<string, CategoryRun[]> = {};
  for (const p of content.periods) byPeriod[p.code] = periodRuns(content, data, p.code, requests);
  const totals = Object.fromEntries(Object.entries(byPeriod).map(([p, runs]) => [p, periodTotals(runs)]));
  const runs: CategoryRun[] = [];
  for (const c of content.categories) {
    const units = data.units.filter((u) => u.categoryCode === c.categoryCode).map((u) => ({ code: u.code, name: u.name }));
    const scores = content.periods.map((p) => ({ period: p.code, scores: totals[p.code]!.get(c.categoryCode) ?? {} }));
    if (!scores.some((s) => Object.keys(s.scores).length)) continue;
    const codes = new Set(units.map((u) => u.code));
    runs.push(yearRun(content, c.categoryCode, units, scores,
      data.adjustments.filter((a) => codes.has(a.unit)).map(({ period: _p, ...a }) => a),
      data.vetoes.filter((v) => codes.has(v.unit)).map(({ period: _p, ...v }) => v)));
  }
  return { ...base, runs, periodRuns: byPeriod };
}

/** The engine's refusal (e.g. an indicator with one value for every unit) is the caller's 422, not a server error. */
function engineRefusal(error: unknown): never {
  if (error instanceof AssessmentError) throw unprocessable(`计算失败：${error.message}`, { code: error.code, ...error.details });
  throw error;
}

function evaluate(snapshot: RoundSnapshot): RoundOutcome {
  if (snapshot.runs.length === 0) throw unprocessable('没有已审核通过的数据，无法计算 (no approved data to compute from)');
  try {
    return outcomeOfSnapshot(snapshot);
  } catch (error) {
    return engineRefusal(error);
  }
}

const audit = (tx: Parameters<Parameters<Db['transaction']>[0]>[0], ctx: ActionContext, action: string, row: LightRow, before: LightRow | undefined) =>
  recordAudit(tx, {
    actorId: ctx.actor.id, actorName: ctx.actor.displayName, action, entityType: 'assessment_result', entityId: row.id,
    before: before ? summaryOf(before) : null, after: summaryOf(row), requestId: ctx.requestId,
  });

/**
 * Computes (or recomputes) the draft result of a round. A published round is frozen. The round's
 * data version is read before the data: a change committed meanwhile leaves the draft stale, never
 * falsely fresh (result-staleness.ts).
 */
export async function computeRound(db: Db, ctx: ActionContext, year: number, round: string): Promise<ResultState> {
  ensure(resultPolicy.compute(ctx.actor), '只有考核办可以计算考核结果');
  const { version: dataVersion } = await roundDataVersion(db, year, round);
  // The year's snapshot already runs the engine on each period (periodTotals).
  const snapshot = await buildSnapshot(db, year, round).catch(engineRefusal);
  const outcome = evaluate(snapshot);
  const outcomeHash = hashOutcome(outcome);
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select(light).from(assessmentResults).where(and(eq(assessmentResults.year, year), eq(assessmentResults.round, round)));
    if (before?.status === 'published') throw conflict('该轮次结果已发布，不能重新计算 (the published result is frozen)');
    const values = { schemeId: snapshot.schemeId, status: 'draft', snapshot, outcome, outcomeHash, engineVersion, computedBy: ctx.actor.id, computedAt: new Date(), dataVersion };
    const [row] = before
      ? await tx.update(assessmentResults).set({ ...values, version: before.version + 1 }).where(eq(assessmentResults.id, before.id)).returning(light)
      : await tx.insert(assessmentResults).values({ id: randomUUID(), year, round, ...values }).returning(light);
    await audit(tx, ctx, 'result.compute', row!, before);
    return row!;
  });
  // Checked, not assumed: a change committed while the data were read already shows.
  return stateOf(db, row);
}

/** Publishes a draft; a stale one is refused (409): it must be recomputed from the data as they are. */
export async function publishRound(db: Db, ctx: ActionContext, id: string, version: number): Promise<ResultState> {
  ensure(resultPolicy.publish(ctx.actor), '只有考核办可以发布考核结果');
  return db.transaction(async (tx) => {
    const [before] = await tx.select(light).from(assessmentResults).where(eq(assessmentResults.id, id));
    if (!before) throw notFound('考核结果');
    if (before.status === 'published') throw conflict('已发布 (already published)');
    if (before.version !== version) throw staleVersion('考核结果', before.version);
    // Publishing freezes the round's data: wait for writes in flight, keep new ones out (period-lock.ts).
    await lockRoundForPublishing(tx, before.year, before.round);
    // Under the lock every write of the round has committed: the check sees all of them.
    const reasons = await staleReasons(tx, before);
    if (reasons.length) {
      throw conflict(`数据已变更，需重新计算后才能发布：${reasons.map((r) => r.message).join('；')} (the data changed since this draft was computed; recompute it before publishing)`, { stale: true, reasons });
    }
    const [row] = await tx.update(assessmentResults).set({ status: 'published', publishedAt: new Date(), publishedBy: ctx.actor.id, version: version + 1 })
      .where(and(eq(assessmentResults.id, id), eq(assessmentResults.version, version))).returning(light);
    if (!row) throw staleVersion('考核结果', version + 1);
    await audit(tx, ctx, 'result.publish', row, before);
    return { ...summaryOf(row), stale: false, staleReasons: [] };
  });
}

export async function loadResult(db: Db, actor: Actor, id: string): Promise<ResultRow> {
  const [row] = await db.select().from(assessmentResults).where(eq(assessmentResults.id, id));
  if (!row || (row.status !== 'published' && !resultPolicy.readDrafts(actor))) throw notFound('考核结果');
  return row;
}

async function visibleRows(db: Db, actor: Actor, year: number): Promise<LightRow[]> {
  const rows = await db.select(light).from(assessmentResults).where(eq(assessmentResults.year, year)).orderBy(asc(assessmentResults.computedAt));
  return rows.filter((r) => r.status === 'published' || resultPolicy.readDrafts(actor));
}

export async function listResults(db: Db, actor: Actor, year: number): Promise<ResultSummary[]> {
  return (await visibleRows(db, actor, year)).map(summaryOf);
}

/** The year's results as the API lists them: drafts say whether they are stale. */
export async function listResultStates(db: Db, actor: Actor, year: number): Promise<ResultState[]> {
  const out: ResultState[] = [];
  for (const row of await visibleRows(db, actor, year)) out.push(await stateOf(db, row));
  return out;
}

/** A result's summary with its staleness, by id (the detail view). */
export async function resultState(db: Db, id: string): Promise<ResultState> {
  const [row] = await db.select(light).from(assessmentResults).where(eq(assessmentResults.id, id));
  if (!row) throw notFound('考核结果');
  return stateOf(db, row);
}

/** Recomputes a stored result from its snapshot alone and compares the outcome bit for bit. */
export async function verifyResult(db: Db, actor: Actor, id: string): Promise<{ identical: boolean; storedHash: string; recomputedHash: string; engineVersion: string }> {
  const row = await loadResult(db, actor, id);
  const recomputed = hashOutcome(evaluate(row.snapshot as RoundSnapshot));
  return { identical: recomputed === row.outcomeHash && hashOutcome(row.outcome as RoundOutcome) === row.outcomeHash, storedHash: row.outcomeHash, recomputedHash: recomputed, engineVersion };
}
