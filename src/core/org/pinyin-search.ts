import { pinyin } from 'pinyin-pro';

/**
 * Search keys of a Chinese name: its pinyin initials ("中关村街道" → "zgcjd") and its full pinyin
 * without spaces or tones ("zhongguancunjiedao"). Non-Chinese characters are kept, lower-cased,
 * so "SOE-2 集团" still matches "soe". A search term matches when it is a substring of either.
 */
export function pinyinKeys(name: string): { initials: string; full: string } {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return { initials, full };
}
