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

