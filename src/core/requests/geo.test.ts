import { describe, expect, it } from 'vitest';
import { boundingBox, cellRanges, cellsPerRow, distanceM, geoCell } from './geo.ts';

describe('grid cells', () => {
  it('numbers 0.01° cells row by row, with neighbours one apart east–west and one row apart north–south', () => {
    const here = geoCell({ lat: 39.98312, lon: 116.31005 });
    expect(geoCell({ lat: 39.98312, lon: 116.32001 })).toBe(here + 1);
    expect(geoCell({ lat: 39.99001, lon: 116.31005 })).toBe(here + cellsPerRow);
    expect(geoCell({ lat: 39.989999, lon: 116.319999 })).toBe(here);
    expect(geoCell({ lat: -33.86, lon: -151.2 })).toBeGreaterThanOrEqual(0);
    expect(geoCell({ lat: 90, lon: 180 })).toBeLessThan(2 ** 31);
  });

  it('covers every point of a box with the ranges of the cells it touches', () => {
    // Property: any point inside the box lies in one of its ranges, wherever the box falls.
    let seed = 7;
    const random = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };
    for (let i = 0; i < 2_000; i++) {
      const centre = { lat: 39.7 + random() * 0.5, lon: 116.0 + random() * 0.6 };
      const box = boundingBox(centre, 10 + random() * 3_000);
      const ranges = cellRanges(box);
      const inside = { lat: box.minLat + random() * (box.maxLat - box.minLat), lon: box.minLon + random() * (box.maxLon - box.minLon) };
      const cell = geoCell(inside);
      expect(ranges.some(([from, to]) => cell >= from && cell <= to)).toBe(true);
      for (const corner of [{ lat: box.minLat, lon: box.minLon }, { lat: box.maxLat, lon: box.maxLon }]) {
        const c = geoCell(corner);
        expect(ranges.some(([from, to]) => c >= from && c <= to)).toBe(true);
      }
    }
  });

  it('needs one range per row of cells: two for a 100 m radius straddling a row line, more for a wide radius', () => {
    const onLine = { lat: 39.99999, lon: 116.305 };
    expect(cellRanges(boundingBox(onLine, 100))).toHaveLength(2);
    expect(cellRanges(boundingBox({ lat: 39.955, lon: 116.305 }, 100))).toHaveLength(1);
    // ±0.0898° around 40.0 covers rows 39.91 … 40.08.
    expect(cellRanges(boundingBox(onLine, 10_000))).toHaveLength(18);
    // Points 30 m apart across the line fall in different cells, both within the ranges.
    const north = { lat: 40.00012, lon: 116.305 };
    expect(distanceM(onLine, north)).toBeLessThan(30);
    expect(geoCell(north)).not.toBe(geoCell(onLine));
  });
});
