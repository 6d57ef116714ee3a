import { describe, expect, it } from 'vitest';
import { fieldChanges } from './field-changes.ts';

describe('fieldChanges', () => {
  it('lists only the fields whose value changed, without bookkeeping columns', () => {
    const before = { id: 'u1', name: '区民政局', shortName: '', version: 1, updatedAt: 'a', pinyinInitials: 'qmzj', active: true };
    const after = { id: 'u1', name: '区民政局', shortName: '民政', version: 2, updatedAt: 'b', pinyinInitials: 'qmzj', active: true };
    expect(fieldChanges(before, after)).toEqual([{ field: 'shortName', before: '', after: '民政' }]);
  });

  it('on creation lists the fields that were set, not the empty ones', () => {
    const after = { id: 'u1', name: '星火科技创新园', shortName: '', divisionCode: null, kind: 'park', version: 1 };
    expect(fieldChanges(null, after).map((c) => c.field)).toEqual(['name', 'kind']);
  });

  it('compares nested values by content and tolerates missing snapshots', () => {
    expect(fieldChanges({ tags: ['a'] }, { tags: ['a'] })).toEqual([]);
    expect(fieldChanges(undefined, undefined)).toEqual([]);
    expect(fieldChanges({ active: true }, { active: false })).toEqual([{ field: 'active', before: true, after: false }]);
  });
});
