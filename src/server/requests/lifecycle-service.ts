// Moves a request through its lifecycle: one event, one transaction, one step, one audit record.
// The state machine in core decides whether the step is allowed; this file does what it implies
// (clocks, dispatch records, the rollup of the three rates).
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import {
  citizenRequests, requestCallbacks, requestCoHandlers, requestDispatches, requestExtensions, requestServices, requestSteps, units,
} from '../db/schema/index.ts';
import { nextStatus, transitions, type RequestStatus } from '../../core/requests/lifecycle.ts';
import type { RequestEventBody } from '../../core/requests/request.ts';
import { deadlineOf, extendDeadline, monthOf, type LimitUnit } from '../../core/requests/sla.ts';
import type { ActionContext } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { AppError, conflict, forbidden, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { limitsOf } from './catalogue-service.ts';
import { cancelClock, scheduleClock } from './deadline-alarms.ts';
import type { RequestRow } from './intake-service.ts';
import { bumpStats } from './rates-service.ts';
import { requestPolicy, type RequestUnits } from './request-policy.ts';
import { classDefaults } from './settings-service.ts';

export async function unitsOfRequest(tx: Db | Tx, requestId: string, leadUnitId: string | null): Promise<RequestUnits> {
  // One after the other: inside a transaction both run on one connection, which takes one query at a time.
  const co = await tx.select({ unitId: requestCoHandlers.unitId }).from(requestCoHandlers).where(eq(requestCoHandlers.requestId, requestId));
  const dispatched = await tx.select({ unitId: requestDispatches.unitId }).from(requestDispatches).where(eq(requestDispatches.requestId, requestId));
  return { leadUnitId, coHandlerIds: co.map((c) => c.unitId), dispatchedUnitIds: dispatched.map((d) => d.unitId) };
}

async function activeUnit(tx: Tx, unitId: string): Promise<{ id: string; name: string }> {
  const [unit] = await tx.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.id, unitId), eq(units.active, true)));
  if (!unit) throw unprocessable('单位不存在或已停用 (unknown or inactive unit)', { field: 'unitId' });
  return unit;
}

type Change = Partial<typeof citizenRequests.$inferInsert>;

