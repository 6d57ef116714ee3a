import { describe, expect, it } from 'vitest';
import { checkImportRow, importColumns, importExample, isExampleRow, parseBeijingTime, type CellValue, type ImportColumnKey, type ImportReference } from './request-import.ts';

const ref: ImportReference = {
  services: [
    { id: 's-group', code: 'CSGL', name: '城市管理', path: '城市管理', active: true, leaf: false },
    { id: 's-zdjy', code: 'CSGL-ZDJY', name: '占道经营', path: '城市管理 › 占道经营', active: true, leaf: true },
    { id: 's-other1', code: 'A-QT', name: '其他', path: '城市管理 › 其他', active: true, leaf: true },
    { id: 's-other2', code: 'B-QT', name: '其他', path: '市政设施 › 其他', active: true, leaf: true },
    { id: 's-old', code: 'OLD', name: '旧类别', path: '旧类别', active: false, leaf: true },
  ],
  areas: [{ divisionCode: '110108010', name: '中关村街道' }, { divisionCode: '110108029', name: '温泉镇' }],
  now: new Date('2026-03-10T00:00:00Z'),
};

const row = (over: Partial<Record<ImportColumnKey, CellValue>> = {}): Record<ImportColumnKey, CellValue> => ({
  category: 'CSGL-ZDJY', description: '路边摊贩占道经营', receivedAt: '2026-03-02 09:30', address: '中关村大街27号', street: '中关村街道',
  lat: null, lon: null, citizenName: '', citizenPhone: '', channel: '电话', ...over,
});

const problemsOf = (over: Partial<Record<ImportColumnKey, CellValue>>) => {
  const r = checkImportRow(row(over), ref);
  return 'problems' in r ? r.problems.map((p) => p.column) : [];
};

describe('reading a time in Beijing time', () => {
  it('takes the ways officials write it', () => {
    const at = new Date('2026-03-02T01:30:00Z');
    for (const t of ['2026-03-02 09:30', '2026/3/2 9:30', '2026-03-02T09:30', '2026年3月2日 9时30分', '2026年3月2日9:30', '2026-03-02T09:30:00+08:00', '2026-03-02T01:30:00Z']) {
      expect(parseBeijingTime(t)?.toISOString(), t).toBe(at.toISOString());
    }
    expect(parseBeijingTime('2026-03-02 09:30:15')?.toISOString()).toBe('2026-03-02T01:30:15.000Z');
  });
  it('refuses dates without a time and impossible dates', () => {
    for (const t of ['2026-03-02', '2026-02-30 10:00', '2026-13-01 10:00', '2026-03-02 24:00', '昨天上午', '']) expect(parseBeijingTime(t), t).toBeNull();
  });
});

describe('checking a row', () => {
  it('gives the request a good row describes', () => {
    const r = checkImportRow(row({ lat: '39.98', lon: 116.31, citizenPhone: 13812345678, channel: 'phone' }), ref);
    expect(r).toEqual({ row: {
      serviceId: 's-zdjy', description: '路边摊贩占道经营', receivedAt: new Date('2026-03-02T01:30:00Z'), address: '中关村大街27号',
      divisionCode: '110108010', lat: 39.98, lon: 116.31, citizenName: '', citizenPhone: '13812345678', channel: 'phone',
    } });
  });
  it('finds the category by code, name or path, and the street by name, code or a unique prefix', () => {
    for (const category of ['csgl-zdjy', '占道经营', '城市管理 › 占道经营', '城市管理/占道经营', '市政设施 > 其他']) expect(problemsOf({ category }), category).toEqual([]);
    for (const street of ['110108010', '中关村', '温泉']) expect(problemsOf({ street }), street).toEqual([]);
  });
  it('names the column of every problem', () => {
    expect(problemsOf({ category: '不存在的类别' })).toEqual(['category']);
    expect(problemsOf({ category: '城市管理' })).toEqual(['category']);
    expect(problemsOf({ category: '其他' })).toEqual(['category']);
    expect(problemsOf({ category: 'OLD' })).toEqual(['category']);
    expect(problemsOf({ description: '短' })).toEqual(['description']);
    expect(problemsOf({ description: 'x'.repeat(4_001) })).toEqual(['description']);
    expect(problemsOf({ receivedAt: '2026-03-02' })).toEqual(['receivedAt']);
    expect(problemsOf({ receivedAt: '2027-01-01 00:00' })).toEqual(['receivedAt']);
    expect(problemsOf({ receivedAt: null })).toEqual(['receivedAt']);
    expect(problemsOf({ address: null })).toEqual(['address']);
    expect(problemsOf({ street: '朝阳门街道' })).toEqual(['street']);
    expect(problemsOf({ lat: 91, lon: 116 })).toEqual(['lat']);
    expect(problemsOf({ lat: '39.9', lon: '东经116' })).toEqual(['lon']);
    expect(problemsOf({ lat: '39.9' })).toEqual(['lon']);
    expect(problemsOf({ citizenPhone: '138-电话' })).toEqual(['citizenPhone']);
    expect(problemsOf({ channel: '信件' })).toEqual(['channel']);
    expect(problemsOf({ description: new Date() })).toEqual(['description']);
  });
  it('takes Excel dates and serial numbers as times', () => {
    expect(problemsOf({ receivedAt: new Date('2026-03-02T01:30:00Z') })).toEqual([]);
    const r = checkImportRow(row({ receivedAt: 46_083.5625 }), ref); // 2026-03-02 13:30 as an Excel serial
    expect('row' in r && r.row.receivedAt.toISOString()).toBe('2026-03-02T05:30:00.000Z');
  });
  it('knows the template’s example row', () => {
    const example = Object.fromEntries(importColumns.map((c) => [c.key, importExample[c.key]])) as Record<ImportColumnKey, CellValue>;
    expect(isExampleRow(example)).toBe(true);
    expect(isExampleRow({ ...example, lat: 39.9832, lon: 116.3162, receivedAt: parseBeijingTime(importExample.receivedAt) })).toBe(true);
    expect(isExampleRow({ ...example, address: '别处' })).toBe(false);
  });
});
