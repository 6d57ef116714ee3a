import { describe, expect, it } from 'vitest';
import { alarmIntervalMs, readConfig } from './config.ts';

describe('PACESETTER_ALARM_INTERVAL_MS', () => {
  it('defaults to 30 s and takes whole milliseconds from 100 to an hour', () => {
    expect(alarmIntervalMs({})).toBe(30_000);
    expect(alarmIntervalMs({ PACESETTER_ALARM_INTERVAL_MS: ' ' })).toBe(30_000);
    expect(alarmIntervalMs({ PACESETTER_ALARM_INTERVAL_MS: '200' })).toBe(200);
    expect(readConfig({ PACESETTER_ALARM_INTERVAL_MS: '5000' }).alarmIntervalMs).toBe(5000);
    for (const bad of ['0', '99', '1.5', 'soon', '3600001']) {
      expect(() => alarmIntervalMs({ PACESETTER_ALARM_INTERVAL_MS: bad })).toThrow(/PACESETTER_ALARM_INTERVAL_MS/);
    }
  });
});