export async function applyEvent(db: Db, ctx: ActionContext, id: string, body: RequestEventBody, now = new Date()): Promise<RequestRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(citizenRequests).where(eq(citizenRequests.id, id)).for('update');
    if (!before) throw notFound('诉求');
    const related = await unitsOfRequest(tx, id, before.leadUnitId);
    if (!requestPolicy.read(ctx.actor, related)) throw notFound('诉求');
    if (before.version !== body.version) throw staleVersion('诉求', before.version);

    const roles = requestPolicy.lifecycleRoles(ctx.actor, related);
    const role = roles.find((r) => transitions[body.event].by.includes(r)) ?? roles[0];
    if (!role) throw forbidden(`没有权限：只有热线中心和承办单位可以办理诉求 (not permitted)`);
    const [service] = await tx.select().from(requestServices).where(eq(requestServices.id, before.serviceId));
    const step = nextStatus(before.status as RequestStatus, body.event, role, { callbackRequired: service!.callbackRequired });
    if (!step.ok) {
      throw step.reason === 'wrong_role' ? forbidden(step.message) : new AppError(409, 'invalid_transition', step.message, { status: before.status, event: body.event });
    }

    // The limits in force when the clock starts: the category's own, or its class's default now.
    const limits = async () => limitsOf(service!, await classDefaults(tx));
    const change: Change = {};
    let note = '';
    let stepUnitId: string | null = ctx.actor.unitId;

    switch (body.event) {
      case 'dispatch': {
        const unit = await activeUnit(tx, body.unitId);
        const { response, resolution } = await limits();
        const responseDueAt = deadlineOf(now, response);
        const resolutionDueAt = deadlineOf(now, resolution);
        Object.assign(change, { leadUnitId: unit.id, dispatchedAt: now, responseDueAt, resolutionDueAt, acceptedAt: null });
        await tx.insert(requestDispatches).values({ id: randomUUID(), requestId: id, unitId: unit.id, dispatchedAt: now, responseDueAt });
        await bumpStats(tx, monthOf(now), unit.id, { dispatched: 1 });
        await scheduleClock(tx, id, 'response', now, responseDueAt, now);
        await scheduleClock(tx, id, 'resolution', now, resolutionDueAt, now);
        note = `派至${unit.name}${body.note ? `：${body.note}` : ''}`;
        stepUnitId = unit.id;
        break;
      }
      case 'accept':
      case 'return': {
        const [dispatch] = await tx.select().from(requestDispatches)
          .where(and(eq(requestDispatches.requestId, id), eq(requestDispatches.unitId, before.leadUnitId!)))
          .orderBy(desc(requestDispatches.dispatchedAt)).limit(1);
        const open = dispatch && !dispatch.respondedAt ? dispatch : undefined;
        if (open) {
          await tx.update(requestDispatches).set({ respondedAt: now, outcome: body.event === 'accept' ? 'accepted' : 'returned' }).where(eq(requestDispatches.id, open.id));
          if (now.getTime() <= open.responseDueAt.getTime()) await bumpStats(tx, monthOf(open.dispatchedAt), open.unitId, { respondedInTime: 1 });
        }
        if (body.event === 'accept') {
          change.acceptedAt = now;
          await cancelClock(tx, id, 'response', now);
        } else {
          Object.assign(change, { leadUnitId: null, responseDueAt: null, resolutionDueAt: null });
          await cancelClock(tx, id, 'all', now);
          note = body.reason;
        }
        break;
      }
      case 'start':
        break;
      case 'reply':
        Object.assign(change, { reply: body.reply, repliedAt: now });
        await cancelClock(tx, id, 'all', now);
        note = body.reply;
        break;
      case 'callback':
        await tx.insert(requestCallbacks).values({ id: randomUUID(), requestId: id, unitId: before.leadUnitId!, resolved: body.resolved, satisfaction: body.satisfaction, note: body.note ?? '', at: now });
        await bumpStats(tx, monthOf(now), before.leadUnitId!, {
          callbacks: 1, resolved: body.resolved ? 1 : 0,
          satisfied: body.satisfaction === 'satisfied' ? 1 : 0, basicallySatisfied: body.satisfaction === 'basically_satisfied' ? 1 : 0,
        });
        note = `${body.resolved ? '已解决' : '未解决'}，${{ satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }[body.satisfaction]}${body.note ? `：${body.note}` : ''}`;
        break;
      case 'close':
        // Closing without a callback (allowed only where the category needs none) counts in no rate.
        change.closedAt = now;
        if (before.status === 'replied') note = '本类别无需回访';
        break;
      case 'reopen': {
        const resolutionDueAt = deadlineOf(now, (await limits()).resolution);
        Object.assign(change, { repliedAt: null, closedAt: null, resolutionDueAt });
        await scheduleClock(tx, id, 'resolution', now, resolutionDueAt, now);
        note = body.reason;
        break;
      }
      case 'request_extension': {
        const [pending] = await tx.select({ id: requestExtensions.id }).from(requestExtensions)
          .where(and(eq(requestExtensions.requestId, id), eq(requestExtensions.status, 'pending')));
        if (pending) throw conflict('已有待审批的延期申请 (an extension is already awaiting approval)');
        await tx.insert(requestExtensions).values({ id: randomUUID(), requestId: id, amount: body.amount, unit: body.unit, reason: body.reason, status: 'pending', requestedAt: now });
        note = `申请延期 ${body.amount}${body.unit === 'days' ? ' 天' : ' 小时'}：${body.reason}`;
        break;
      }
      case 'approve_extension':
      case 'refuse_extension': {
        const [extension] = await tx.select().from(requestExtensions)
          .where(and(eq(requestExtensions.id, body.extensionId), eq(requestExtensions.requestId, id)));
        if (!extension) throw notFound('延期申请');
        if (extension.status !== 'pending') throw conflict('该延期申请已审批 (already decided)');
        const approved = body.event === 'approve_extension';
        await tx.update(requestExtensions).set({ status: approved ? 'approved' : 'refused', decidedAt: now, decidedBy: ctx.actor.id }).where(eq(requestExtensions.id, extension.id));
        if (approved && before.resolutionDueAt) {
          const resolutionDueAt = extendDeadline(before.resolutionDueAt, { amount: extension.amount, unit: extension.unit as LimitUnit });
          change.resolutionDueAt = resolutionDueAt;
          await scheduleClock(tx, id, 'resolution', before.dispatchedAt ?? now, resolutionDueAt, now);
        }
        note = approved ? `批准延期 ${extension.amount}${extension.unit === 'days' ? ' 天' : ' 小时'}` : `驳回延期：${body.event === 'refuse_extension' ? body.reason : ''}`;
        break;
      }
      case 'add_co_handler': {
        const unit = await activeUnit(tx, body.unitId);
        if (unit.id === before.leadUnitId || related.coHandlerIds.includes(unit.id)) throw conflict('该单位已在办理此诉求 (already handling it)');
        await tx.insert(requestCoHandlers).values({ requestId: id, unitId: unit.id, addedAt: now });
        note = `协办：${unit.name}`;
        break;
      }
    }

    const [after] = await tx.update(citizenRequests).set({ ...change, status: step.to, version: before.version + 1, updatedAt: now })
      .where(and(eq(citizenRequests.id, id), eq(citizenRequests.version, before.version))).returning();
    if (!after) throw staleVersion('诉求', before.version + 1);
    await tx.insert(requestSteps).values({
      id: randomUUID(), requestId: id, event: body.event, fromStatus: before.status, toStatus: step.to,
      unitId: stepUnitId, actorId: ctx.actor.id, actorName: ctx.actor.displayName, note, at: now,
    });
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: `request.${body.event}`, entityType: 'request', entityId: id, before, after, requestId: ctx.requestId });
    return after;
  });
}
