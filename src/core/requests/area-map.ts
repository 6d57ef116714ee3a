// The streets and towns drawn for the request map, without boundary data: each centre's cell is
// the land nearer to it than to any other centre (the rule intake uses to place a point, geo.ts),
// cut to a circle around the centre so that outer cells do not run off to the horizon. A sketch
// for orientation, not the administrative boundaries.
import type { AreaCentre } from './geo.ts';

type Xy = [number, number];

const metresPerDegree = 111_320;

/** Keeps the part of a polygon where a·p ≤ b (one Sutherland–Hodgman step). */
function clip(polygon: Xy[], a: Xy, b: number): Xy[] {
  const out: Xy[] = [];
  const inside = (p: Xy) => a[0] * p[0] + a[1] * p[1] <= b + 1e-9;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i]!;
    const q = polygon[(i + 1) % polygon.length]!;
    const pIn = inside(p);
    const qIn = inside(q);
    if (pIn) out.push(p);
    if (pIn !== qIn) {
      const fp = a[0] * p[0] + a[1] * p[1] - b;
      const fq = a[0] * q[0] + a[1] * q[1] - b;
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

export interface AreaCell { divisionCode: string; name: string; lat: number; lon: number; ring: [number, number][] }

/**
 * Each centre's cell as a closed ring of [lon, lat]: nearer to it than to any other centre, and
 * within `radiusM` of it (a polygon of `sides` sides). Computed in a local flat projection, which
 * is exact enough over a district.
 */
export function areaCells(centres: AreaCentre[], radiusM = 4_500, sides = 36): AreaCell[] {
  if (centres.length === 0) return [];
  const lat0 = centres.reduce((s, c) => s + c.lat, 0) / centres.length;
  const lon0 = centres.reduce((s, c) => s + c.lon, 0) / centres.length;
  const kx = metresPerDegree * Math.cos((lat0 * Math.PI) / 180);
  const toXy = (c: { lat: number; lon: number }): Xy => [(c.lon - lon0) * kx, (c.lat - lat0) * metresPerDegree];
  const toLonLat = (p: Xy): [number, number] => [lon0 + p[0] / kx, lat0 + p[1] / metresPerDegree];
  const xy = centres.map(toXy);
  return centres.map((c, i) => {
    const [cx, cy] = xy[i]!;
    let polygon: Xy[] = Array.from({ length: sides }, (_, k) => {
      const angle = (2 * Math.PI * k) / sides;
      return [cx + radiusM * Math.cos(angle), cy + radiusM * Math.sin(angle)] as Xy;
    });
    xy.forEach(([qx, qy], j) => {
      if (j === i || (qx === cx && qy === cy)) return;
      // Nearer to c than to q: 2p·(q − c) ≤ |q|² − |c|².
      polygon = clip(polygon, [2 * (qx - cx), 2 * (qy - cy)], qx * qx + qy * qy - cx * cx - cy * cy);
    });
    const ring = polygon.map(toLonLat);
    if (ring.length) ring.push(ring[0]!);
    return { divisionCode: c.divisionCode, name: c.name, lat: c.lat, lon: c.lon, ring };
  });
}
