// What dashboards and exports read from a result: the ranking per category, a unit's scorecard
// with its trend and the explanation of its rank change, and the indicators where units lag their
// targets. Results are immutable per version, so parsed ones are cached: the dashboard answers
// without re-reading megabytes of JSON.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assessmentResults, units } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../http/errors.ts';
import { explainRankChange, runAssessment, type RankChangeExplanation } from '../../core/assessment/index.ts';
import type { RoundOutcome, RoundSnapshot } from '../../core/scheme/round-snapshot.ts';
import type { CategoryRun } from '../../core/scheme/scheme-pipeline.ts';
import { resultPolicy } from './assessment-policy.ts';
import { listResults, resultState, summaryOf, type ResultSummary } from './result-service.ts';
import { publishedScheme } from './scheme-service.ts';

interface Parsed {
  summary: ResultSummary; snapshot: RoundSnapshot; outcome: RoundOutcome; slim?: RoundOutcome['categories'];
  /** Engine runs of this period beside an earlier one, per earlier result and category: every unit's explanation reads the same run. */
  changeRuns?: Map<string, ReturnType<typeof runAssessment> | null>;
}
const cache = new Map<string, Parsed>();

export async function parsedResult(db: Db, actor: Actor, id: string): Promise<Parsed> {
  const [head] = await db.select({ version: assessmentResults.version, status: assessmentResults.status }).from(assessmentResults).where(eq(assessmentResults.id, id));
  if (!head || (head.status !== 'published' && !resultPolicy.readDrafts(actor))) throw notFound('考核结果');
  const key = `${id}:${head.version}`;
  let hit = cache.get(key);
  if (!hit) {
    const [row] = await db.select().from(assessmentResults).where(and(eq(assessmentResults.id, id), eq(assessmentResults.version, head.version)));
    if (!row) throw notFound('考核结果');
    hit = { summary: summaryOf(row), snapshot: row.snapshot as RoundSnapshot, outcome: row.outcome as RoundOutcome };
    if (cache.size >= 16) cache.delete(cache.keys().next().value!);
    cache.set(key, hit);
  }
  return hit;
}

/** The ranking of every category without per-indicator detail; a draft says whether it is stale. */
export async function resultDetail(db: Db, actor: Actor, id: string) {
  const parsed = await parsedResult(db, actor, id);
  parsed.slim ??= parsed.outcome.categories.map((c) => ({ ...c, units: c.units.map((u) => ({ ...u, indicators: {} })) }));
  const state = parsed.summary.status === 'draft' ? await resultState(db, id) : { ...parsed.summary, stale: false, staleReasons: [] };
  return { ...state, categories: parsed.slim };
}

function runOf(snapshot: RoundSnapshot, unitCode: string): CategoryRun | undefined {
  return snapshot.runs.find((r) => r.input.units.some((u) => u.code === unitCode));
}

export interface ScorecardLine { code: string; name: string; dimension: string; raw: number | null; target: number | null; score: number | null; direction: number }

/** A unit's scorecard: its scores, indicators, trend over the year's rounds and why its rank moved. */
export async function scorecard(db: Db, actor: Actor, id: string, unitCode: string, trendRounds: { id: string; round: string; label: string }[]) {
  const { summary, snapshot, outcome } = await parsedResult(db, actor, id);
  const run = runOf(snapshot, unitCode);
  const category = outcome.categories.find((c) => c.units.some((u) => u.unit === unitCode));
  const unit = category?.units.find((u) => u.unit === unitCode);
  if (!run || !category || !unit) throw notFound('单位的考核结果');
  const names = new Map(run.input.tree.map((n) => [n.code, n]));
  const raw = run.input.periods.at(-1)!.values?.[unitCode] ?? {};
  const lines: ScorecardLine[] = run.input.tree.filter((n) => n.kind === 'indicator').map((n) => ({
    code: n.code, name: n.name ?? n.code, dimension: names.get(n.parent ?? '')?.name ?? '', raw: raw[n.code] ?? null,
    target: n.target ?? null, score: unit.indicators[n.code] ?? null, direction: n.direction ?? 1,
  }));
  const trend = [];
  for (const t of trendRounds) {
    const other = t.id === id ? outcome : (await parsedResult(db, actor, t.id)).outcome;
    const u = other.categories.flatMap((c) => c.units).find((x) => x.unit === unitCode);
    trend.push({ round: t.round, label: t.label, score: u?.score ?? null, rank: u?.rank ?? null, tier: u?.tier ?? null });
  }
  let explanation: RankChangeExplanation | null = null;
  const at = trendRounds.findIndex((t) => t.id === id);
  if (at > 0 && summary.round !== 'YEAR') {
    const previousId = trendRounds[at - 1]!.id;
    const previous = await parsedResult(db, actor, previousId);
    const current = await parsedResult(db, actor, id);
    current.changeRuns ??= new Map();
    const before = runOf(previous.snapshot, unitCode);
    const key = `${previousId}:${previous.summary.version}:${before?.categoryCode}>${run.categoryCode}`;
    if (!current.changeRuns.has(key)) current.changeRuns.set(key, before ? changeRun(before, run) : null);
    const result = current.changeRuns.get(key);
    explanation = result && before ? rankChange(result, before, run, unitCode) : null;
  }
  return { result: summary, categoryCode: category.categoryCode, parts: category.parts, unit, lines, trend, explanation, peers: category.units.length };
}

