import { describe, expect, it } from 'vitest';
import { availableEvents, nextStatus, open311Status, requestEvents, requestStatuses, type LifecycleRole, type RequestFacts } from './lifecycle.ts';

// Written out by hand from the lifecycle, independent of the table in lifecycle.ts:
// "status event role → next", for every request whatever its category, or with "[no callback]"
// only for a category that needs no callback. Every combination not listed must be refused.
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
replied close hotline [no callback] → closed
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
const callbackRequired = [true, false];
const cases = requestStatuses.flatMap((s) => requestEvents.flatMap((e) => roles.flatMap((r) => callbackRequired.map((c) => [s, e, r, c] as const))));
const needsCallback: RequestFacts = { callbackRequired: true };
const noCallback: RequestFacts = { callbackRequired: false };

describe('request lifecycle', () => {
  it.each(cases)('%s + %s by %s (callback required: %s)', (status, event, role, required) => {
    const result = nextStatus(status, event, role, { callbackRequired: required });
    const line = allowed.find((l) => l.startsWith(`${status} ${event} ${role} →`))
      ?? (required ? undefined : allowed.find((l) => l.startsWith(`${status} ${event} ${role} [no callback] →`)));
    if (line) {
      expect(result).toEqual({ ok: true, to: line.split('→ ')[1] });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
    }
  });

  it('refuses a step in the wrong state before asking who acts', () => {
    expect(nextStatus('received', 'accept', 'hotline', needsCallback)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(nextStatus('dispatched', 'accept', 'hotline', needsCallback)).toMatchObject({ ok: false, reason: 'wrong_role' });
    expect(nextStatus('replied', 'close', 'assigned_unit', noCallback)).toMatchObject({ ok: false, reason: 'wrong_role' });
  });

  it('says why a replied request of a callback category cannot be closed yet', () => {
    const refused = nextStatus('replied', 'close', 'hotline', needsCallback);
    expect(refused).toMatchObject({ ok: false, reason: 'wrong_state' });
    if (!refused.ok) expect(refused.message).toContain('回访');
  });

  it('lists the buttons a role has', () => {
    expect(availableEvents('dispatched', ['assigned_unit'], needsCallback)).toEqual(['accept', 'return']);
    expect(availableEvents('called_back', ['hotline'], needsCallback)).toEqual(['close', 'reopen']);
    expect(availableEvents('closed', ['assigned_unit', 'co_handler'], needsCallback)).toEqual([]);
    expect(availableEvents('replied', ['hotline'], needsCallback)).toEqual(['callback']);
    // Without a required callback the hotline may still call back, or close at once.
    expect(availableEvents('replied', ['hotline'], noCallback)).toEqual(['callback', 'close']);
    expect(availableEvents('replied', ['assigned_unit'], noCallback)).toEqual([]);
  });

  it('maps onto Open311 open/closed', () => {
    expect(requestStatuses.filter((s) => open311Status(s) === 'closed')).toEqual(['closed']);
    expect(open311Status('reopened')).toBe('open');
  });
});
