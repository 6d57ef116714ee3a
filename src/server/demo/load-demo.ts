import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { ActionContext } from '../auth/actor.ts';
import { childDivisions } from '../org/divisions.ts';
import { createCategory } from '../org/category-service.ts';
import { createContact } from '../org/contact-service.ts';
import { createUnit } from '../org/unit-service.ts';
import { createUser } from '../users/user-service.ts';
import { loadDemoRequests } from './demo-requests.ts';
import { loadDemoAssessment } from './demo-assessment.ts';
import {
  demoAccounts, demoCategories, demoCompanies, demoContact, demoDepartmentCode, demoDepartments, demoDistrictCode, demoParks, demoPassword,
} from './demo-district.ts';
import type { UnitKind } from '../../core/org/unit.ts';

/**
 * Fills an empty database with the demo district, through the same services users call, so the
 * demo also has its audit trail. Returns the number of units created.
 */
/** `assessmentYear: false` skips the demo assessment year (API tests that do not need it start faster). */
export async function loadDemo(database: Database, options: { assessmentYear?: boolean } = {}): Promise<{ units: number; accounts: number }> {
  const db = database.db;
  const admin = await createUser(db, null, { ...demoAccounts[0], password: demoPassword, mustChangePassword: false });
  const ctx: ActionContext = {
    actor: { id: admin.id, username: admin.username, displayName: admin.displayName, role: 'admin', unitId: null, unitName: null, mustChangePassword: false, sessionId: '', csrfToken: '' },
    requestId: 'demo-load',
  };

  const categoryIds: Record<string, string> = {};
  for (const c of demoCategories) categoryIds[c.code] = (await createCategory(db, ctx, { ...c })).id;

  const planned: { code: string; name: string; kind: UnitKind; categoryId: string | null; divisionCode?: string }[] = [];
  for (const s of childDivisions(demoDistrictCode)) {
    // In Haidian a 地区 office governs a former town (乡镇); a 街道 is an urban street.
    const kind: UnitKind = s.name.endsWith('街道') ? 'street' : 'town';
    planned.push({ code: s.code, name: s.name, kind, categoryId: categoryIds.ZJ!, divisionCode: s.code });
  }
  demoDepartments.forEach((name) => planned.push({ code: demoDepartmentCode(name), name, kind: 'department', categoryId: categoryIds.BM! }));
  demoParks.forEach((name, i) => planned.push({ code: `YQ${String(i + 1).padStart(3, '0')}`, name, kind: 'park', categoryId: categoryIds.BM! }));
  demoCompanies.forEach((name, i) => planned.push({ code: `GQ${String(i + 1).padStart(3, '0')}`, name, kind: 'soe', categoryId: categoryIds.GQ! }));

  const unitIds: Record<string, string> = {};
  for (const [n, u] of planned.entries()) {
    const unit = await createUnit(db, ctx, { ...u, districtCode: demoDistrictCode, divisionCode: u.divisionCode ?? null });
    unitIds[u.name] = unit.id;
    await createContact(db, ctx, unit.id, demoContact(n));
  }

  for (const account of demoAccounts.slice(1)) {
    const unitId = 'unitName' in account ? unitIds[account.unitName] ?? null : null;
    await createUser(db, ctx, { username: account.username, displayName: account.displayName, role: account.role, unitId, password: demoPassword, mustChangePassword: false });
  }
  await loadDemoRequests(db, ctx);
  if (options.assessmentYear !== false) await loadDemoAssessment(db);
  const [check] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'zgc'));
  if (!check) throw new Error('demo accounts were not created');
  // Fresh statistics for the planner after the bulk load (PGlite has no autovacuum to gather them).
  await database.execScript('ANALYZE');
  return { units: planned.length, accounts: demoAccounts.length };
}
