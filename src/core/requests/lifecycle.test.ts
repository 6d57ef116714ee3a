import { describe, expect, it } from 'vitest';
import { availableEvents, nextStatus, open311Status, requestEvents, requestStatuses, type LifecycleRole } from './lifecycle.ts';

// Written out by hand from the lifecycle, independent of the table in lifecycle.ts:
// "status event role → next". Every combination not listed must be refused.
const allowed = `
received dispatch hotline → dispatched
returned dispatch hotline → dispatched
dispatched accept assigned_unit → accepted
dispatched return assigned_unit → returned
accepted start assigned_unit → in_progress
reopened start assigned_unit → in_progress
accepted reply assigned_unit → replied
in_progress reply assigned_unit → replied
reopened reply assigned_unit → replied
replied callback hotline → called_back
called_back close hotline → closed
called_back reopen hotline → reopened
closed reopen hotline → reopened
accepted request_extension assigned_unit → accepted
in_progress request_extension assigned_unit → in_progress
reopened request_extension assigned_unit → reopened
accepted approve_extension hotline → accepted
in_progress approve_extension hotline → in_progress
reopened approve_extension hotline → reopened
accepted refuse_extension hotline → accepted
in_progress refuse_extension hotline → in_progress
reopened refuse_extension hotline → reopened
accepted add_co_handler hotline → accepted
in_progress add_co_handler hotline → in_progress
reopened add_co_handler hotline → reopened
accepted add_co_handler assigned_unit → accepted
in_progress add_co_handler assigned_unit → in_progress
reopened add_co_handler assigned_unit → reopened
`.trim().split('\n').map((l) => l.trim());

const roles: LifecycleRole[] = ['hotline', 'assigned_unit', 'co_handler'];
const cases = requestStatuses.flatMap((s) => requestEvents.flatMap((e) => roles.map((r) => [s, e, r] as const)));

describe('request lifecycle', () => {
  it.each(cases)('%s + %s by %s', (status, event, role) => {
    const result = nextStatus(status, event, role);
    const line = allowed.find((l) => l.startsWith(`${status} ${event} ${role} →`));
    if (line) {
      expect(result).toEqual({ ok: true, to: line.split('→ ')[1] });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    }
  });

  it('refuses a step in the wrong state before asking who acts', () => {
    expect(nextStatus('received', 'accept', 'hotline')).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(nextStatus('dispatched', 'accept', 'hotline')).toMatchObject({ ok: false, reason: 'wrong_role' });
  });

  it('lists the buttons a role has', () => {
    expect(availableEvents('dispatched', ['assigned_unit'])).toEqual(['accept', 'return']);
    expect(availableEvents('called_back', ['hotline'])).toEqual(['close', 'reopen']);
    expect(availableEvents('closed', ['assigned_unit', 'co_handler'])).toEqual([]);
  });

  it('maps onto Open311 open/closed', () => {
    expect(requestStatuses.filter((s) => open311Status(s) === 'closed')).toEqual(['closed']);
    expect(open311Status('reopened')).toBe('open');
  });
});
