// Bulk import of requests taken elsewhere (another system, a paper log): the template's columns,
// and the rules one row must pass, whether it comes from Excel or CSV. Pure: the server reads the
// file and looks up the catalogue and the district's streets; this decides what a row means.
import { z } from 'zod';
import { channels, maxDescription } from './request.ts';
import { shanghaiOffsetMs } from './sla.ts';

/** Rows a file may hold besides its header (and the template's example row). */
export const importMaxRows = 2_000;
/** Bytes an uploaded file may have. */
export const importMaxBytes = 5 * 1024 * 1024;

export const importColumns = [
  { key: 'category', header: '诉求类别', required: true, width: 18, hint: '类别代码或名称，如 CSGL-ZDJY 或 占道经营' },
  { key: 'description', header: '诉求内容', required: true, width: 48, hint: `2 至 ${maxDescription} 字` },
  { key: 'receivedAt', header: '受理时间', required: true, width: 18, hint: '北京时间，如 2026-03-02 09:30' },
  { key: 'address', header: '诉求地址', required: true, width: 28, hint: '不超过 200 字' },
  { key: 'street', header: '所属街道乡镇', required: true, width: 14, hint: '街道乡镇名称或 9 位区划代码' },
  { key: 'lat', header: '纬度', required: false, width: 11, hint: '选填，-90 至 90，与经度同时填写' },
  { key: 'lon', header: '经度', required: false, width: 11, hint: '选填，-180 至 180，与纬度同时填写' },
  { key: 'citizenName', header: '市民姓名', required: false, width: 10, hint: '选填，不超过 40 字' },
  { key: 'citizenPhone', header: '联系电话', required: false, width: 15, hint: '选填，数字、空格、加号、减号和括号' },
  { key: 'channel', header: '受理渠道', required: true, width: 10, hint: '电话、网上、移动端、Open311 接口、批量导入' },
] as const;
export type ImportColumnKey = (typeof importColumns)[number]['key'];
export const importHeaders: readonly string[] = importColumns.map((c) => c.header);

/** The example row of the template; a row equal to it is skipped, so it may stay in the file. */
export const importExample: Record<ImportColumnKey, string> = {
  category: 'CSGL-ZDJY', description: '（示例，可删除）中关村大街27号门口有流动摊贩占道经营，影响行人通行', receivedAt: '2026-03-02 09:30',
  address: '海淀区中关村大街27号', street: '中关村街道', lat: '39.9832', lon: '116.3162', citizenName: '王女士', citizenPhone: '13800000000', channel: '电话',
};

export type Channel = (typeof channels)[number];
/** How officials write the channels (the app's labels), and the codes other systems use. */
export const channelNames: Record<Channel, string> = { phone: '电话', web: '网上', app: '移动端', open311: 'Open311 接口', import: '批量导入' };
/** The order officials see them in (drop-down, messages). */
export const channelOrder: readonly Channel[] = ['phone', 'web', 'app', 'open311', 'import'];

/** A cell as the reader hands it over: text, a number, or an instant (Excel dates already in Beijing time). */
export type CellValue = string | number | Date | null;

export interface ImportService { id: string; code: string; name: string; path: string; active: boolean; leaf: boolean }
export interface ImportArea { divisionCode: string; name: string }
export interface ImportReference { services: ImportService[]; areas: ImportArea[]; now: Date }

export interface ImportRow {
  serviceId: string; description: string; receivedAt: Date; address: string; divisionCode: string;
  lat: number | null; lon: number | null; citizenName: string; citizenPhone: string; channel: Channel;
}
export interface ColumnProblem { column: ImportColumnKey; message: string }

