// Bulk import of requests from the Excel template or CSV: a good file imports every row as intake
// would (audited, duplicates flagged); every kind of bad file is refused with its problems named
// by sheet, row and column, and writes nothing; only the hotline centre and admin may import.
import ExcelJS from 'exceljs';
import { count, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, citizenRequests } from '../db/schema/index.ts';
import { demoPdf } from '../demo/demo-assessment.ts';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { importHeaders } from '../../core/requests/request-import.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let hotline: Client;
let admin: Client;
let zgc: Client;
let leader: Client;
let serviceId: string;

beforeAll(async () => {
  t = await startTestApp();
  [hotline, admin, zgc, leader] = await Promise.all([t.login('rexian'), t.login('admin'), t.login('zgc'), t.login('lingdao')]);
  const services = (await hotline.get('/api/request-services')).json() as { id: string; code: string }[];
  serviceId = services.find((s) => s.code === 'CSGL-ZDJY')!.id;
});
afterAll(async () => { await t?.close(); });

const upload = (client: Client, body: Buffer, type = xlsx) => client.request('POST', '/api/requests/import', body, { 'content-type': type });

async function template(client: Client = hotline): Promise<ExcelJS.Workbook> {
  const res = await client.request('GET', '/api/requests/import-template.xlsx');
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toContain(xlsx);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** Beijing wall-clock text for an instant some minutes from now (negative: ago). */
const beijing = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

let unique = 0;
/** A row of the template's columns; each call describes a different request (so files differ). */
const line = (over: Partial<Record<'category' | 'description' | 'receivedAt' | 'address' | 'street' | 'lat' | 'lon' | 'name' | 'phone' | 'channel', unknown>> = {}) => {
  const r = { category: 'CSGL-ZDJY', description: `学院路商铺门口占道经营，影响通行（第${++unique}件）`, receivedAt: beijing(-600), address: '海淀区学院路30号', street: '学院路街道', lat: null, lon: null, name: '李先生', phone: '13900001111', channel: '电话', ...over };
  return [r.category, r.description, r.receivedAt, r.address, r.street, r.lat, r.lon, r.name, r.phone, r.channel];
};

async function filled(rows: unknown[][], keepExample = true): Promise<ExcelJS.Workbook> {
  const wb = await template();
  const sheet = wb.getWorksheet('诉求')!;
  if (!keepExample) sheet.spliceRows(2, 1);
  for (const r of rows) sheet.addRow(r);
  return wb;
}

/** What a refused upload must leave untouched: the requests and the audit trail. */
async function state() {
  const db = t.database.db;
  const [requests] = await db.select({ n: count() }).from(citizenRequests);
  const [audit] = await db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return { requests: Number(requests!.n), audit: Number(audit!.seq) };
}

async function refused(body: Buffer, type: string, status: number, says: string) {
  const before = await state();
  const res = await upload(hotline, body, type);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.json().error.message).toContain(says);
  expect(await state()).toEqual(before);
  return res.json().error as { message: string; details?: { errors?: { sheet: string; row: number; column: string; message: string }[] } };
}

describe('the template', () => {
  it('has the headers in Chinese, an example row, the lists to choose from', async () => {
    const wb = await template();
    const sheet = wb.getWorksheet('诉求')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...importHeaders]);
    expect(sheet.getRow(2).getCell(1).value).toBe('CSGL-ZDJY');
    expect(wb.getWorksheet('类别')!.rowCount).toBeGreaterThan(10);
    expect(wb.getWorksheet('街道乡镇')!.getRow(2).getCell(2).value).toMatch(/^110108\d{3}$/);
    expect(wb.getWorksheet('填写说明')).toBeDefined();
    expect((await admin.request('GET', '/api/requests/import-template.xlsx')).statusCode).toBe(200);
  });
  it('is the hotline centre’s and admin’s', async () => {
    expect((await zgc.request('GET', '/api/requests/import-template.xlsx')).statusCode).toBe(403);
    expect((await leader.request('GET', '/api/requests/import-template.xlsx')).statusCode).toBe(403);
  });
});

