// The dispatch catalogue (派单目录): categories of requests in a tree, each with the kind of unit
// that answers it, its time limits and whether the citizen must be called back.
import { z } from 'zod';
import { limitUnits, slaClasses, timeLimitInput, type ClassLimits, type ClassLimitTable, type SlaClass, type TimeLimit } from './sla.ts';

export const responsibleKinds = ['street_town', 'department'] as const;
export type ResponsibleKind = (typeof responsibleKinds)[number];

/** A limit as the API shows it (rows written before limits were bounded are shown as they are). */
const timeLimit = z.object({ amount: z.number(), unit: z.enum(limitUnits) });

/** An Open311 service definition attribute: what extra to ask the citizen for this category. */
export const serviceAttribute = z.strictObject({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  description: z.string().trim().min(1).max(200),
  order: z.number().int().min(1).max(100),
  values: z.array(z.strictObject({ key: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(100) })).max(50).default([]),
});
export type ServiceAttribute = z.infer<typeof serviceAttribute>;

const serviceCode = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, underscore or hyphen');

export const serviceCreateBody = z.strictObject({
  code: serviceCode,
  name: z.string().trim().min(1).max(60),
  parentId: z.uuid().nullable().optional(),
  description: z.string().trim().max(500).optional(),
  keywords: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
  responsibleKind: z.enum(responsibleKinds),
  /** For department categories: the department that answers them unless a rule says otherwise. */
  defaultUnitId: z.uuid().nullable().optional(),
  slaClass: z.enum(slaClasses),
  /** The category's own limits; absent or null: the default of its class (request settings). */
  responseLimit: timeLimitInput.nullable().optional(),
  resolutionLimit: timeLimitInput.nullable().optional(),
  callbackRequired: z.boolean().optional(),
  attributes: z.array(serviceAttribute).max(20).optional(),
});

export const serviceUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  description: z.string().trim().max(500).optional(),
  keywords: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
  responsibleKind: z.enum(responsibleKinds).optional(),
  defaultUnitId: z.uuid().nullable().optional(),
  slaClass: z.enum(slaClasses).optional(),
  /** null: follow the default of the class again. */
  responseLimit: timeLimitInput.nullable().optional(),
  resolutionLimit: timeLimitInput.nullable().optional(),
  callbackRequired: z.boolean().optional(),
  attributes: z.array(serviceAttribute).max(20).optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});

export const serviceView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** 城市管理 › 占道经营 */
  path: z.string(),
  parentId: z.string().nullable(),
  group: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  pinyinInitials: z.string(),
  responsibleKind: z.enum(responsibleKinds),
  defaultUnitId: z.string().nullable(),
  slaClass: z.enum(slaClasses),
  /** The limits that apply: the category's own, or else its class's default. */
  responseLimit: timeLimit,
  resolutionLimit: timeLimit,
  /** The category's own limits; null where it follows the default of its class. */
  ownResponseLimit: timeLimit.nullable(),
  ownResolutionLimit: timeLimit.nullable(),
  callbackRequired: z.boolean(),
  attributes: z.array(serviceAttribute),
  active: z.boolean(),
  version: z.number(),
});
export type ServiceView = z.infer<typeof serviceView>;

/** The limits that apply to a category: its own where it has them, else its class's default. */
export function effectiveLimits(
  own: { response: TimeLimit | null; resolution: TimeLimit | null }, slaClass: SlaClass, classDefaults: ClassLimitTable,
): ClassLimits {
  const byClass = classDefaults[slaClass];
  return { response: own.response ?? byClass.response, resolution: own.resolution ?? byClass.resolution };
}
