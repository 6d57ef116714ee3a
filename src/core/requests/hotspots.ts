// Hotspots (未诉先办 / 每月一题): what grows, compared with a comparable period before, and the
// suggested monthly theme with the evidence behind it. Pure rules over counts; the server counts.
//
// The period of a month is the month so far (the whole month once it is over). It is compared
// with the previous month's first as many days (at most the whole previous month), per day: a
// month of 31 days against one of 30 expects 31/30 of the previous count. So on the 5th the
// first five days of this month face the first five of the last, never a whole month.
import { monthRange } from './sla.ts';

export const hotspotRules = {
  /** A category in a street or town is a rising cluster with at least this many requests… */
  minClusterCount: 5,
  /** …and a daily rate at least this much above the comparable period (+50 %), or none before. */
  minClusterGrowth: 0.5,
  /** The monthly theme is chosen among categories with at least this many requests… */
  minThemeCount: 10,
  /** …at least this share of all requests of the period (large)… */
  minThemeShare: 0.05,
  /** …and a daily rate at least this much above the comparable period (+20 %), or none before (rising). */
  minThemeGrowth: 0.2,
} as const;
export type HotspotRules = { [K in keyof typeof hotspotRules]: number };

const dayMs = 86_400_000;

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface Period { from: Date; to: Date; days: number }
export interface ComparablePeriods { current: Period; previous: Period; complete: boolean }

/** This month so far (or whole), and the previous month's first as many days (at most all of it). */
export function comparablePeriods(month: string, now: Date): ComparablePeriods {
  const m = monthRange(month);
  const p = monthRange(previousMonth(month));
  const end = Math.min(m.to.getTime(), Math.max(m.from.getTime(), now.getTime()));
  const length = end - m.from.getTime();
  const previousEnd = Math.min(p.to.getTime(), p.from.getTime() + length);
  return {
    current: { from: m.from, to: new Date(end), days: length / dayMs },
    previous: { from: p.from, to: new Date(previousEnd), days: (previousEnd - p.from.getTime()) / dayMs },
    complete: now.getTime() >= m.to.getTime(),
  };
}

export interface Trend {
  key: string; name: string; count: number;
  /** Requests in the comparable period before. */
  previous: number;
  /** growth = count ÷ (previous scaled to this period's length) − 1; null when there were none before. */
  growth: number | null;
}

/** The previous count scaled to the length of this period. */
export function expectedOf(previous: number, periods: ComparablePeriods): number {
  return periods.previous.days > 0 ? (previous * periods.current.days) / periods.previous.days : 0;
}

export function growthOf(count: number, previous: number, periods: ComparablePeriods): number | null {
  const expected = expectedOf(previous, periods);
  return expected > 0 ? count / expected - 1 : null;
}

export function trends(rows: { key: string; name: string; count: number; previous: number }[], periods: ComparablePeriods): Trend[] {
  return rows.filter((r) => r.count > 0 || r.previous > 0)
    .map((r) => ({ key: r.key, name: r.name, count: r.count, previous: r.previous, growth: growthOf(r.count, r.previous, periods) }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.name.localeCompare(b.name, 'zh'));
}

const isRising = (t: { count: number; growth: number | null }, minCount: number, minGrowth: number) =>
  t.count >= minCount && (t.growth === null || t.growth >= minGrowth);

export interface ClusterCount { serviceId: string; serviceName: string; divisionCode: string; divisionName: string; count: number; previous: number }
export interface RisingCluster extends ClusterCount { growth: number | null; added: number; topWords: string[] }

/** Category × street clusters that rose: enough requests and growth (or new); most requests added first. */
export function risingClusters(rows: ClusterCount[], periods: ComparablePeriods, rules: HotspotRules = hotspotRules): RisingCluster[] {
  return rows.map((r) => ({ ...r, growth: growthOf(r.count, r.previous, periods), added: r.count - expectedOf(r.previous, periods), topWords: [] as string[] }))
    .filter((c) => isRising(c, rules.minClusterCount, rules.minClusterGrowth))
    .sort((a, b) => b.added - a.added || b.count - a.count || a.divisionCode.localeCompare(b.divisionCode));
}

export interface ThemeCandidate { key: string; name: string; count: number; previous: number; growth: number | null; share: number; rank: number; added: number }
export interface Theme { title: string; serviceName: string; evidence: string[] }

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/**
 * 每月一题: among categories large (≥ minThemeCount requests and ≥ minThemeShare of all) and
 * rising (≥ minThemeGrowth, or none before), the one that added most requests over the comparable
 * period. Nothing qualifies: no theme, and a note saying why.
 */
export function suggestTheme(month: string, categoryTrends: Trend[], clusters: RisingCluster[], total: number, periods: ComparablePeriods, rules: HotspotRules = hotspotRules):
  { theme: Theme | null; note: string | null; candidates: ThemeCandidate[] } {
  const ranked = [...categoryTrends].sort((a, b) => b.count - a.count);
  const candidates = ranked.map((t, i) => ({
    key: t.key, name: t.name, count: t.count, previous: t.previous, growth: t.growth, share: total ? t.count / total : 0, rank: i + 1,
    added: t.count - expectedOf(t.previous, periods),
  })).filter((c) => c.count >= rules.minThemeCount && c.share >= rules.minThemeShare && isRising(c, rules.minThemeCount, rules.minThemeGrowth))
    .sort((a, b) => b.added - a.added || b.count - a.count);
  const pick = candidates[0];
  if (!pick) {
    return { theme: null, candidates, note: `本期没有既多又上升的类别（至少 ${rules.minThemeCount} 件、占 ${(rules.minThemeShare * 100).toFixed(0)}% 以上且环比增长 ${(rules.minThemeGrowth * 100).toFixed(0)}% 以上）` };
  }
  const evidence = [
    pick.growth === null ? `本期 ${pick.count} 件，上月同期 ${pick.previous} 件（新出现）` : `本期 ${pick.count} 件，上月同期 ${pick.previous} 件，环比 ${pct(pick.growth)}`,
    `占本期全部诉求 ${(pick.share * 100).toFixed(1)}%，居各类别第 ${pick.rank} 位`,
    ...clusters.filter((c) => c.serviceId === pick.key).slice(0, 3)
      .map((c) => `${c.divisionName}集中 ${c.count} 件（上月同期 ${c.previous} 件），关键词：${c.topWords.join('、') || '—'}`),
    ...(candidates.length > 1 ? [`其他上升类别：${candidates.slice(1, 4).map((c) => `${c.name} ${c.growth === null ? '新出现' : pct(c.growth)}`).join('、')}`] : []),
  ];
  return { theme: { title: `${Number(month.slice(5))}月每月一题建议：${pick.name}`, serviceName: pick.name, evidence }, candidates, note: null };
}

/** The most frequent words of a space-separated text, most frequent first (ties: first seen). */
export function topWords(text: string, n: number): string[] {
  const counts = new Map<string, number>();
  for (const w of text.split(' ').filter(Boolean)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}
