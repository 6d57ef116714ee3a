import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../core/auth/roles.ts';
import type { Actor } from '../auth/actor.ts';
import { categoryPolicy, unitPolicy } from './unit-policy.ts';

const actor = (role: Role, unitId: string | null = null): Actor => ({
  id: 'u', username: 'u', displayName: 'u', role, unitId, unitName: null, mustChangePassword: false, sessionId: 's', csrfToken: 't',
});

describe('unitPolicy', () => {
  it('lets a reporter read and edit contacts of its own unit only', () => {
    const reporter = actor('unit_reporter', 'A');
    expect(unitPolicy.read(reporter, 'A')).toBe(true);
    expect(unitPolicy.read(reporter, 'B')).toBe(false);
    expect(unitPolicy.readAll(reporter)).toBe(false);
    expect(unitPolicy.manageContacts(reporter, 'A')).toBe(true);
    expect(unitPolicy.manageContacts(reporter, 'B')).toBe(false);
    expect(unitPolicy.manage(reporter)).toBe(false);
  });

  it('lets only admin and the assessment office manage units and categories', () => {
    for (const role of roles) {
      const expected = role === 'admin' || role === 'assessment_office';
      expect(unitPolicy.manage(actor(role))).toBe(expected);
      expect(categoryPolicy.manage(actor(role))).toBe(expected);
    }
  });

  it('never lets a leader change anything', () => {
    const leader = actor('leader');
    expect(unitPolicy.manage(leader)).toBe(false);
    expect(unitPolicy.manageContacts(leader, 'A')).toBe(false);
    expect(unitPolicy.readAll(leader)).toBe(true);
  });
});
