// The life of one citizen request (诉求 / 工单), as a table of transitions. The server asks this
// table before every change; the web app asks it which buttons to show. Open311 knows only
// open and closed, so every state also says which of the two it is.

export const requestStatuses = [
  'received', // 受理: taken by the hotline, not yet sent to a unit
  'dispatched', // 已派单: sent to a unit that has not answered yet
  'returned', // 已退单: the unit refused it with a reason; back with the dispatcher
  'accepted', // 已签收: the unit took it and leads it (首接负责)
  'in_progress', // 办理中
  'replied', // 已答复: the unit reports what it did
  'called_back', // 已回访: the hotline asked the citizen
  'reopened', // 重新办理: the citizen said it is not resolved
  'closed', // 已办结
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const statusLabels: Record<RequestStatus, string> = {
  received: '已受理', dispatched: '已派单', returned: '已退单', accepted: '已签收', in_progress: '办理中',
  replied: '已答复', called_back: '已回访', reopened: '重新办理', closed: '已办结',
};

/** Who acts on a request: the hotline centre, the unit it is dispatched to or led by, or a co-handler. */
export type LifecycleRole = 'hotline' | 'assigned_unit' | 'co_handler';

export const requestEvents = [
  'dispatch', 'accept', 'return', 'start', 'reply', 'callback', 'close', 'reopen',
  'request_extension', 'approve_extension', 'refuse_extension', 'add_co_handler',
] as const;
export type RequestEvent = (typeof requestEvents)[number];

/** What the table needs to know about a request besides its state: the rules of its category. */
export interface RequestFacts {
  /** The category requires the hotline to call the citizen back before the request is closed. */
  callbackRequired: boolean;
}

interface Transition {
  from: readonly RequestStatus[];
  to: RequestStatus | 'same';
  by: readonly LifecycleRole[];
  /** Further states the step may start from, only when the request's facts allow it. */
  alsoFrom?: { states: readonly RequestStatus[]; when: (facts: RequestFacts) => boolean; refusal: string };
}

const openWork = ['accepted', 'in_progress', 'reopened'] as const;

/**
 * Every allowed step; anything not listed is refused. `same` keeps the state (an extension or a
 * co-handler changes the request, not its stage).
 */
export const transitions: Record<RequestEvent, Transition> = {
  dispatch: { from: ['received', 'returned'], to: 'dispatched', by: ['hotline'] },
  accept: { from: ['dispatched'], to: 'accepted', by: ['assigned_unit'] },
  return: { from: ['dispatched'], to: 'returned', by: ['assigned_unit'] },
  start: { from: ['accepted', 'reopened'], to: 'in_progress', by: ['assigned_unit'] },
  reply: { from: ['accepted', 'in_progress', 'reopened'], to: 'replied', by: ['assigned_unit'] },
  callback: { from: ['replied'], to: 'called_back', by: ['hotline'] },
  // A category that needs no callback may be closed once the unit has replied; the three rates
  // count callbacks only, so such a close adds nothing to the resolution or satisfaction rate.
  close: {
    from: ['called_back'], to: 'closed', by: ['hotline'],
    alsoFrom: { states: ['replied'], when: (f) => !f.callbackRequired, refusal: '此类别须先回访再办结 (this category requires a callback before closing)' },
  },
  reopen: { from: ['called_back', 'closed'], to: 'reopened', by: ['hotline'] },
  request_extension: { from: openWork, to: 'same', by: ['assigned_unit'] },
  approve_extension: { from: openWork, to: 'same', by: ['hotline'] },
  refuse_extension: { from: openWork, to: 'same', by: ['hotline'] },
  add_co_handler: { from: openWork, to: 'same', by: ['hotline', 'assigned_unit'] },
};

export type TransitionResult =
  | { ok: true; to: RequestStatus }
  | { ok: false; reason: 'wrong_state' | 'wrong_role'; message: string };

/** Does the step start from this state, for a request with these facts? */
function startsFrom(t: Transition, status: RequestStatus, facts: RequestFacts): boolean {
  return t.from.includes(status) || (t.alsoFrom !== undefined && t.alsoFrom.states.includes(status) && t.alsoFrom.when(facts));
}

/** May `role` apply `event` to a request in `status` (with its category's `facts`), and where does it lead? */
export function nextStatus(status: RequestStatus, event: RequestEvent, role: LifecycleRole, facts: RequestFacts): TransitionResult {
  const t = transitions[event];
  if (!startsFrom(t, status, facts)) {
    if (t.alsoFrom?.states.includes(status)) return { ok: false, reason: 'wrong_state', message: t.alsoFrom.refusal };
    return { ok: false, reason: 'wrong_state', message: `诉求处于「${statusLabels[status]}」，不能${eventLabels[event]} (cannot ${event} a ${status} request)` };
  }
  if (!t.by.includes(role)) {
    return { ok: false, reason: 'wrong_role', message: `${eventLabels[event]}不是此角色的操作 (${role} may not ${event})` };
  }
  return { ok: true, to: t.to === 'same' ? status : t.to };
}

/** The events a role may apply now: what the web app offers as buttons. */
export function availableEvents(status: RequestStatus, roles: readonly LifecycleRole[], facts: RequestFacts): RequestEvent[] {
  return requestEvents.filter((e) => startsFrom(transitions[e], status, facts) && transitions[e].by.some((r) => roles.includes(r)));
}

export const eventLabels: Record<RequestEvent, string> = {
  dispatch: '派单', accept: '签收', return: '退单', start: '开始办理', reply: '答复', callback: '回访', close: '办结',
  reopen: '重新办理', request_extension: '申请延期', approve_extension: '批准延期', refuse_extension: '驳回延期', add_co_handler: '增加协办单位',
};

/** Open311 GeoReport v2 knows two states. */
export function open311Status(status: RequestStatus): 'open' | 'closed' {
  return status === 'closed' ? 'closed' : 'open';
}

/** States in which the responsible unit still owes a reply (the overdue list counts these). */
export const awaitingReply: readonly RequestStatus[] = ['dispatched', 'accepted', 'in_progress', 'reopened'];
/** States in which a request still counts as open for duplicate detection. */
export const stillOpen: readonly RequestStatus[] = requestStatuses.filter((s) => s !== 'closed');
