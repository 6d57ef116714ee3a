// Hotspots (未诉先办 / 每月一题): what citizens ask about more this month than last, where, and
// which similar requests cluster; a suggested monthly theme with the evidence behind it.
import { and, count, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { citizenRequests, requestServices } from '../db/schema/index.ts';
import { monthRange } from '../../core/requests/sla.ts';
import { findDivision } from '../org/divisions.ts';

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface Trend { key: string; name: string; count: number; previous: number; growth: number | null }

export async function hotspots(db: Db, month: string) {
  const now = monthRange(month);
  const before = monthRange(previousMonth(month));
  const r = citizenRequests;
  const inRange = (range: { from: Date; to: Date }) => and(gte(r.receivedAt, range.from), lt(r.receivedAt, range.to));

  const byService = async (range: { from: Date; to: Date }) => db.select({ id: r.serviceId, name: requestServices.name, n: count() }).from(r)
    .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).where(inRange(range)).groupBy(r.serviceId, requestServices.name);
  const byPlace = async (range: { from: Date; to: Date }) => db.select({ code: r.divisionCode, n: count() }).from(r)
    .where(and(inRange(range), isNotNull(r.divisionCode))).groupBy(r.divisionCode);

  const [svcNow, svcBefore, placeNow, placeBefore, daily, clusters, points] = await Promise.all([
    byService(now), byService(before), byPlace(now), byPlace(before),
    db.select({ day: sql<string>`to_char(${r.receivedAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`, n: count() }).from(r)
      .where(inRange(now)).groupBy(sql`1`).orderBy(sql`1`),
    // Similar requests: same category, same street, in the month.
    db.select({ serviceId: r.serviceId, name: requestServices.name, code: r.divisionCode, n: count(), words: sql<string>`string_agg(${r.keywords}, ' ')` }).from(r)
      .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).where(and(inRange(now), isNotNull(r.divisionCode)))
      .groupBy(r.serviceId, requestServices.name, r.divisionCode).orderBy(sql`count(*) DESC`).limit(10),
    db.select({ lat: r.lat, lon: r.lon, status: r.status, service: requestServices.name }).from(r)
      .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).where(and(inRange(now), isNotNull(r.lat))).limit(3_000),
  ]);

  const trends = (current: { key: string; name: string; n: number }[], previous: Map<string, number>): Trend[] => current
    .map((c) => { const p = previous.get(c.key) ?? 0; return { key: c.key, name: c.name, count: c.n, previous: p, growth: p === 0 ? null : (c.n - p) / p }; })
    .sort((a, b) => b.count - a.count);
  const categoryTrends = trends(svcNow.map((s) => ({ key: s.id, name: s.name, n: s.n })), new Map(svcBefore.map((s) => [s.id, s.n])));
  const placeTrends = trends(placeNow.map((p) => ({ key: p.code!, name: findDivision(p.code!)?.name ?? p.code!, n: p.n })), new Map(placeBefore.map((p) => [p.code!, p.n])));

  const rising = clusters.filter((c) => c.n >= 3).map((c) => ({
    serviceName: c.name, divisionName: findDivision(c.code!)?.name ?? c.code!, count: c.n, topWords: topWords(c.words, 5),
  }));
  // The theme: the category that grew most (by count added) among those with enough requests.
  const candidates = categoryTrends.filter((t) => t.count >= 5).sort((a, b) => (b.count - b.previous) - (a.count - a.previous));
  const pick = candidates[0];
  const theme = pick ? {
    title: `${month.slice(5).replace(/^0/, '')}月每月一题建议：${pick.name}`,
    evidence: [
      `本月 ${pick.count} 件，上月 ${pick.previous} 件${pick.growth === null ? '' : `，环比 ${pick.growth >= 0 ? '+' : ''}${(pick.growth * 100).toFixed(1)}%`}`,
      ...rising.filter((c) => c.serviceName === pick.name).slice(0, 3).map((c) => `${c.divisionName}集中 ${c.count} 件，关键词：${c.topWords.join('、')}`),
    ],
  } : null;
  return { month, total: svcNow.reduce((s, x) => s + x.n, 0), categoryTrends, placeTrends, daily, rising, theme, points };
}

function topWords(text: string, n: number): string[] {
  const counts = new Map<string, number>();
  for (const w of text.split(' ').filter(Boolean)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}
