// A draft result is stale (数据已变更，需重新计算) when what it was computed from has changed since:
// - the data of its round: every change of what a computation reads — a submission approved, a
//   bulk import sending approved values back to review, an adjustment approved or withdrawn —
//   raises, in the same transaction, the data version of every round the period feeds (the period,
//   the periods covering a month, and the year: `freezingRounds`). A result records the version it
//   read before building its snapshot; a later version means the draft no longer shows the data.
//   Reading the version first and the data after never calls a draft fresh that is not: a change
//   committed in between is either in the snapshot or raises the version again. Writers raise
//   versions last in their transaction (the rows stay locked only until the commit), rounds in a
//   fixed order, so concurrent writers never deadlock;
// - the scheme: a later version of the year's scheme has been published;
// - the 12345 data: the value of a `requests` indicator of a unit taking part is no longer what the
//   snapshot used (handled requests, callbacks, changed rate weights).
// Recomputing clears it. A stale draft is never published (409); published results are frozen and
// never stale. Checked when results are read and again, under the round's exclusive lock, when one
// is published (writers hold the shared lock until they commit: the check then sees every change).
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentResults, assessmentRoundVersions } from '../db/schema/index.ts';
import { yearRound } from '../../core/scheme/round-snapshot.ts';
import type { RequestsValues } from '../../core/scheme/requests-indicator.ts';
import type { SchemeContent } from '../../core/scheme/scheme.ts';
import { freezingRounds } from './period-lock.ts';
import { requestsValues } from './requests-values.ts';
import { publishedScheme } from './scheme-service.ts';
import { assessedUnits } from './unit-scope.ts';

/** Why a draft no longer shows the data; `message` in both languages, the fields for the page. */
export interface StaleReason {
  kind: 'data' | 'scheme' | 'requests';
  message: string;
  /** data: when the last change was made, its audit action and how many changes since computed. */
  at?: string;
  action?: string;
  changes?: number;
  /** scheme: the version now in force. */
  schemeVersion?: number;
  /** requests: codes of the units whose 12345 value changed. */
  units?: string[];
}

/**
 * Raises the data version of every round the period's data feed. Called by every writer of what a
 * computation reads, in its transaction, as its last statement before the audit.
 */
export async function markRoundDataChanged(tx: Tx, content: SchemeContent, year: number, period: string, action: string): Promise<void> {
  const rounds = [...new Set(freezingRounds(content, year, period))].sort();
  const changedAt = new Date();
  await tx.insert(assessmentRoundVersions).values(rounds.map((round) => ({ year, round, version: 1, changedAt, action })))
    .onConflictDoUpdate({
      target: [assessmentRoundVersions.year, assessmentRoundVersions.round],
      set: { version: sql`${assessmentRoundVersions.version} + 1`, changedAt: sql`excluded.changed_at`, action: sql`excluded.action` },
    });
}

/** The round's current data version and its last change (version 0: nothing changed yet). */
export async function roundDataVersion(db: Db | Tx, year: number, round: string): Promise<{ version: number; changedAt: Date | null; action: string | null }> {
  const [row] = await db.select().from(assessmentRoundVersions).where(and(eq(assessmentRoundVersions.year, year), eq(assessmentRoundVersions.round, round)));
  return { version: row?.version ?? 0, changedAt: row?.changedAt ?? null, action: row?.action ?? null };
}

/** What a staleness check needs of a result. */
export interface StaleCheckRow {
  id: string; year: number; round: string; status: string; schemeId: string; computedAt: Date; dataVersion: number | null;
}

const actionLabels: Record<string, string> = {
  'submission.approve': '填报审核通过 (a submission approved)',
  'submission.import': '批量导入使已审核的填报退回重审 (an import sent approved data back to review)',
  'adjustment.approve': '加扣分事项审定通过 (an adjustment approved)',
  'adjustment.withdraw': '加扣分事项撤销 (an adjustment withdrawn)',
};

