// A period whose result is published is frozen (冻结): its data no longer change — no value by a
// unit's form or Excel upload or by a bulk import, and no submission is submitted, approved or
// returned, since which values count is part of the data too (the year's result is recomputed from
// the periods' approved data and must agree with the published periods). Publishing the year's
// result freezes every period.
// Writers of a period's values hold a shared advisory lock on the period's round and on the year's
// round until they commit; publishing a round first takes that round's lock exclusively. A write
// and a publication so never overlap: the write sees the published result and is refused, or the
// publication waits until the write has committed.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { assessmentResults } from '../db/schema/index.ts';
import { conflict } from '../http/errors.ts';
import { yearRound } from '../../core/scheme/round-snapshot.ts';
import type { SchemeContent } from '../../core/scheme/scheme.ts';

const roundKey = (year: number, round: string) => sql`hashtext('pacesetter-assessment-round'), hashtext(${`${year}/${round}`})`;

/** Refuses (409, naming the period) when the period's result or the year's result is published. */
export async function assertPeriodOpen(db: Db | Tx, content: SchemeContent, year: number, period: string): Promise<void> {
  const published = await db.select({ round: assessmentResults.round }).from(assessmentResults)
    .where(and(eq(assessmentResults.year, year), inArray(assessmentResults.round, [period, yearRound]), eq(assessmentResults.status, 'published')));
  if (published.length === 0) return;
  const label = content.periods.find((p) => p.code === period)?.label ?? period;
  if (published.some((r) => r.round === period)) {
    throw conflict(`${year}年${label}（${period}）的考核结果已发布，本期数据已冻结，不能再导入、修改、报送或审核 (the result of ${period} is published; its data are frozen)`, { period });
  }
  throw conflict(`${year}年度考核结果已发布，各期数据均已冻结，${label}（${period}）的数据不能再导入、修改、报送或审核 (the year's result is published; ${period} is frozen)`, { period });
}

/** Taken by every writer of a period's values at the start of its transaction; then checks the period is open. */
export async function lockPeriodForWriting(tx: Tx, content: SchemeContent, year: number, period: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${roundKey(year, period)})`);
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${roundKey(year, yearRound)})`);
  await assertPeriodOpen(tx, content, year, period);
}

/** Taken by publication: waits for the round's writers in flight and keeps new ones out until it commits. */
export async function lockRoundForPublishing(tx: Tx, year: number, round: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${roundKey(year, round)})`);
}
