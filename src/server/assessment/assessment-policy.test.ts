import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../core/auth/roles.ts';
import { dataSources } from '../../core/scheme/scheme.ts';
import type { Actor } from '../auth/actor.ts';
import { submissionPolicy } from './assessment-policy.ts';

const actor = (role: Role, unitId: string | null = null, id = 'u'): Actor => ({
  id, username: id, displayName: id, role, unitId, unitName: null, mustChangePassword: false, sessionId: 's', csrfToken: 't',
});
const stats = 'unit-of-the-statistics-bureau';

describe('bulk import policy', () => {
  it('lets the office import every indicator but those computed from 12345 data, whatever the scheme names as statistics source', () => {
    for (const office of [actor('admin'), actor('assessment_office')]) {
      for (const source of [stats, null]) {
        expect(submissionPolicy.bulkImport(office, source)).toBe(true);
        for (const dataSource of [...dataSources, undefined]) expect(submissionPolicy.bulkImportIndicator(office, source, { dataSource })).toBe(dataSource !== 'requests');
      }
    }
  });

  it('lets a reporter of the statistics bureau import the statistics indicators only', () => {
    const bureau = actor('unit_reporter', stats);
    expect(submissionPolicy.bulkImport(bureau, stats)).toBe(true);
    expect(submissionPolicy.bulkImportIndicator(bureau, stats, { dataSource: 'statistics' })).toBe(true);
    for (const dataSource of ['unit', 'raters', 'requests', 'supervision', undefined] as const) {
      expect(submissionPolicy.bulkImportIndicator(bureau, stats, { dataSource })).toBe(false);
    }
  });

  it('refuses another unit’s reporter, and everyone when the scheme names no statistics source', () => {
    const other = actor('unit_reporter', 'another-unit');
    expect(submissionPolicy.bulkImport(other, stats)).toBe(false);
    expect(submissionPolicy.bulkImportIndicator(other, stats, { dataSource: 'statistics' })).toBe(false);
    // a reporter without a unit never matches a scheme without a statistics source
    const unbound = actor('unit_reporter', null);
    expect(submissionPolicy.bulkImport(unbound, null)).toBe(false);
    expect(submissionPolicy.bulkImportIndicator(unbound, null, { dataSource: 'statistics' })).toBe(false);
    expect(submissionPolicy.bulkImport(actor('unit_reporter', stats), null)).toBe(false);
  });

  it('gives no other role the import, not even one bound to the bureau', () => {
    for (const role of roles.filter((r) => !['admin', 'assessment_office', 'unit_reporter'].includes(r))) {
      expect(submissionPolicy.bulkImport(actor(role, stats), stats)).toBe(false);
      expect(submissionPolicy.bulkImportIndicator(actor(role, stats), stats, { dataSource: 'statistics' })).toBe(false);
    }
  });

  it('shows an import job to the office and to whoever started it', () => {
    expect(submissionPolicy.readImport(actor('assessment_office', null, 'k'), 'someone')).toBe(true);
    expect(submissionPolicy.readImport(actor('unit_reporter', stats, 'me'), 'me')).toBe(true);
    expect(submissionPolicy.readImport(actor('unit_reporter', stats, 'me'), 'someone')).toBe(false);
    expect(submissionPolicy.readImport(actor('leader', null, 'l'), 'someone')).toBe(false);
  });
});
