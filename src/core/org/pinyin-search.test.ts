import { describe, expect, it } from 'vitest';
import { pinyinKeys } from './pinyin-search.ts';

describe('pinyinKeys', () => {
  it('gives the initials a clerk types to find a unit', () => {
    expect(pinyinKeys('海淀区').initials).toBe('hdq');
    expect(pinyinKeys('中关村街道').initials.startsWith('zgc')).toBe(true);
    expect(pinyinKeys('中关村街道').full).toBe('zhongguancunjiedao');
  });

  it('keeps Latin letters and digits of mixed names', () => {
    expect(pinyinKeys('中关村Park 2号').initials).toContain('park2');
  });

  it('reads polyphonic characters as in place names (长 in 长安 is chang)', () => {
    expect(pinyinKeys('长安街道').initials).toBe('cajd');
  });
});
