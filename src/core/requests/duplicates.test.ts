// Duplicates without coordinates: the address as written, in the same street or town.
import { describe, expect, it } from 'vitest';
import { diceSimilarity, findLikelyDuplicates, matchAddresses, normaliseAddress, type PlacedCandidate } from './duplicates.ts';

describe('addresses', () => {
  it('normalises width, case, spaces, punctuation and the shared prefix', () => {
    expect(normaliseAddress('北京市海淀区 中关村大街２７号')).toBe('中关村大街27号');
    expect(normaliseAddress('海淀区中关村大街27号。')).toBe('中关村大街27号');
    expect(normaliseAddress('中国北京海淀区学院路30号院（3号楼）')).toBe('学院路30号院3号楼');
    expect(normaliseAddress('Wudaokou  Plaza')).toBe('wudaokouplaza');
  });
  it('matches the same place written alike, and never different numbers', () => {
    expect(matchAddresses('海淀区中关村大街27号', '北京市海淀区中关村大街２７号')).toBe('equal');
    expect(matchAddresses('中关村大街27号', '中关村大街27号门前')).toBe('contained');
    expect(matchAddresses('知春路56号小区', '知春路56号院小区')).toBe('similar');
    expect(matchAddresses('中关村大街27号', '中关村大街28号')).toBeNull();
    expect(matchAddresses('学院路30号院3号楼', '学院路30号院5号楼')).toBeNull();
    // A bare road is not the place of a house on it.
    expect(matchAddresses('中关村大街', '中关村大街27号')).toBeNull();
    expect(matchAddresses('知春路56号', '学院路30号')).toBeNull();
  });
  it('says nothing about empty or vague addresses', () => {
    expect(matchAddresses('', '')).toBeNull();
    expect(matchAddresses('海淀区', '海淀区')).toBeNull();
    expect(matchAddresses('27号', '27号')).toBeNull();
  });
  it('Dice coefficient of bigrams', () => {
    expect(diceSimilarity('abcd', 'abcd')).toBe(1);
    expect(diceSimilarity('ab', 'cd')).toBe(0);
    expect(diceSimilarity('abc', 'abd')).toBeCloseTo(0.5, 12);
  });
});

describe('likely duplicates', () => {
  const at = new Date('2032-03-10T02:00:00Z');
  const hoursBefore = (h: number) => new Date(at.getTime() - h * 3_600_000);
  const settings = { radiusM: 200, windowHours: 72 };
  const request = { serviceId: 's', receivedAt: at, lat: null, lon: null, address: '海淀区中关村大街27号', divisionCode: '110108011' };
  const candidate = (over: Partial<PlacedCandidate>): PlacedCandidate => ({
    id: 'c', code: 'HD1', serviceId: 's', receivedAt: hoursBefore(5), lat: null, lon: null, address: '中关村大街27号', divisionCode: '110108011', open: true, ...over,
  });

  it('finds an open request of the same category at the same address in the same street within the window', () => {
    expect(findLikelyDuplicates(request, [candidate({})], settings)).toMatchObject([{ id: 'c', reason: 'same_address', address: 'equal', distanceM: null }]);
  });
  it('ignores other categories, other streets, closed ones and those outside the window', () => {
    for (const over of [{ serviceId: 'x' }, { divisionCode: '110108010' }, { open: false }, { receivedAt: hoursBefore(73) }, { receivedAt: hoursBefore(-1) }, { address: '中关村大街29号' }]) {
      expect(findLikelyDuplicates(request, [candidate(over)], settings), JSON.stringify(over)).toEqual([]);
    }
  });
  it('without a street on either side, only an equal address counts', () => {
    expect(findLikelyDuplicates({ ...request, divisionCode: null }, [candidate({})], settings)).toHaveLength(1);
    expect(findLikelyDuplicates({ ...request, divisionCode: null }, [candidate({ address: '中关村大街27号门前' })], settings)).toEqual([]);
    expect(findLikelyDuplicates(request, [candidate({ divisionCode: null, address: '中关村大街27号门前' })], settings)).toEqual([]);
  });
  it('lets the distance decide when both have coordinates, and the address when one has none', () => {
    const located = { ...request, lat: 39.9832, lon: 116.3162 };
    // 300 m apart at the same written address: both located, so not a duplicate.
    expect(findLikelyDuplicates(located, [candidate({ lat: 39.9859, lon: 116.3162 })], settings)).toEqual([]);
    expect(findLikelyDuplicates(located, [candidate({ lat: 39.9840, lon: 116.3162, address: '' })], settings)).toMatchObject([{ reason: 'nearby' }]);
    expect(findLikelyDuplicates(located, [candidate({})], settings)).toMatchObject([{ reason: 'same_address' }]);
  });
  it('prefers the nearest, then the closest address, then the earliest', () => {
    const located = { ...request, lat: 39.9832, lon: 116.3162 };
    const found = findLikelyDuplicates(located, [
      candidate({ id: 'similar', address: '中关村大街27号门前', receivedAt: hoursBefore(30) }),
      candidate({ id: 'late', receivedAt: hoursBefore(2) }),
      candidate({ id: 'early', receivedAt: hoursBefore(20) }),
      candidate({ id: 'near', lat: 39.9833, lon: 116.3162 }),
    ], settings);
    expect(found.map((d) => d.id)).toEqual(['near', 'early', 'late', 'similar']);
  });
});
