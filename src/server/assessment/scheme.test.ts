import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../test-support/test-app.ts';
import { demoSchemeContent } from '../demo/demo-assessment-scheme.ts';
import { content, year } from './assessment-test-kit.ts';

interface Scheme { id: string; version: number; schemeVersion: number; status: string; reason: string; content: typeof content; year: number; name: string }

describe('assessment schemes', () => {
  let t: TestApp;
  let kaohe: Client;
  let zgc: Client;
  let lingdao: Client;
  beforeAll(async () => {
    t = await startTestApp();
    [kaohe, zgc, lingdao] = await Promise.all([t.login('kaohe'), t.login('zgc'), t.login('lingdao')]);
  }, 120_000);
  afterAll(() => t.close());

  let draft: Scheme;
  it('the office drafts a scheme; reporters and leaders cannot', async () => {
    expect((await zgc.post('/api/assessment/schemes', { year, name: 'x', content: demoSchemeContent })).statusCode).toBe(403);
    expect((await lingdao.post('/api/assessment/schemes', { year, name: 'x', content: demoSchemeContent })).statusCode).toBe(403);
    const res = await kaohe.post('/api/assessment/schemes', { year, name: '2026年度综合考核方案', content: demoSchemeContent });
    expect(res.statusCode).toBe(201);
    draft = res.json();
    expect(draft).toMatchObject({ status: 'draft', schemeVersion: 1, version: 1 });
    expect(draft.content.categories.map((c) => c.categoryCode)).toEqual(['ZJ', 'BM', 'GQ']);
    // a second draft of the same year would fork the scheme
    expect((await kaohe.post('/api/assessment/schemes', { year, name: 'again', content: demoSchemeContent })).statusCode).toBe(409);
  });

  it('a reporter sees neither the draft nor its existence; a leader reads it', async () => {
    expect((await zgc.get(`/api/assessment/schemes/${draft.id}`)).statusCode).toBe(404);
    expect((await zgc.get('/api/assessment/schemes')).json()).toEqual([]);
    expect((await lingdao.get(`/api/assessment/schemes/${draft.id}`)).statusCode).toBe(200);
  });

  it('refuses an inconsistent tree, naming the place', async () => {
    const bad = structuredClone(content);
    bad.categories[0]!.nodes.find((n) => n.code === 'ZJ01')!.parent = 'NOPE';
    const res = await kaohe.patch(`/api/assessment/schemes/${draft.id}`, { content: bad, version: draft.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.problems[0]).toMatchObject({ path: 'categories[0].nodes[0].parent'.replace('[0].parent', `[${bad.categories[0]!.nodes.findIndex((n) => n.code === 'ZJ01')}].parent`) });
    const wrongKind = structuredClone(content);
    wrongKind.categories[2]!.nodes.push({ code: 'GQ99', name: '挂在指标下', parent: 'GQ01', kind: 'indicator', weight: 1 });
    expect((await kaohe.patch(`/api/assessment/schemes/${draft.id}`, { content: wrongKind, version: draft.version })).statusCode).toBe(422);
    const badMethod = structuredClone(demoSchemeContent) as { defaultMethod: unknown };
    badMethod.defaultMethod = { method: 'efficacy', base: 'sixty' };
    expect((await kaohe.patch(`/api/assessment/schemes/${draft.id}`, { content: badMethod, version: draft.version })).statusCode).toBe(400);
  });

  it('edits a draft with its version; a stale version is refused', async () => {
    const changed = structuredClone(content);
    changed.categories[0]!.nodes[0]!.weight = 30;
    const res = await kaohe.patch(`/api/assessment/schemes/${draft.id}`, { content: changed, version: draft.version });
    expect(res.statusCode).toBe(200);
    expect(res.json<Scheme>().content.categories[0]!.nodes[0]!.weight).toBe(30);
    expect((await kaohe.patch(`/api/assessment/schemes/${draft.id}`, { name: 'late', version: draft.version })).statusCode).toBe(409);
    draft = res.json();
  });

  let v1: Scheme;
  it('publishes and freezes; a change is a new version with its reason', async () => {
    expect((await zgc.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version })).statusCode).toBe(403);
    const published = await kaohe.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version });
    expect(published.statusCode).toBe(200);
    v1 = published.json();
    expect(v1.status).toBe('published');
    expect((await kaohe.patch(`/api/assessment/schemes/${v1.id}`, { name: 'changed', version: v1.version })).statusCode).toBe(409);
    expect((await kaohe.post(`/api/assessment/schemes/${v1.id}/revise`, { reason: '', version: v1.version })).statusCode).toBe(400);
    const revised = await kaohe.post(`/api/assessment/schemes/${v1.id}/revise`, { reason: '市考核办调整经济发展维度权重', version: v1.version });
    expect(revised.statusCode).toBe(201);
    const v2 = revised.json<Scheme>();
    expect(v2).toMatchObject({ status: 'draft', schemeVersion: 2, reason: '市考核办调整经济发展维度权重' });
    const p2 = await kaohe.post(`/api/assessment/schemes/${v2.id}/publish`, { version: v2.version });
    expect(p2.json<Scheme>().status).toBe('published');
    const list = (await zgc.get('/api/assessment/schemes')).json<Scheme[]>();
    expect(list.map((s) => `${s.schemeVersion}:${s.status}`)).toEqual(['2:published', '1:superseded']);
  });

  it('copies last year to a new year with deadlines moved', async () => {
    const res = await kaohe.post(`/api/assessment/schemes/${v1.id}/copy`, { year: 2027 });
    expect(res.statusCode).toBe(201);
    const copy = res.json<Scheme>();
    expect(copy).toMatchObject({ year: 2027, status: 'draft', schemeVersion: 1, name: '2027年度综合考核方案' });
    expect(copy.content.periods.map((p) => p.deadline)).toEqual(['2027-04-15', '2027-07-15', '2027-10-15', '2028-01-15']);
    expect((await kaohe.post(`/api/assessment/schemes/${v1.id}/copy`, { year: 2025 })).statusCode).toBe(422);
  });

  it('exports JSON that imports back into the same content', async () => {
    const exported = await kaohe.get(`/api/assessment/schemes/${v1.id}/export.json`);
    expect(exported.headers['content-disposition']).toContain('attachment');
    const file = exported.json<{ format: string; year: number; name: string; content: unknown }>();
    expect(file.format).toBe('pacesetter-scheme');
    const imported = await kaohe.post('/api/assessment/schemes', { year: 2030, name: file.name, content: file.content });
    expect(imported.statusCode).toBe(201);
    expect(imported.json<Scheme>().content).toEqual(v1.content);
  });

  it('exports Excel that imports back into the same content; a bad cell names its place', async () => {
    const xlsx = await kaohe.request('GET', `/api/assessment/schemes/${v1.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const type = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    expect((await zgc.request('POST', '/api/assessment/schemes/import.xlsx', xlsx.rawPayload, type)).statusCode).toBe(403);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    wb.getWorksheet('_template')!.getCell('B2').value = '2031';
    const again = await kaohe.request('POST', '/api/assessment/schemes/import.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), type);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<Scheme>()).toMatchObject({ year: 2031, status: 'draft' });
    expect(again.json<Scheme>().content).toEqual(v1.content);
    wb.getWorksheet('_template')!.getCell('B2').value = '2032';
    wb.getWorksheet('ZJ 镇街')!.getCell('E3').value = '三十';
    const bad = await kaohe.request('POST', '/api/assessment/schemes/import.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), type);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.errors[0]).toMatchObject({ sheet: 'ZJ 镇街', row: 3, column: 'E' });
  });

  it('keeps every field of a node through Excel, descriptions too', async () => {
    const described = structuredClone(content);
    const zj01 = described.categories[0]!.nodes.find((n) => n.code === 'ZJ01')!;
    zj01.description = '按区统计局季度快报口径，累计同比，可比价计算';
    described.categories[1]!.nodes.find((n) => n.code === 'BM-JJ')!.description = '部门牵头的经济工作';
    const created = await kaohe.post('/api/assessment/schemes', { year: 2033, name: '2033年度综合考核方案', content: described });
    expect(created.statusCode, created.body).toBe(201);
    const scheme = created.json<Scheme>();
    const xlsx = await kaohe.request('GET', `/api/assessment/schemes/${scheme.id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('ZJ 镇街')!;
    // 说明 last, after 月度汇总 and 截止日
    expect(sheet.getCell('P1').value).toBe('说明');
    wb.getWorksheet('_template')!.getCell('B2').value = '2034';
    const type = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const back = await kaohe.request('POST', '/api/assessment/schemes/import.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), type);
    expect(back.statusCode, back.body).toBe(201);
    const imported = back.json<Scheme>().content;
    expect(imported.categories[0]!.nodes.find((n) => n.code === 'ZJ01')!.description).toBe(zj01.description);
    expect(imported).toEqual(scheme.content);
  });

  it('names the statistics source by an existing unit code', async () => {
    const res = await kaohe.post('/api/assessment/schemes', { year: 2035, name: '2035年度综合考核方案', content: { ...demoSchemeContent, statisticsUnitCode: 'BM999' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('BM999');
    expect(res.json().error.details.problems[0].path).toBe('statisticsUnitCode');
  });
});
