import type { AssessmentResult } from './pipeline.ts';

export interface ResultTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/**
 * The result as a table, one row per unit in rank order: uCode, Rank, (Score, Tier when the spec
 * adjusts or tiers), every aggregate from the index down, then every normalised indicator. Values
 * are full precision; missing values are null.
 */
export function resultTable(result: AssessmentResult): ResultTable {
  const { tree, spec } = result;
  const aggregates = [...tree.aggregates].sort((a, b) => tree.level.get(b)! - tree.level.get(a)!);
  const extra: string[] = [];
  const hasAdjust = spec.steps.some((s) => s.step === 'adjust');
  const hasTiers = spec.steps.some((s) => s.step === 'rank' && s.tiers !== undefined);
  const hasCategory = result.units.some((u) => u.category !== null);
  if (hasCategory) extra.push('Category');
  if (hasAdjust) extra.push('Score', 'Bonus', 'Penalty');
  if (hasTiers) extra.push('Tier');
  const columns = ['uCode', 'Rank', ...extra, ...aggregates, ...tree.indicators];
  const row = new Map(result.internal.finalUnits.map((u, i) => [u, i]));
  const rows = result.units.map((u) => {
    const i = row.get(u.unit)!;
    const cells: (string | number | null)[] = [u.unit, u.rank];
    if (hasCategory) cells.push(u.category);
    if (hasAdjust) cells.push(u.score, u.bonus, u.penalty);
    if (hasTiers) cells.push(u.tier);
    for (const code of [...aggregates, ...tree.indicators]) {
      const v = result.internal.finalScores.get(code)![i]!;
      cells.push(Number.isFinite(v) ? v : null);
    }
    return cells;
  });
  return { columns, rows };
}

/** CSV with full-precision numbers (shortest round-trip form) and NA for missing values. */
export function tableToCsv(t: ResultTable): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return 'NA';
    if (typeof v === 'number') return String(v);
    return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return [t.columns.map(cell).join(','), ...t.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
