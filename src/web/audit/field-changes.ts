// Turns an audit record's before/after snapshots into the list of fields that changed.

/** Bookkeeping columns every change touches; showing them would bury the real change. */
const bookkeeping = new Set(['id', 'version', 'createdAt', 'updatedAt', 'pinyinFull', 'pinyinInitials', 'passwordHash']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Fields whose value differs between before and after; on creation, the fields set. */
export function fieldChanges(before: unknown, after: unknown, ignore: readonly string[] = []): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => !bookkeeping.has(f) && !ignore.includes(f))
    .filter((f) => !same(b[f], a[f]))
    .filter((f) => before !== null || (a[f] !== null && a[f] !== ''))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}