/**
 * Runs the two periods through one engine run (this period's tree and spec) so the engine can
 * explain the rank change indicator by indicator. Indicators missing from the earlier period make
 * the explanation unavailable rather than wrong.
 */
function changeRun(before: CategoryRun, run: CategoryRun): ReturnType<typeof runAssessment> | null {
  try {
    return runAssessment({ ...run.input, periods: [before.input.periods[0]!, run.input.periods[0]!] }, run.spec);
  } catch {
    return null;
  }
}

function rankChange(result: ReturnType<typeof runAssessment>, before: CategoryRun, run: CategoryRun, unitCode: string): RankChangeExplanation | null {
  try {
    const e = explainRankChange(result, unitCode, { from: before.input.periods[0]!.period, to: run.input.periods[0]!.period });
    return { ...e, drivers: e.drivers.slice(0, 8) };
  } catch {
    return null;
  }
}

/** Indicators where units fall short of their targets, worst first (period results). */
export async function laggingIndicators(db: Db, actor: Actor, id: string) {
  const { snapshot } = await parsedResult(db, actor, id);
  const out = [];
  for (const run of snapshot.periodRuns ? [] : snapshot.runs) {
    const values = run.input.periods[0]!.values ?? {};
    for (const n of run.input.tree) {
      if (n.kind !== 'indicator' || n.target == null || n.target === 0) continue;
      const xs = Object.values(values).map((row) => row[n.code]).filter((v): v is number => v != null);
      if (xs.length === 0) continue;
      const reached = xs.filter((v) => ((n.direction ?? 1) === 1 ? v >= n.target! : v <= n.target!)).length;
      const completion = xs.map((v) => ((n.direction ?? 1) === 1 ? v / n.target! : n.target! / v)).filter(Number.isFinite).sort((a, b) => a - b);
      out.push({
        categoryCode: run.categoryCode, code: n.code, name: n.name ?? n.code, target: n.target, units: xs.length,
        reachedShare: reached / xs.length, medianCompletion: completion.length ? completion[Math.floor(completion.length / 2)]! : null,
      });
    }
  }
  return out.sort((a, b) => a.reachedShare - b.reachedShare).slice(0, 30);
}

/** The scorecard with its permission: a unit reporter sees only their own unit's indicator values. */
export async function unitScorecard(db: Db, actor: Actor, id: string, unitCode: string) {
  const { summary, outcome } = await parsedResult(db, actor, id);
  if (!outcome.categories.some((c) => c.units.some((u) => u.unit === unitCode))) throw notFound('单位的考核结果');
  if (actor.role === 'unit_reporter') {
    const [own] = actor.unitId ? await db.select({ code: units.code }).from(units).where(eq(units.id, actor.unitId)) : [];
    if (own?.code !== unitCode) throw notFound('单位的考核结果');
  }
  const order = [...(await publishedScheme(db, summary.year)).content.periods.map((p) => p.code), 'YEAR'];
  const rounds = (await listResults(db, actor, summary.year)).filter((r) => r.round !== 'YEAR' || summary.round === 'YEAR')
    .sort((a, b) => order.indexOf(a.round) - order.indexOf(b.round)).map((r) => ({ id: r.id, round: r.round, label: r.label }));
  return scorecard(db, actor, id, unitCode, rounds);
}
