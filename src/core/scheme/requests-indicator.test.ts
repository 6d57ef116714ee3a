import { describe, expect, it } from 'vitest';
import { periodMonths, requestsIndicatorValue } from './requests-indicator.ts';

const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2032-${String(from + i).padStart(2, '0')}`);

describe('12345 values of a period', () => {
  it('covers January to the last month ended by the deadline, within the year', () => {
    expect(periodMonths(2032, '2032-04-15')).toEqual(months(1, 3));
    expect(periodMonths(2032, '2032-03-31')).toEqual(months(1, 3));
    expect(periodMonths(2032, '2032-02-29')).toEqual(months(1, 2));
    expect(periodMonths(2032, '2032-07-15')).toEqual(months(1, 6));
    expect(periodMonths(2032, '2032-10-15')).toEqual(months(1, 9));
    expect(periodMonths(2032, '2032-12-31')).toEqual(months(1, 12));
    expect(periodMonths(2032, '2033-01-15')).toEqual(months(1, 12));
    expect(periodMonths(2032, '2033-03-01')).toEqual(months(1, 12));
    expect(periodMonths(2032, '2032-01-20')).toEqual([]);
    expect(periodMonths(2032, '2031-12-31')).toEqual([]);
  });

  it('is the mean of the months that have a composite; none: null', () => {
    expect(requestsIndicatorValue({ '2032-01': 100, '2032-03': 64.5 }, months(1, 3))).toBe(82.25);
    // A composite outside the period's months does not count.
    expect(requestsIndicatorValue({ '2032-01': 100, '2032-04': 0 }, months(1, 3))).toBe(100);
    expect(requestsIndicatorValue({}, months(1, 3))).toBeNull();
    expect(requestsIndicatorValue({ '2032-01': 50 }, [])).toBeNull();
  });
});
