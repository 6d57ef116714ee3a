import { describe, expect, it } from 'vitest';
import { findDuplicates } from './duplicates.ts';
import { distanceM, nearestArea } from './geo.ts';
import { maskName, maskPhone, redactText } from './privacy.ts';
import { cosine, keywords, suggestUnits, termVector } from './similarity.ts';

const split = (text: string) => text.split(/\s+/);

describe('similarity', () => {
  it('drops stop words, punctuation and numbers', () => {
    expect(keywords('市民 反映 小区 噪音 ， 扰民 12 占 道', split)).toEqual(['小区', '噪音', '扰民']);
  });
  it('cosine of word counts', () => {
    expect(cosine(termVector(['噪音', '扰民']), termVector(['噪音', '扰民']))).toBeCloseTo(1, 12);
    expect(cosine(termVector(['噪音']), termVector(['停车']))).toBe(0);
    expect(cosine(termVector(['噪音', '扰民']), termVector(['噪音', '施工']))).toBeCloseTo(0.5, 12);
  });
  it('suggests the unit whose past requests are most alike, with its reason', () => {
    const past = [
      { id: '1', code: 'A1', unitId: 'u1', unitName: '中关村街道', words: ['施工', '噪音', '夜间'], sameCategory: true },
      { id: '2', code: 'A2', unitId: 'u2', unitName: '区水务局', words: ['停水', '水管'], sameCategory: false },
      { id: '3', code: 'A3', unitId: 'u3', unitName: '海淀街道', words: ['施工', '噪音'], sameCategory: false },
    ];
    const s = suggestUnits(['夜间', '施工', '噪音'], past);
    expect(s.map((x) => x.unitName)).toEqual(['中关村街道', '海淀街道']);
    expect(s[0]!.reason).toContain('A1');
    expect(s[0]!.reason).toContain('施工');
  });
});

describe('places and duplicates', () => {
  it('measures distances', () => {
    // 0.001° of latitude ≈ 111.2 m.
    expect(distanceM({ lat: 39.98, lon: 116.31 }, { lat: 39.981, lon: 116.31 })).toBeCloseTo(111.2, 0);
  });
  it('finds the street of a point by nearest centre', () => {
    const centres = [{ divisionCode: 'a', name: '甲', lat: 39.98, lon: 116.31 }, { divisionCode: 'b', name: '乙', lat: 40.0, lon: 116.35 }];
    expect(nearestArea({ lat: 39.99, lon: 116.34 }, centres)?.name).toBe('乙');
    expect(nearestArea({ lat: 31.2, lon: 121.5 }, centres)).toBeNull();
  });
  it('flags open requests of the same category nearby and recently', () => {
    const base = { serviceId: 's', lat: 39.98, lon: 116.31, receivedAt: new Date('2026-03-05T00:00:00Z') };
    const c = (id: string, over: object) => ({ id, code: id, serviceId: 's', lat: 39.98, lon: 116.31, receivedAt: new Date('2026-03-04T00:00:00Z'), open: true, ...over });
    const found = findDuplicates(base, [
      c('near', { lat: 39.981 }), c('far', { lat: 39.99 }), c('closed', { open: false }), c('other', { serviceId: 't' }),
      c('old', { receivedAt: new Date('2026-02-20T00:00:00Z') }), c('later', { receivedAt: new Date('2026-03-06T00:00:00Z') }), c('same', {}),
    ], { radiusM: 200, windowHours: 72 });
    expect(found.map((f) => f.code)).toEqual(['same', 'near']);
  });
});

describe('privacy', () => {
  it('masks names and phones', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('62551234')).toBe('******34');
  });
  it('blanks numbers written into the text', () => {
    expect(redactText('请回电13812345678或010-62551234，身份证11010819800101123X')).toBe('请回电[电话已隐藏]或[电话已隐藏]，身份证[证件号已隐藏]');
  });
});
