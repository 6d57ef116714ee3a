// Places of requests: coordinates, distances, and the street or town a point falls in.

export interface Point { lat: number; lon: number }

const earthRadiusM = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface AreaCentre extends Point { divisionCode: string; name: string }

/**
 * The street or town a point belongs to: the one with the nearest centre, if within `maxM`.
 * Without boundary polygons this is an approximation (a Voronoi partition of the centres); a
 * call-taker confirms or corrects it on the form.
 */
export function nearestArea(point: Point, centres: AreaCentre[], maxM = 8_000): AreaCentre | null {
  let best: AreaCentre | null = null;
  let bestDistance = Infinity;
  for (const c of centres) {
    const d = distanceM(point, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= maxM ? best : null;
}

/** A box around a point, for an index-friendly first filter before exact distances. */
export function boundingBox(centre: Point, radiusM: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.max(0.01, Math.cos(rad(centre.lat))));
  return { minLat: centre.lat - dLat, maxLat: centre.lat + dLat, minLon: centre.lon - dLon, maxLon: centre.lon + dLon };
}

/**
 * Grid cells of 0.01° × 0.01° (about 1.1 km × 0.85 km in Beijing), numbered row by row from the
 * south-west corner of the globe. The database stores each request's cell (a generated column
 * with the same arithmetic, see the citizen_requests table), so the duplicate check finds the
 * requests near a point by a few index ranges instead of reading every recent request of the
 * category. Both sides compute floor(degrees × 100) on IEEE doubles, so they agree exactly.
 */
export const cellsPerRow = 36_001;

export function geoCell(point: Point): number {
  return (Math.floor(point.lat * 100) + 9_000) * cellsPerRow + (Math.floor(point.lon * 100) + 18_000);
}

/** The cells a box touches, as one [first, last] range of cell numbers per row of the grid. */
export function cellRanges(box: { minLat: number; maxLat: number; minLon: number; maxLon: number }): [number, number][] {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const rowFrom = Math.floor(clamp(box.minLat, -90, 90) * 100) + 9_000;
  const rowTo = Math.floor(clamp(box.maxLat, -90, 90) * 100) + 9_000;
  const colFrom = Math.floor(clamp(box.minLon, -180, 180) * 100) + 18_000;
  const colTo = Math.floor(clamp(box.maxLon, -180, 180) * 100) + 18_000;
  const ranges: [number, number][] = [];
  for (let row = rowFrom; row <= rowTo; row++) ranges.push([row * cellsPerRow + colFrom, row * cellsPerRow + colTo]);
  return ranges;
}
