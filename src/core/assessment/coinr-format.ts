import { AssessmentError } from './errors.ts';
import type { AssessmentInput, Direction, PeriodData, TreeNode, UnitInfo } from './model.ts';

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function isMissing(cell: string | undefined): boolean {
  return cell === undefined || cell === '' || cell === 'NA';
}

function table(text: string, what: string): { header: string[]; rows: Record<string, string>[] } {
  const all = parseCsv(text);
  if (all.length === 0) throw new AssessmentError('DATA_INVALID', `${what} is empty.`, { field: what });
  const header = all[0]!.map((h) => h.trim());
  const rows = all.slice(1).map((r, k) => {
    if (r.length !== header.length) {
      throw new AssessmentError('DATA_INVALID', `${what} row ${k + 2} has ${r.length} cells, the header has ${header.length}.`, { field: `${what} row ${k + 2}` });
    }
    return Object.fromEntries(header.map((h, j) => [h, r[j]!.trim()]));
  });
  return { header, rows };
}

function num(cell: string | undefined, ctx: { unit?: string; indicator?: string; field: string }): number | null {
  if (isMissing(cell)) return null;
  const v = Number(cell);
  if (!Number.isFinite(v) || cell!.trim() === '') {
    const where = [ctx.unit && `unit ${ctx.unit}`, ctx.indicator && `indicator ${ctx.indicator}`].filter(Boolean).join(', ');
    throw new AssessmentError('NON_NUMERIC', `${ctx.field}: ${where ? `${where}: ` : ''}"${cell}" is not a number (use NA or an empty cell for a missing value).`, {
      ...(ctx.unit !== undefined ? { unit: ctx.unit } : {}),
      ...(ctx.indicator !== undefined ? { indicator: ctx.indicator } : {}),
      field: ctx.field,
      value: cell,
    });
  }
  return v;
}

export interface CoinrMeta {
  tree: TreeNode[];
  groups: string[];
  denominators: string[];
}

/** Reads COINr's iMeta table: Indicator and Aggregate rows become the tree. */
export function parseIMeta(text: string): CoinrMeta {
  const { header, rows } = table(text, 'iMeta');
  for (const col of ['iCode', 'Type']) {
    if (!header.includes(col)) throw new AssessmentError('DATA_INVALID', `iMeta has no ${col} column.`, { field: `iMeta.${col}` });
  }
  const tree: TreeNode[] = [];
  const groups: string[] = [];
  const denominators: string[] = [];
  for (const r of rows) {
    const code = r.iCode!;
    const type = r.Type!;
    if (type === 'Group') groups.push(code);
    else if (type === 'Denominator') denominators.push(code);
    else if (type === 'Indicator' || type === 'Aggregate') {
      const dir = num(r.Direction, { indicator: code, field: 'iMeta.Direction' }) ?? 1;
      if (dir !== 1 && dir !== -1) throw new AssessmentError('DATA_INVALID', `iMeta.Direction of ${code} must be 1 or -1, got ${dir}.`, { indicator: code, field: 'iMeta.Direction' });
      const node: TreeNode = {
        code,
        parent: isMissing(r.Parent) ? null : r.Parent!,
        weight: num(r.Weight, { indicator: code, field: 'iMeta.Weight' }) ?? 1,
        kind: type === 'Indicator' ? 'indicator' : 'aggregate',
      };
      if (!isMissing(r.iName)) node.name = r.iName!;
      if (type === 'Indicator') {
        node.direction = dir as Direction;
        node.target = num(r.Target, { indicator: code, field: 'iMeta.Target' });
        node.denominator = isMissing(r.Denominator) ? null : r.Denominator!;
        if (!isMissing(r.Unit)) node.unitOfMeasure = r.Unit!;
      }
      tree.push(node);
    }
  }
  return { tree, groups, denominators };
}

/**
 * Reads COINr's iData against its iMeta: uCode (and uName), group columns, an optional Time
 * column (one period per distinct value, in ascending order), denominators and indicators.
 * A non-numeric indicator cell is an error naming the unit and the indicator.
 */
export function parseIData(text: string, meta: CoinrMeta): AssessmentInput {
  const { header, rows } = table(text, 'iData');
  if (!header.includes('uCode')) throw new AssessmentError('DATA_INVALID', 'iData has no uCode column.', { field: 'iData.uCode' });
  const indicators = meta.tree.filter((n) => n.kind === 'indicator').map((n) => n.code);
  for (const code of indicators) {
    if (!header.includes(code)) throw new AssessmentError('DATA_INVALID', `iData has no column for indicator ${code}.`, { indicator: code, field: 'iData' });
  }
  const hasTime = header.includes('Time');
  const periodKeys: string[] = [];
  const periods = new Map<string, PeriodData>();
  const units = new Map<string, UnitInfo>();
  rows.forEach((r, k) => {
    const u = r.uCode!;
    if (u === '') throw new AssessmentError('DATA_INVALID', `iData row ${k + 2} has no uCode.`, { field: `iData row ${k + 2}` });
    const t = hasTime && !isMissing(r.Time) ? String(num(r.Time, { unit: u, field: 'iData.Time' })) : 'all';
    let p = periods.get(t);
    if (p === undefined) {
      p = { period: t, values: {}, denominators: {} };
      periods.set(t, p);
      periodKeys.push(t);
    }
    if (p.values![u] !== undefined) throw new AssessmentError('DATA_INVALID', `iData has unit ${u} twice in period ${t}.`, { unit: u, period: t });
    if (!units.has(u)) {
      const info: UnitInfo = { code: u, groups: Object.fromEntries(meta.groups.filter((g) => header.includes(g)).map((g) => [g, isMissing(r[g]) ? null : r[g]!])) };
      if (!isMissing(r.uName)) info.name = r.uName!;
      units.set(u, info);
    }
    p.values![u] = Object.fromEntries(indicators.map((c) => [c, num(r[c], { unit: u, indicator: c, field: 'iData' })]));
    p.denominators![u] = Object.fromEntries(meta.denominators.filter((d) => header.includes(d)).map((d) => [d, num(r[d], { unit: u, indicator: d, field: 'iData' })]));
  });
  const ordered = periodKeys.every((k) => k !== 'all' && !Number.isNaN(Number(k))) ? [...periodKeys].sort((a, b) => Number(a) - Number(b)) : periodKeys;
  return { tree: meta.tree, units: [...units.values()], periods: ordered.map((k) => periods.get(k)!) };
}

/** Convenience: both tables at once. */
export function parseCoinr(iDataText: string, iMetaText: string): AssessmentInput {
  return parseIData(iDataText, parseIMeta(iMetaText));
}