describe('a good file', () => {
  it('imports every row as intake would: received, audited, duplicates flagged; the example row is skipped', async () => {
    // An open request taken on the phone a moment ago, at a quiet corner of the district.
    const taken = await hotline.post('/api/requests', { serviceId, description: '路口有人摆摊占道', address: '海淀区某路口', lat: 39.9, lon: 116.45, citizenName: '', citizenPhone: '' });
    expect(taken.statusCode, taken.body).toBe(201);
    const before = await state();
    const wb = await filled([
      line({ lat: 39.9001, lon: 116.4502, receivedAt: beijing(2) }), // near the one taken: its duplicate
      line({ category: '占道经营', street: '110108011', lat: 39.905, lon: 116.397 }),
      line({ category: '城市管理 › 占道经营', lat: 39.9051, lon: 116.3971, receivedAt: beijing(-300), channel: 'web', name: '', phone: '' }), // near the row above, later: its duplicate
      line({ category: 'SZSS-GN', street: '温泉', description: '小区暖气不热，室温只有十五度', receivedAt: new Date(Date.now() - 3_600_000 + 8 * 3_600_000) }),
    ]);
    const res = await upload(hotline, await bytes(wb));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    const result = res.json() as { imported: number; duplicates: number; requests: { id: string; code: string; row: number; duplicateOf: string | null }[] };
    expect(result.imported).toBe(4);
    expect(result.requests.map((r) => r.row)).toEqual([3, 4, 5, 6]);
    expect(result.requests[0]!.duplicateOf).toBe(taken.json().code);
    expect(result.requests[1]!.duplicateOf).toBeNull();
    expect(result.requests[2]!.duplicateOf).toBe(result.requests[1]!.code);
    expect(result.duplicates).toBe(2);

    const after = await state();
    expect(after.requests).toBe(before.requests + 4);
    // One record per request, one for the file.
    expect(after.audit).toBe(before.audit + 5);

    const second = (await hotline.get(`/api/requests/${result.requests[1]!.id}`)).json();
    expect(second).toMatchObject({ status: 'received', channel: 'phone', divisionName: '中关村街道', citizenName: '李先生', actions: ['dispatch'], resolutionDueAt: null });
    expect(second.timeline[0]).toMatchObject({ event: 'receive', toStatus: 'received' });
    const heating = (await hotline.get(`/api/requests/${result.requests[3]!.id}`)).json();
    expect(heating.divisionName).toBe('温泉地区');
    const history = (await hotline.get(`/api/audit/request/${result.requests[0]!.id}`)).json() as { action: string; actorName: string }[];
    expect(history).toEqual([expect.objectContaining({ action: 'request.receive' })]);

    // The clocks start at dispatch, as for every request.
    const units = (await hotline.get('/api/units?limit=500')).json().items as { id: string; name: string }[];
    const dispatched = await hotline.post(`/api/requests/${result.requests[1]!.id}/events`, { event: 'dispatch', version: second.version, unitId: units.find((u) => u.name === '中关村街道')!.id });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect(dispatched.json().resolutionDueAt).not.toBeNull();
  });

  it('flags rows without coordinates by intake’s rule: the same address in the same street', async () => {
    const address = '海淀区花园路甲2号院3号楼';
    const wb = await filled([
      line({ category: 'CSGL-HJWS', description: '楼下垃圾三天没有清运', address, street: '花园路街道', receivedAt: beijing(-120) }),
      line({ category: 'CSGL-HJWS', description: '院里垃圾堆放很久没人清理', address: `北京市${address}`, street: '花园路街道', receivedAt: beijing(-60) }),
    ], false);
    const res = await upload(hotline, await bytes(wb));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const [first, second] = res.json().requests as { code: string; row: number; duplicateOf: string | null }[];
    expect(first!.row).toBe(2);
    expect(second!.duplicateOf).toBe(first!.code);
  });

  it('refuses the same file a second time, and writes nothing', async () => {
    const file = await bytes(await filled([line()]));
    expect((await upload(admin, file)).statusCode).toBe(201);
    await refused(file, xlsx, 409, '已于');
  });

  it('imports CSV with the template’s header, in UTF-8 or as Excel saves it in Chinese (GB18030)', async () => {
    const csv = (rows: unknown[][]) => [importHeaders, ...rows].map((r) => r.map((c) => (c === null ? '' : `"${String(c).replaceAll('"', '""')}"`)).join(',')).join('\r\n');
    const utf8 = Buffer.from(`\uFEFF${csv([line(), line({ receivedAt: '2026/3/2 9:30', description: '多行\n描述，门口占道' })])}`);
    const res = await upload(hotline, utf8, 'text/csv');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().imported).toBe(2);
    const gbk = encodeGb18030(csv([line()]));
    const windows = await upload(hotline, gbk, 'application/vnd.ms-excel');
    expect(windows.statusCode, windows.body.slice(0, 300)).toBe(201);
    const imported = (await hotline.get(`/api/requests/${windows.json().requests[0].id}`)).json();
    expect(imported.divisionName).toBe('学院路街道');
    expect(imported.description).toContain('学院路商铺门口占道经营');
  });
});

