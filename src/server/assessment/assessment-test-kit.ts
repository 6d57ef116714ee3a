// Shared set-up of the assessment API tests: the demo scheme published, and periods filled with
// the demo's values, submitted and approved through the services.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units, users } from '../db/schema/index.ts';
import type { ActionContext } from '../auth/actor.ts';
import type { Role } from '../../core/auth/roles.ts';
import { schemeContent, type SchemeContent } from '../../core/scheme/scheme.ts';
import type { Client } from '../test-support/test-app.ts';
import { demoSchemeContent, demoSchemeName } from '../demo/demo-assessment-scheme.ts';
import { demoValues } from '../demo/demo-assessment-data.ts';
import { importValues } from './bulk-import.ts';
import { submitValuesRow } from './collection-service.ts';
import { decideSubmissionRow } from './review-service.ts';
import { assessedUnits } from './unit-scope.ts';

export const year = 2026;
export const content: SchemeContent = schemeContent.parse(demoSchemeContent);

export async function publishDemoScheme(office: Client): Promise<{ id: string; version: number }> {
  const draft = await office.post('/api/assessment/schemes', { year, name: demoSchemeName, content: demoSchemeContent });
  if (draft.statusCode !== 201) throw new Error(draft.body);
  const s = draft.json<{ id: string; version: number }>();
  const published = await office.post(`/api/assessment/schemes/${s.id}/publish`, { version: s.version });
  if (published.statusCode !== 200) throw new Error(published.body);
  return published.json();
}

export async function contextOf(db: Db, username: string): Promise<ActionContext> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  return { actor: { id: u!.id, username: u!.username, displayName: u!.displayName, role: u!.role as Role, unitId: u!.unitId, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' }, requestId: 'test' };
}

export async function unitId(db: Db, name: string): Promise<string> {
  const [u] = await db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return u!.id;
}

/** Fills a period for every unit with the demo values (k-th period), submits and (unless told not to) approves it. */
export async function fillPeriod(db: Db, period: string, k: number, options: { approve?: boolean; change?: (unitCode: string, code: string, v: number) => number } = {}): Promise<void> {
  const office = await contextOf(db, 'kaohe');
  const reviewer = await contextOf(db, 'shenhe');
  const list = await assessedUnits(db, content);
  const entries = new Map(list.map((u) => [u.id, demoValues(content, u.categoryCode, u.code, k)
    .map((e) => ({ ...e, value: options.change ? options.change(u.code, e.indicatorCode, e.value) : e.value }))]));
  await importValues(db, office, year, period, entries);
  for (const u of list) {
    const s = await submitValuesRow(db, office, year, period, u.id, 1);
    if (options.approve !== false) await decideSubmissionRow(db, reviewer, s.id, 'approve', s.version);
  }
}
