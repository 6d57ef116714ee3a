import { describe, expect, it } from 'vitest';
import { clockState, deadlineOf, extendDeadline, monthOf, monthRange, shanghaiIso, warningTime } from './sla.ts';

const at = (iso: string) => new Date(iso);

describe('SLA clock (Asia/Shanghai)', () => {
  it('counts hours from the instant', () => {
    expect(deadlineOf(at('2026-03-02T07:00:00Z'), { amount: 2, unit: 'hours' }).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(deadlineOf(at('2026-03-02T07:00:00Z'), { amount: 0.5, unit: 'hours' }).toISOString()).toBe('2026-03-02T07:30:00.000Z');
  });
  it('ends day limits at Shanghai midnight of the last day', () => {
    // Monday 2 March 15:00 in Beijing + 7 days → end of Monday 9 March in Beijing = 16:00 UTC.
    expect(deadlineOf(at('2026-03-02T07:00:00Z'), { amount: 7, unit: 'days' }).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // 23:30 UTC on 1 March is already 07:30 on 2 March in Beijing: the same Beijing day counts.
    expect(deadlineOf(at('2026-03-01T23:30:00Z'), { amount: 7, unit: 'days' }).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // 15:59 UTC on 1 March is 23:59 on 1 March in Beijing.
    expect(deadlineOf(at('2026-03-01T15:59:00Z'), { amount: 15, unit: 'days' }).toISOString()).toBe('2026-03-16T16:00:00.000Z');
  });
  it('extends deadlines', () => {
    expect(extendDeadline(at('2026-03-09T16:00:00Z'), { amount: 5, unit: 'days' }).toISOString()).toBe('2026-03-14T16:00:00.000Z');
    expect(extendDeadline(at('2026-03-09T16:00:00Z'), { amount: 12, unit: 'hours' }).toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });
  it('warns a quarter ahead, at most a day and at least ten minutes', () => {
    const start = at('2026-03-02T07:00:00Z');
    expect(warningTime(start, at('2026-03-02T09:00:00Z')).toISOString()).toBe('2026-03-02T08:30:00.000Z');
    expect(warningTime(start, at('2026-03-09T16:00:00Z')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(warningTime(start, at('2026-03-02T07:20:00Z')).toISOString()).toBe('2026-03-02T07:10:00.000Z');
  });
  it('tells the state of a clock', () => {
    const due = at('2026-03-09T16:00:00Z');
    const warn = at('2026-03-08T16:00:00Z');
    expect(clockState(due, warn, null, at('2026-03-05T00:00:00Z'))).toBe('on_time');
    expect(clockState(due, warn, null, at('2026-03-09T00:00:00Z'))).toBe('due_soon');
    expect(clockState(due, warn, null, at('2026-03-09T16:00:01Z'))).toBe('overdue');
    expect(clockState(due, warn, at('2026-03-09T16:00:00Z'), at('2026-04-01T00:00:00Z'))).toBe('met');
    expect(clockState(due, warn, at('2026-03-10T00:00:00Z'), at('2026-04-01T00:00:00Z'))).toBe('missed');
  });
  it('puts instants into Shanghai months', () => {
    expect(monthOf(at('2026-02-28T16:00:00Z'))).toBe('2026-03');
    expect(monthOf(at('2026-02-28T15:59:59Z'))).toBe('2026-02');
    expect(monthRange('2026-12')).toEqual({ from: at('2026-11-30T16:00:00Z'), to: at('2026-12-31T16:00:00Z') });
    expect(shanghaiIso(at('2026-03-02T07:00:00Z'))).toBe('2026-03-02T15:00:00+08:00');
  });
});
