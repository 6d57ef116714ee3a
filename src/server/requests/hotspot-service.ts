// Hotspots (未诉先办 / 每月一题): what citizens ask about more this period than in the comparable
// period before (rules in core/requests/hotspots.ts), where, which category × street clusters
// rise, a suggested monthly theme with the evidence behind it, and the map: each street or town
// at its centre with its requests and the share still open, and the located requests themselves.
import { and, count, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { citizenRequests, requestServices } from '../db/schema/index.ts';
import {
  comparablePeriods, hotspotRules, risingClusters, suggestTheme, topWords, trends, type ClusterCount, type Period,
} from '../../core/requests/hotspots.ts';
import { findDivision } from '../org/divisions.ts';
import { areaCentres } from './intake-service.ts';

const divisionName = (code: string) => findDivision(code)?.name ?? code;

export async function hotspots(db: Db, month: string, now = new Date()) {
  const periods = comparablePeriods(month, now);
  const r = citizenRequests;
  const inRange = (range: Period) => and(gte(r.receivedAt, range.from), lt(r.receivedAt, range.to));

  const byService = (range: Period) => db.select({ id: r.serviceId, name: requestServices.name, n: count() }).from(r)
    .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).where(inRange(range)).groupBy(r.serviceId, requestServices.name);
  const byPlace = (range: Period) => db.select({ code: r.divisionCode, n: count(), open: sql<number>`count(*) FILTER (WHERE ${r.status} <> 'closed')`.mapWith(Number) })
    .from(r).where(and(inRange(range), isNotNull(r.divisionCode))).groupBy(r.divisionCode);
  const byCluster = (range: Period) => db.select({ serviceId: r.serviceId, name: requestServices.name, code: r.divisionCode, n: count() }).from(r)
    .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).where(and(inRange(range), isNotNull(r.divisionCode)))
    .groupBy(r.serviceId, requestServices.name, r.divisionCode);

  const [svcNow, svcBefore, placeNow, placeBefore, clustersNow, clustersBefore, daily, points, [unlocated], areas] = await Promise.all([
    byService(periods.current), byService(periods.previous), byPlace(periods.current), byPlace(periods.previous),
    byCluster(periods.current), byCluster(periods.previous),
    db.select({ day: sql<string>`to_char(${r.receivedAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`, n: count() }).from(r)
      .where(inRange(periods.current)).groupBy(sql`1`).orderBy(sql`1`),
    db.select({ lat: r.lat, lon: r.lon, status: r.status, service: requestServices.name }).from(r)
      .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).where(and(inRange(periods.current), isNotNull(r.lat))).limit(3_000),
    // Neither a street nor coordinates: nowhere on the map.
    db.select({ n: count() }).from(r).where(and(inRange(periods.current), isNull(r.divisionCode), isNull(r.lat))),
    areaCentres(db),
  ]);

  const previousOf = <T>(rows: T[], key: (row: T) => string, n: (row: T) => number) => new Map(rows.map((x) => [key(x), n(x)]));
  const svcPrev = previousOf(svcBefore, (s) => s.id, (s) => s.n);
  const svcNames = new Map([...svcBefore, ...svcNow].map((s) => [s.id, s.name]));
  const categoryTrends = trends([...svcNames.keys()].map((key) => ({
    key, name: svcNames.get(key)!, count: svcNow.find((s) => s.id === key)?.n ?? 0, previous: svcPrev.get(key) ?? 0,
  })), periods);
  const placePrev = previousOf(placeBefore, (p) => p.code!, (p) => p.n);
  const placeCodes = new Set([...placeBefore, ...placeNow].map((p) => p.code!));
  const placeTrends = trends([...placeCodes].map((code) => ({
    key: code, name: divisionName(code), count: placeNow.find((p) => p.code === code)?.n ?? 0, previous: placePrev.get(code) ?? 0,
  })), periods);

  const clusterPrev = previousOf(clustersBefore, (c) => `${c.serviceId}:${c.code}`, (c) => c.n);
  const clusterCounts: ClusterCount[] = clustersNow.map((c) => ({
    serviceId: c.serviceId, serviceName: c.name, divisionCode: c.code!, divisionName: divisionName(c.code!), count: c.n, previous: clusterPrev.get(`${c.serviceId}:${c.code}`) ?? 0,
  }));
  const rising = risingClusters(clusterCounts, periods).slice(0, 10);
  // The words of the rising clusters only: segmented at intake, counted here.
  if (rising.length) {
    const words = await db.select({ serviceId: r.serviceId, code: r.divisionCode, words: sql<string>`string_agg(${r.keywords}, ' ')` }).from(r)
      .where(and(inRange(periods.current), or(...rising.map((c): SQL => and(eq(r.serviceId, c.serviceId), eq(r.divisionCode, c.divisionCode))!))))
      .groupBy(r.serviceId, r.divisionCode);
    for (const c of rising) c.topWords = topWords(words.find((w) => w.serviceId === c.serviceId && w.code === c.divisionCode)?.words ?? '', 5);
  }
  const total = svcNow.reduce((s, x) => s + x.n, 0);
  const { theme, note, candidates } = suggestTheme(month, categoryTrends, rising, total, periods);

  const placed = new Map(placeNow.map((p) => [p.code!, p]));
  return {
    month,
    complete: periods.complete,
    periods: {
      current: { from: periods.current.from.toISOString(), to: periods.current.to.toISOString(), days: periods.current.days },
      previous: { from: periods.previous.from.toISOString(), to: periods.previous.to.toISOString(), days: periods.previous.days },
    },
    rules: hotspotRules,
    total,
    previousTotal: svcBefore.reduce((s, x) => s + x.n, 0),
    categoryTrends,
    placeTrends,
    daily,
    rising: rising.map((c) => ({ serviceName: c.serviceName, divisionCode: c.divisionCode, divisionName: c.divisionName, count: c.count, previous: c.previous, growth: c.growth, topWords: c.topWords })),
    theme,
    themeNote: note,
    themeCandidates: candidates.map((c) => ({ name: c.name, count: c.count, previous: c.previous, growth: c.growth, share: c.share })),
    // Every street or town at its centre: its requests of the period, located or not.
    areas: areas.map((a) => ({ divisionCode: a.divisionCode, name: a.name, lat: a.lat, lon: a.lon, count: placed.get(a.divisionCode)?.n ?? 0, open: placed.get(a.divisionCode)?.open ?? 0 }))
      .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode)),
    unlocated: unlocated?.n ?? 0,
    points,
  };
}