/** One problem of an upload, where the user finds it in the file. */
export const importProblem = z.object({
  sheet: z.string(), row: z.number(), column: z.string(), message: z.string(),
  /** What the cell holds, as the user typed it (shortened), when that helps to find it. */
  value: z.string().optional(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importResult = z.object({
  imported: z.number(),
  /** Imported requests flagged as likely duplicates of an open one nearby. */
  duplicates: z.number(),
  requests: z.array(z.object({ id: z.string(), code: z.string(), row: z.number(), duplicateOf: z.string().nullable() })),
});
export type ImportResult = z.infer<typeof importResult>;

const text = (v: CellValue): string | { problem: string } => {
  if (v === null) return '';
  if (v instanceof Date) return { problem: '应填写文字，不能是日期 (text expected, not a date)' };
  return typeof v === 'number' ? String(v) : v.trim();
};

function number(v: CellValue): number | null | { problem: string } {
  if (v === null) return null;
  if (v instanceof Date) return { problem: '应填写数字，不能是日期 (a number expected, not a date)' };
  if (typeof v === 'number') return Number.isFinite(v) ? v : { problem: '不是有效数字 (not a finite number)' };
  const t = v.trim();
  if (t === '') return null;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
  return { problem: `“${t.slice(0, 20)}”不是数字 (not a number)` };
}

const dayMs = 86_400_000;
/** Excel's day 0 is 1899-12-30; serial 25569 is 1970-01-01. */
const excelEpochSerial = 25_569;

/**
 * A time as officials write it, in Beijing time: 2026-03-02 09:30, 2026/3/2 9:30:15,
 * 2026年3月2日 9时30分, or ISO 8601 with its own offset. The time of day is required.
 */
export function parseBeijingTime(input: string): Date | null {
  const t = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(t);
  if (iso) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*(?:日\s*|T|\s+)(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(?:(\d{1,2})\s*秒?)?)?$/.exec(t);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // 2026-02-30 would roll over into March: refuse it instead.
  if (new Date(wall).getUTCDate() !== d) return null;
  return new Date(wall - shanghaiOffsetMs);
}

function time(v: CellValue): Date | null | { problem: string } {
  const format = '请填写北京时间，如 2026-03-02 09:30 (date and time expected, e.g. 2026-03-02 09:30)';
  if (v === null || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { problem: format } : v;
  if (typeof v === 'number') {
    // An Excel date that lost its date format: a serial day number between 2000 and 2100.
    if (v < 36_526 || v > 73_051) return { problem: format };
    return new Date(Math.round((v - excelEpochSerial) * dayMs / 1000) * 1000 - shanghaiOffsetMs);
  }
  return parseBeijingTime(v) ?? { problem: `“${v.trim().slice(0, 20)}”${format}` };
}

const earliest = Date.UTC(2000, 0, 1);
/** Clocks of the machines that wrote the log may run a little fast. */
const futureSlackMs = 10 * 60_000;

function findService(input: string, services: ImportService[]): ImportService | { problem: string } {
  const lower = input.toLowerCase();
  const byCode = services.find((s) => s.code.toLowerCase() === lower);
  const normalisedPath = input.replace(/\s*[›>/／]\s*/g, ' › ');
  const byName = byCode ? [byCode] : services.filter((s) => s.name === input || s.path === normalisedPath);
  if (byName.length === 0) return { problem: `诉求类别“${input.slice(0, 30)}”不在派单目录中，请填写类别代码或名称 (unknown category)` };
  const leaves = byName.filter((s) => s.leaf);
  if (leaves.length === 0) return { problem: `“${input.slice(0, 30)}”是大类，请填写其下的具体类别 (a group; choose one of its categories)` };
  if (leaves.length > 1) return { problem: `类别名称“${input.slice(0, 30)}”不唯一，请填写类别代码 (ambiguous name; use the code)` };
  const found = leaves[0]!;
  if (!found.active) return { problem: `诉求类别“${found.name}”已停用 (category is inactive)` };
  return found;
}

function findArea(input: string, areas: ImportArea[]): ImportArea | { problem: string } {
  if (areas.length === 0) return { problem: '本区尚未配置街道乡镇 (no streets or towns are set up)' };
  const exact = areas.find((a) => a.divisionCode === input || a.name === input);
  if (exact) return exact;
  // 中关村 for 中关村街道, 温泉 for 温泉镇 — when only one matches.
  const prefixed = input.length >= 2 ? areas.filter((a) => a.name.startsWith(input)) : [];
  if (prefixed.length === 1) return prefixed[0]!;
  return { problem: `“${input.slice(0, 30)}”不是本区的街道乡镇 (not a street or town of the district)` };
}

function channelOf(input: string): Channel | null {
  const lower = input.toLowerCase();
  for (const c of channels) if (c === lower || channelNames[c].toLowerCase() === lower) return c;
  return null;
}

/** A cell as the user sees it, for an error list: Beijing time for instants, at most 40 characters. */
export function shownValue(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return new Date(v.getTime() + shanghaiOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
  const t = String(v).trim();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

/** Does this row only repeat the template's example? */
export function isExampleRow(cells: Record<ImportColumnKey, CellValue>): boolean {
  return importColumns.every(({ key }) => {
    const v = cells[key];
    const shown = v instanceof Date ? null : v === null ? '' : String(v).trim();
    return shown === importExample[key] || (key === 'receivedAt' && v instanceof Date && v.getTime() === parseBeijingTime(importExample.receivedAt)!.getTime());
  });
}

export const isBlankRow = (cells: Record<ImportColumnKey, CellValue>): boolean =>
  importColumns.every(({ key }) => cells[key] === null || (typeof cells[key] === 'string' && (cells[key] as string).trim() === ''));

/** Checks one row: the request it describes, or every problem with it, by column. */
export function checkImportRow(cells: Record<ImportColumnKey, CellValue>, ref: ImportReference): { row: ImportRow } | { problems: ColumnProblem[] } {
  const problems: ColumnProblem[] = [];
  const fail = (column: ImportColumnKey, message: string) => { problems.push({ column, message }); };
  const textOf = (column: ImportColumnKey, max: number, min = 0): string => {
    const v = text(cells[column]);
    if (typeof v !== 'string') { fail(column, v.problem); return ''; }
    if (v.length === 0 && min > 0) { fail(column, '必填 (required)'); return ''; }
    if (v.length < min) { fail(column, `至少 ${min} 个字 (at least ${min} characters)`); return ''; }
    if (v.length > max) { fail(column, `超过 ${max} 个字 (more than ${max} characters)`); return ''; }
    return v;
  };

  const categoryText = textOf('category', 100, 1);
  let serviceId = '';
  if (categoryText) {
    const s = findService(categoryText, ref.services);
    if ('problem' in s) fail('category', s.problem); else serviceId = s.id;
  }
  const description = textOf('description', maxDescription, 2);

  let receivedAt: Date | null = null;
  const at = time(cells.receivedAt);
  if (at === null) fail('receivedAt', '必填 (required)');
  else if ('problem' in at) fail('receivedAt', at.problem);
  else if (at.getTime() < earliest) fail('receivedAt', '受理时间早于 2000 年 (before 2000)');
  else if (at.getTime() > ref.now.getTime() + futureSlackMs) fail('receivedAt', '受理时间晚于现在 (in the future)');
  else receivedAt = at;

  const address = textOf('address', 200, 1);
  const streetText = textOf('street', 40, 1);
  let divisionCode = '';
  if (streetText) {
    const a = findArea(streetText, ref.areas);
    if ('problem' in a) fail('street', a.problem); else divisionCode = a.divisionCode;
  }

  const coordinate = (column: 'lat' | 'lon', limit: number): number | null => {
    const v = number(cells[column]);
    if (v !== null && typeof v === 'object') { fail(column, v.problem); return null; }
    if (v !== null && Math.abs(v) > limit) { fail(column, `应在 -${limit} 至 ${limit} 之间 (out of range)`); return null; }
    return v;
  };
  const lat = coordinate('lat', 90);
  const lon = coordinate('lon', 180);
  const latGiven = cells.lat !== null && cells.lat !== '';
  const lonGiven = cells.lon !== null && cells.lon !== '';
  if (latGiven !== lonGiven) fail(latGiven ? 'lon' : 'lat', '经纬度须同时填写或同时不填 (give both lat and lon, or neither)');

  const citizenName = textOf('citizenName', 40);
  const citizenPhone = textOf('citizenPhone', 30);
  if (citizenPhone && !/^[0-9+\-() ]*$/.test(citizenPhone)) fail('citizenPhone', '电话只能含数字、空格、加号、减号和括号 (digits, spaces, plus, minus and brackets only)');

  const channelText = textOf('channel', 20, 1);
  const channel = channelText ? channelOf(channelText) : null;
  if (channelText && !channel) fail('channel', `受理渠道应为：${channelOrder.map((c) => channelNames[c]).join('、')} (unknown channel)`);

  if (problems.length || !receivedAt || !channel) return { problems };
  return { row: { serviceId, description, receivedAt, address, divisionCode, lat, lon, citizenName, citizenPhone, channel } };
}