describe('a bad file writes nothing and says where the problems are', () => {
  it('a workbook that is not the template', async () => {
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('诉求').addRow([...importHeaders]);
    plain.getWorksheet('诉求')!.addRow(line());
    await refused(await bytes(plain), xlsx, 422, '不是本系统下载的模板');
    const wb = await filled([line()]);
    wb.getWorksheet('诉求')!.getCell('C1').value = '时间';
    const error = await refused(await bytes(wb), xlsx, 422, '表头');
    expect(error.details!.errors).toEqual([expect.objectContaining({ sheet: '诉求', row: 1, column: 'C' })]);
  });

  it('cells of the wrong type, an unknown category, missing values — every one listed', async () => {
    const wb = await filled([
      line(),
      line({ category: '不存在的类别' }),
      line({ receivedAt: '昨天上午', lat: '北纬40度', lon: 116.3 }),
      line({ description: '短', street: '朝阳门街道', channel: '信件' }),
      line({ lat: 95, lon: 116 }),
    ]);
    const error = await refused(await bytes(wb), xlsx, 422, '未导入任何数据');
    expect(error.details!.errors!.map((e) => `${e.sheet}!${e.column}${e.row}`)).toEqual([
      '诉求!A4', '诉求!C5', '诉求!F5', '诉求!B6', '诉求!E6', '诉求!J6', '诉求!F7',
    ]);
    expect(error.details!.errors![0]!.message).toContain('不存在的类别');
    expect(error.message).toContain('第 4 行 A 列');
  });

  it('a formula', async () => {
    const wb = await filled([line()]);
    wb.getWorksheet('诉求')!.getCell('B3').value = { formula: 'CONCAT("占道","经营")', result: '占道经营' } as ExcelJS.CellFormulaValue;
    const error = await refused(await bytes(wb), xlsx, 422, '公式');
    expect(error.details!.errors).toEqual([expect.objectContaining({ row: 3, column: 'B' })]);
  });

  it('merged cells', async () => {
    const wb = await filled([line(), line()]);
    wb.getWorksheet('诉求')!.mergeCells('D3:D4');
    await refused(await bytes(wb), xlsx, 422, '合并单元格');
  });

  it('files that are not Excel', async () => {
    await refused(demoPdf, xlsx, 415, '不是 Excel');
    await refused(demoPdf, 'application/octet-stream', 415, '不是 Excel');
    await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(200)]), 'application/vnd.ms-excel', 415, '.xls');
    await refused(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), xlsx, 422, '无法读取');
    expect((await upload(hotline, demoPdf, 'application/pdf')).statusCode).toBe(415);
  });

  it('a CSV with a bad row, or not our header', async () => {
    const csv = [importHeaders.join(','), line().join(','), line({ category: 'NOPE', lat: 'x', lon: 116 }).join(','), line().join(',')].join('\n');
    const error = await refused(Buffer.from(csv), 'text/csv', 422, '未导入任何数据');
    expect(error.details!.errors!.map((e) => `${e.sheet}!${e.column}${e.row}`)).toEqual(['CSV!A3', 'CSV!F3']);
    await refused(Buffer.from(`类别,内容\n${line().join(',')}`), 'text/csv', 422, '表头');
    await refused(Buffer.from(`${importHeaders.join(',')}\n=SUM(1+1),${line().slice(1).join(',')}`), 'text/csv', 422, '公式');
  });

  it('too many rows, or too large', async () => {
    const many = Array.from({ length: 2_030 }, () => line());
    await refused(await bytes(await filled(many)), xlsx, 422, '超过');
    const csv = [importHeaders.join(','), ...many.map((r) => r.join(','))].join('\n');
    await refused(Buffer.from(csv), 'text/csv', 422, '超过');
    await refused(Buffer.alloc(6 * 1024 * 1024, 0x41), 'text/csv', 413, '上限');
  }, 120_000);

  it('a file with nothing but the example', async () => {
    await refused(await bytes(await template()), xlsx, 422, '没有可导入的诉求');
  });
});

describe('who may import', () => {
  it('neither a unit reporter nor a leader, and nothing is written', async () => {
    const file = await bytes(await filled([line()]));
    const before = await state();
    for (const client of [zgc, leader]) {
      const res = await upload(client, file);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('热线中心');
    }
    expect((await upload(t.anonymous(), file)).statusCode).toBe(401);
    expect(await state()).toEqual(before);
  });
});

/** GB18030 bytes of a text, as Excel in Chinese saves “CSV (逗号分隔)” (Node decodes GB18030 but does not encode it). */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...code);
    }
  }
  return Buffer.from(out);
}
