// The settings officials change for citizen requests, one versioned row: the weights of the three
// rates and the credit of "basically satisfied" (the assessment office's), and the duplicate
// radius and window and the default time limits of each SLA class (the hotline centre's). Every
// change is audited; a process remembers them for 10 s on the hot intake path.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { requestSettings } from '../db/schema/index.ts';
import { defaultDuplicateSettings } from '../../core/requests/duplicates.ts';
import { defaultRateSettings, rateSettings } from '../../core/requests/rates.ts';
import { classLimitsSchema, defaultLimits, limitUnits, slaClasses, type ClassLimitTable, type LimitUnit } from '../../core/requests/sla.ts';
import type { ActionContext } from '../auth/actor.ts';
import { ensure } from '../auth/policy.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { forbidden, staleVersion, unprocessable } from '../http/errors.ts';
import { dbKey } from './db-key.ts';
import { forgetAll, remembered } from './process-cache.ts';
import { requestSettingsPolicy } from './request-policy.ts';

const rateFields = {
  responseWeight: z.number().min(0).max(100),
  resolutionWeight: z.number().min(0).max(100),
  satisfactionWeight: z.number().min(0).max(100),
  basicallySatisfiedCredit: z.number().min(0).max(1),
};
const duplicateFields = {
  duplicateRadiusM: z.number().min(10).max(10_000),
  duplicateWindowHours: z.number().min(1).max(24 * 90),
};

/** What PUT /api/request-settings takes; without `classLimits` the class limits stay as they are. */
export const settingsBody = z.strictObject({
  ...rateFields,
  ...duplicateFields,
  classLimits: classLimitsSchema.optional(),
  version: z.number().int().positive(),
});
export type SettingsBody = z.infer<typeof settingsBody>;

const limitView = z.object({ amount: z.number(), unit: z.enum(limitUnits) });
const classView = z.object({ response: limitView, resolution: limitView });
/** What the API answers: every setting, the class limits in force included. */
export const settingsView = z.object({
  ...rateFields,
  ...duplicateFields,
  classLimits: z.object({ emergency: classView, utilities: classView, general: classView, complex: classView }),
  version: z.number(),
});
export type SettingsView = z.infer<typeof settingsView>;

type Row = typeof requestSettings.$inferSelect;

const builtIn = {
  ...defaultRateSettings, duplicateRadiusM: defaultDuplicateSettings.radiusM, duplicateWindowHours: defaultDuplicateSettings.windowHours,
  classLimits: defaultLimits, version: 1,
};

/** The class limits of a row: those stored, class by class, else the built-in defaults. */
function classLimitsOf(stored: Row['classLimits']): ClassLimitTable {
  const table = {} as ClassLimitTable;
  for (const c of slaClasses) {
    const s = stored?.[c];
    table[c] = s
      ? { response: { amount: s.response.amount, unit: s.response.unit as LimitUnit }, resolution: { amount: s.resolution.amount, unit: s.resolution.unit as LimitUnit } }
      : defaultLimits[c];
  }
  return table;
}

function viewOf(row: Row | undefined): SettingsView {
  if (!row) return builtIn;
  return {
    responseWeight: row.responseWeight, resolutionWeight: row.resolutionWeight, satisfactionWeight: row.satisfactionWeight,
    basicallySatisfiedCredit: row.basicallySatisfiedCredit, duplicateRadiusM: row.duplicateRadiusM, duplicateWindowHours: row.duplicateWindowHours,
    classLimits: classLimitsOf(row.classLimits), version: row.version,
  };
}

export async function getSettings(db: Db): Promise<SettingsView> {
  const [row] = await db.select().from(requestSettings).where(eq(requestSettings.id, 1));
  return viewOf(row);
}

/** The settings as this process remembers them (10 s): for intake, which reads them on every request. */
export function cachedSettings(db: Db): Promise<SettingsView> {
  return remembered(`settings:${dbKey(db)}`, 10_000, () => getSettings(db));
}

/** The default limits of each class, read afresh (inside the caller's transaction when given one). */
export async function classDefaults(db: Db): Promise<ClassLimitTable> {
  return (await getSettings(db)).classLimits;
}

const sameLimits = (a: ClassLimitTable, b: ClassLimitTable) => slaClasses.every((c) =>
  a[c].response.amount === b[c].response.amount && a[c].response.unit === b[c].response.unit
  && a[c].resolution.amount === b[c].resolution.amount && a[c].resolution.unit === b[c].resolution.unit);

export async function updateSettings(db: Db, ctx: ActionContext, body: SettingsBody): Promise<SettingsView> {
  ensure(requestSettingsPolicy.manage(ctx.actor), '只有系统管理员、考核办和热线中心可以修改诉求设置');
  if (!rateSettings.safeParse({ responseWeight: body.responseWeight, resolutionWeight: body.resolutionWeight, satisfactionWeight: body.satisfactionWeight, basicallySatisfiedCredit: body.basicallySatisfiedCredit }).success) {
    throw unprocessable('三个权重不能都为 0 (at least one weight must be positive)', { field: 'responseWeight' });
  }
  const result = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(requestSettings).where(eq(requestSettings.id, 1)).for('update');
    const current = viewOf(before);
    if (current.version !== body.version) throw staleVersion('诉求设置', current.version);
    const { version, classLimits = current.classLimits, ...values } = body;

    // Each party changes its own settings; the others' may come back unchanged in the same body.
    const ratesChanged = (['responseWeight', 'resolutionWeight', 'satisfactionWeight', 'basicallySatisfiedCredit'] as const).some((k) => values[k] !== current[k]);
    const operationsChanged = values.duplicateRadiusM !== current.duplicateRadiusM || values.duplicateWindowHours !== current.duplicateWindowHours
      || !sameLimits(classLimits, current.classLimits);
    if (ratesChanged && !requestSettingsPolicy.manageRates(ctx.actor)) {
      throw forbidden('没有权限：三率权重和基本满意折算由考核办设置 (rate weights and credit are set by the assessment office)', { field: 'responseWeight' });
    }
    if (operationsChanged && !requestSettingsPolicy.manageOperations(ctx.actor)) {
      throw forbidden('没有权限：重复判定和各类办理时限由热线中心设置 (duplicate detection and time limits are set by the hotline centre)', { field: 'classLimits' });
    }

    const set = { ...values, classLimits, version: version + 1, updatedAt: new Date() };
    const [after] = await tx.insert(requestSettings).values({ id: 1, ...set })
      .onConflictDoUpdate({ target: requestSettings.id, set }).returning();
    await recordAudit(tx, { actorId: ctx.actor.id, actorName: ctx.actor.displayName, action: 'request_settings.update', entityType: 'request_settings', entityId: '1', before: { ...(before ?? builtIn), classLimits: current.classLimits }, after, requestId: ctx.requestId });
    return viewOf(after);
  });
  // After the commit: a request in between must not remember the old settings again.
  forgetAll();
  return result;
}
