// The sketch of the streets on the request map: each centre's nearest-centre cell, cut to a circle.
import { describe, expect, it } from 'vitest';
import { areaCells } from './area-map.ts';
import { distanceM, nearestArea } from './geo.ts';

const centres = [
  { divisionCode: 'a', name: 'A', lat: 39.98, lon: 116.30 },
  { divisionCode: 'b', name: 'B', lat: 39.98, lon: 116.34 },
  { divisionCode: 'c', name: 'C', lat: 40.01, lon: 116.32 },
];

/** Point in polygon (ray casting) on [lon, lat]. */
function inside(p: [number, number], ring: [number, number][]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

describe('area cells', () => {
  const cells = areaCells(centres, 4_000);
  it('gives each centre a closed ring around it, within the radius', () => {
    expect(cells.map((c) => c.divisionCode)).toEqual(['a', 'b', 'c']);
    for (const c of cells) {
      expect(c.ring[0]).toEqual(c.ring.at(-1));
      expect(inside([c.lon, c.lat], c.ring)).toBe(true);
      for (const [lon, lat] of c.ring) expect(distanceM({ lat, lon }, c)).toBeLessThanOrEqual(4_000 * 1.01);
    }
  });
  it('draws the same partition intake uses: a point lies in the cell of its nearest centre', () => {
    for (let i = 0; i < 200; i++) {
      const p: [number, number] = [116.29 + (i % 20) * 0.003, 39.97 + Math.floor(i / 20) * 0.005];
      const owner = nearestArea({ lon: p[0], lat: p[1] }, centres, 4_000);
      const holders = cells.filter((c) => inside(p, c.ring)).map((c) => c.divisionCode);
      if (owner && distanceM({ lon: p[0], lat: p[1] }, owner) < 3_900) expect(holders).toEqual([owner.divisionCode]);
      expect(holders.length).toBeLessThanOrEqual(1);
    }
  });
  it('has nothing to draw without centres', () => {
    expect(areaCells([])).toEqual([]);
  });
});
