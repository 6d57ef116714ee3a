// A period whose result is published is frozen (冻结): its data no longer change — no value by a
// unit's form or Excel upload or by a bulk import, and no submission is submitted, approved or
// returned, since which values count is part of the data too (the year's result is recomputed from
// the periods' approved data and must agree with the published periods). Publishing the year's
// result freezes every period.
// Writers of a period's values hold a shared advisory lock on the period's round and on the year's
// round until they commit; publishing a round first takes that round's lock exclusively. A write
// and a publication so never overlap: the write sees the published result and is refused, or the
// publication waits until the write has committed.
// A month of the monthly indicators (M01…M12) is frozen with every period that covers it (its
// values make that period's), so a month's writers hold the shared locks of each such period.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentResults } from '../db/schema/index.ts';
import { conflict } from '../http/errors.ts';
import { yearRound } from '../../core/scheme/round-snapshot.ts';
import { monthOfCode, type SchemeContent } from '../../core/scheme/scheme.ts';
import { schemePeriods } from '../../core/scheme/collection-periods.ts';

const roundKey = (year: number, round: string) => sql`hashtext('pacesetter-assessment-round'), hashtext(${`${year}/${round}`})`;

/** The rounds whose publication freezes a collection period: the period itself, or for a month every period covering it; and the year. */
export function freezingRounds(content: SchemeContent, year: number, period: string): string[] {
  const month = monthOfCode(content, period);
  if (month === null) return [period, yearRound];
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  return [...schemePeriods(content, year).filter((p) => p.months.includes(ym)).map((p) => p.code), yearRound];
}

/** Refuses (409, naming the period) when the period's result or the year's result is published. */
export async function assertPeriodOpen(db: Db | Tx, content: SchemeContent, year: number, period: string): Promise<void> {
  const month = monthOfCode(content, period);
  const rounds = freezingRounds(content, year, period);
  const published = await db.select({ round: assessmentResults.round }).from(assessmentResults)
    .where(and(eq(assessmentResults.year, year), inArray(assessmentResults.round, rounds), eq(assessmentResults.status, 'published')));
  if (published.length === 0) return;
  if (month !== null) {
    const by = content.periods.find((p) => published.some((r) => r.round === p.code));
    throw conflict(by
      ? `${year}年${month}月的数据已计入${by.label}（${by.code}）已发布的考核结果，已冻结，不能再导入、修改、报送或审核 (month ${period} is covered by the published result of ${by.code}; its data are frozen)`
      : `${year}年度考核结果已发布，各月数据均已冻结，${month}月（${period}）的数据不能再导入、修改、报送或审核 (the year's result is published; ${period} is frozen)`, { period });
  }
  const label = content.periods.find((p) => p.code === period)?.label ?? period;
  if (published.some((r) => r.round === period)) {
    throw conflict(`${year}年${label}（${period}）的考核结果已发布，本期数据已冻结，不能再导入、修改、报送或审核 (the result of ${period} is published; its data are frozen)`, { period });
  }
  throw conflict(`${year}年度考核结果已发布，各期数据均已冻结，${label}（${period}）的数据不能再导入、修改、报送或审核 (the year's result is published; ${period} is frozen)`, { period });
}

/** Taken by every writer of a period's values at the start of its transaction; then checks the period is open. */
export async function lockPeriodForWriting(tx: Tx, content: SchemeContent, year: number, period: string): Promise<void> {
  // The year's round last, as before; a month takes those of the periods covering it first, in scheme order.
  for (const round of freezingRounds(content, year, period)) await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${roundKey(year, round)})`);
  await assertPeriodOpen(tx, content, year, period);
}

/** Taken by publication: waits for the round's writers in flight and keeps new ones out until it commits. */
export async function lockRoundForPublishing(tx: Tx, year: number, round: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${roundKey(year, round)})`);
}