/** Why a draft is stale; empty when it is not (and always for a published result). */
export async function staleReasons(db: Db | Tx, row: StaleCheckRow): Promise<StaleReason[]> {
  if (row.status !== 'draft') return [];
  const reasons: StaleReason[] = [];
  const data = await roundDataVersion(db, row.year, row.round);
  const changes = row.dataVersion === null
    // Computed before data versions were kept: any change recorded after it.
    ? (data.changedAt && data.changedAt > row.computedAt ? 1 : 0)
    : data.version - row.dataVersion;
  if (changes > 0) {
    const what = actionLabels[data.action ?? ''] ?? data.action ?? '';
    reasons.push({
      kind: 'data', at: data.changedAt!.toISOString(), action: data.action ?? '', changes,
      message: `计算后数据已变更 ${changes} 次，最近一次：${what} (data changed since computed)`,
    });
  }
  const scheme = await publishedScheme(db, row.year);
  if (scheme.id !== row.schemeId) {
    reasons.push({
      kind: 'scheme', schemeVersion: scheme.schemeVersion,
      message: `考核方案已修订，现行第${scheme.schemeVersion}版 (a later version of the scheme is in force)`,
    });
    // The 12345 rule of another scheme version is not comparable: the scheme already says it all.
    return reasons;
  }
  const units = await requestsChanged(db, scheme.content, row);
  if (units.length) {
    reasons.push({
      kind: 'requests', units,
      message: `12345接诉即办数据已更新，${units.length} 个单位的接诉即办指标值已变化 (12345 data changed for ${units.length} units)`,
    });
  }
  return reasons;
}

/**
 * Units taking part whose 12345 value, computed now, differs from the one in the snapshot. Only
 * units with values in a period's runs count: a unit without an approved submission takes no part,
 * and its hotline data change nothing in the result. Read from the snapshot in SQL: the values
 * used and the units of each period's runs, not the megabytes of the whole snapshot.
 */
async function requestsChanged(db: Db | Tx, content: SchemeContent, row: StaleCheckRow): Promise<string[]> {
  const [head] = await db.select({ requests: sql<RequestsValues | null>`${assessmentResults.snapshot}->'requests'` })
    .from(assessmentResults).where(eq(assessmentResults.id, row.id));
  const used = head?.requests;
  if (!used) return [];
  const runs = row.round === yearRound
    ? sql`SELECT DISTINCT p.key AS period, jsonb_object_keys(run->'input'->'periods'->0->'values') AS code
        FROM assessment_results r, jsonb_each(r.snapshot->'periodRuns') p, jsonb_array_elements(p.value) run WHERE r.id = ${row.id}`
    : sql`SELECT DISTINCT ${row.round}::text AS period, jsonb_object_keys(run->'input'->'periods'->0->'values') AS code
        FROM assessment_results r, jsonb_array_elements(r.snapshot->'runs') run WHERE r.id = ${row.id}`;
  // Both drivers (PGlite, node-postgres) answer raw SQL with { rows }.
  const rows = ((await db.execute(runs)) as unknown as { rows: { period: string; code: string }[] }).rows;
  const periods = Object.keys(used);
  const taking = new Map(periods.map((p) => [p, new Set<string>()]));
  for (const r of rows) taking.get(r.period)?.add(r.code);
  const codes = new Set(rows.map((r) => r.code));
  if (codes.size === 0) return [];
  const units = (await assessedUnits(db, content)).filter((u) => codes.has(u.code));
  const now = await requestsValues(db as Db, content, row.year, periods, units);
  const changed = new Set<string>();
  for (const p of periods) {
    for (const code of taking.get(p)!) {
      const before = used[p]!.units[code]?.value ?? null;
      const after = now[p]?.units[code]?.value ?? null;
      if (before !== after) changed.add(code);
    }
  }
  return [...changed].sort();
}
