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
