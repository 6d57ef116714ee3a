import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { contacts, units } from '../db/schema/index.ts';
import type { contactCreateBody, contactUpdateBody, ContactView } from '../../core/org/unit.ts';
import type { ActionContext, Actor } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { notFound, staleVersion } from '../http/errors.ts';
import { unitPolicy } from './unit-policy.ts';

type ContactRow = typeof contacts.$inferSelect;
const viewOf = (r: ContactRow): ContactView => ({
  id: r.id, unitId: r.unitId, name: r.name, title: r.title, phone: r.phone, email: r.email, active: r.active, version: r.version,
});

export async function listContacts(db: Db, actor: Actor, unitId: string): Promise<ContactView[]> {
  if (!unitPolicy.read(actor, unitId)) throw notFound('单位');
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  if (!unit) throw notFound('单位');
  const rows = await db.select().from(contacts).where(eq(contacts.unitId, unitId)).orderBy(asc(contacts.createdAt));
  return rows.map(viewOf);
}

export async function createContact(db: Db, ctx: ActionContext, unitId: string, body: z.infer<typeof contactCreateBody>): Promise<ContactView> {
  if (!unitPolicy.read(ctx.actor, unitId)) throw notFound('单位');
  ensure(unitPolicy.manageContacts(ctx.actor, unitId), '不能修改此单位的联系人');
  return db.transaction(async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    if (!unit) throw notFound('单位');
    const [row] = await tx.insert(contacts).values({ id: randomUUID(), unitId, name: body.name, title: body.title ?? '', phone: body.phone ?? '', email: body.email ?? '' }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'contact.create', entityType: 'contact', entityId: row!.id, before: null, after: row, requestId: ctx.requestId });
    return viewOf(row!);
  });
}

export async function updateContact(db: Db, ctx: ActionContext, id: string, body: z.infer<typeof contactUpdateBody>): Promise<ContactView> {
  const { version, ...change } = body;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(contacts).where(eq(contacts.id, id));
    if (!before || !unitPolicy.read(ctx.actor, before.unitId)) throw notFound('联系人');
    ensure(unitPolicy.manageContacts(ctx.actor, before.unitId), '不能修改此单位的联系人');
    if (before.version !== version) throw staleVersion('联系人', before.version);
    const [after] = await tx.update(contacts).set({ ...change, version: version + 1, updatedAt: new Date() })
      .where(and(eq(contacts.id, id), eq(contacts.version, version))).returning();
    if (!after) throw staleVersion('联系人', version + 1);
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'contact.update', entityType: 'contact', entityId: id, before, after, requestId: ctx.requestId });
    return viewOf(after);
  });
}

/** The unit a contact belongs to, for deciding who may read its history. */
export async function contactUnitId(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ unitId: contacts.unitId }).from(contacts).where(eq(contacts.id, id));
  return row?.unitId ?? null;
}
