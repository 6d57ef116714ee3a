// A new request is flagged as a likely duplicate when one of the same category, still open, lies
// within a radius and was received within a time window before it (both configurable).
import { distanceM, type Point } from './geo.ts';

export interface DuplicateSettings { radiusM: number; windowHours: number }
export const defaultDuplicateSettings: DuplicateSettings = { radiusM: 200, windowHours: 72 };

export interface DuplicateCandidate extends Point { id: string; code: string; serviceId: string; receivedAt: Date; open: boolean }

export interface DuplicateMatch { id: string; code: string; distanceM: number; hoursBefore: number }

export function findDuplicates(
  request: Point & { serviceId: string; receivedAt: Date },
  candidates: DuplicateCandidate[],
  settings: DuplicateSettings,
): DuplicateMatch[] {
  const matches: DuplicateMatch[] = [];
  for (const c of candidates) {
    if (!c.open || c.serviceId !== request.serviceId) continue;
    const hoursBefore = (request.receivedAt.getTime() - c.receivedAt.getTime()) / 3_600_000;
    if (hoursBefore < 0 || hoursBefore > settings.windowHours) continue;
    const d = distanceM(request, c);
    if (d > settings.radiusM) continue;
    matches.push({ id: c.id, code: c.code, distanceM: d, hoursBefore });
  }
  return matches.sort((a, b) => a.distanceM - b.distanceM);
}

// ---------------------------------------------------------------------------------------------
// Without coordinates (a phone call, the public web form): the place is the street or town and
// the address as written. Two addresses name the same place when, once normalised, they are equal,
// or carry the same house numbers and one contains the other, or carry the same house numbers and
// share at least 80 % of their character pairs (Dice coefficient of bigrams).

/** Shorter normalised addresses ("27号", "门口") say too little to match on. */
export const minAddressLength = 4;
/** Dice coefficient of character bigrams from which two addresses with the same numbers are one place. */
export const addressSimilarity = 0.8;

const prefixes = ['中国', '北京市', '北京', '海淀区'];

/**
 * The address as compared: full-width forms folded (２７号 → 27号), lower case, without spaces,
 * punctuation or symbols, without the leading 中国 / 北京市 / 海淀区 every address shares.
 */
export function normaliseAddress(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
  for (const p of prefixes) if (s.startsWith(p)) s = s.slice(p.length);
  return s;
}

const numbersOf = (s: string) => (s.match(/\d+/g) ?? []).map((n) => String(Number(n))).join(',');

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of the character bigrams of two strings (multisets): 1 for equal, 0 for nothing shared. */
export function diceSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) { total += n; shared += Math.min(n, x.get(g) ?? 0); }
  return total === 0 ? 0 : (2 * shared) / total;
}

export type AddressMatch = 'equal' | 'contained' | 'similar';

/** How two written addresses match, if they name the same place; null if not (or too vague to tell). */
export function matchAddresses(a: string, b: string): AddressMatch | null {
  const x = normaliseAddress(a);
  const y = normaliseAddress(b);
  if ([...x].length < minAddressLength || [...y].length < minAddressLength) return null;
  if (x === y) return 'equal';
  // 中关村大街27号 and 中关村大街28号 are different places, however alike the text.
  if (numbersOf(x) !== numbersOf(y)) return null;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (longer.includes(shorter)) return 'contained';
  return diceSimilarity(x, y) >= addressSimilarity ? 'similar' : null;
}

/** A request as the duplicate check sees it: located by coordinates, or by street and address. */
export interface PlacedRequest {
  serviceId: string; receivedAt: Date; lat: number | null; lon: number | null; address: string; divisionCode: string | null;
}
export interface PlacedCandidate extends PlacedRequest { id: string; code: string; open: boolean }

export interface LikelyDuplicate {
  id: string; code: string; hoursBefore: number;
  /** nearby: both located, within the radius; same_address: the street and the address say so. */
  reason: 'nearby' | 'same_address';
  distanceM: number | null;
  address: AddressMatch | null;
}

const addressRank: Record<AddressMatch, number> = { equal: 0, contained: 1, similar: 2 };

/**
 * Likely duplicates of a request among open ones of the same category received within the window
 * before it. When both have coordinates, the distance decides (within the radius). Otherwise the
 * address does: in the same street or town any match of `matchAddresses`; when either has no
 * street or town, only equal normalised addresses. Nearby ones come first (nearest first), then
 * by address (equal, contained, similar), earliest received first.
 */
export function findLikelyDuplicates(request: PlacedRequest, candidates: PlacedCandidate[], settings: DuplicateSettings): LikelyDuplicate[] {
  const out: LikelyDuplicate[] = [];
  for (const c of candidates) {
    if (!c.open || c.serviceId !== request.serviceId) continue;
    const hoursBefore = (request.receivedAt.getTime() - c.receivedAt.getTime()) / 3_600_000;
    if (hoursBefore < 0 || hoursBefore > settings.windowHours) continue;
    if (request.lat !== null && request.lon !== null && c.lat !== null && c.lon !== null) {
      const d = distanceM({ lat: request.lat, lon: request.lon }, { lat: c.lat, lon: c.lon });
      if (d <= settings.radiusM) out.push({ id: c.id, code: c.code, hoursBefore, reason: 'nearby', distanceM: d, address: null });
      continue;
    }
    const match = matchAddresses(request.address, c.address);
    if (!match) continue;
    const sameStreet = request.divisionCode !== null && request.divisionCode === c.divisionCode;
    const anyStreetMissing = request.divisionCode === null || c.divisionCode === null;
    if (sameStreet || (anyStreetMissing && match === 'equal')) {
      out.push({ id: c.id, code: c.code, hoursBefore, reason: 'same_address', distanceM: null, address: match });
    }
  }
  return out.sort((a, b) => {
    if (a.reason !== b.reason) return a.reason === 'nearby' ? -1 : 1;
    if (a.reason === 'nearby') return a.distanceM! - b.distanceM!;
    return addressRank[a.address!] - addressRank[b.address!] || b.hoursBefore - a.hoursBefore;
  });
}
