// The dispatch catalogue (派单目录): categories of requests in a tree, each with the kind of unit
// that answers it, its time limits and whether the citizen must be called back.
import { z } from 'zod';
import { limitUnits, slaClasses } from './sla.ts';

export const responsibleKinds = ['street_town', 'department'] as const;
export type ResponsibleKind = (typeof responsibleKinds)[number];

const timeLimit = z.strictObject({ amount: z.number().positive().max(10_000), unit: z.enum(limitUnits) });

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
  responseLimit: timeLimit.optional(),
  resolutionLimit: timeLimit.optional(),
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
  responseLimit: timeLimit.optional(),
  resolutionLimit: timeLimit.optional(),
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
  responseLimit: timeLimit,
  resolutionLimit: timeLimit,
  callbackRequired: z.boolean(),
  attributes: z.array(serviceAttribute),
  active: z.boolean(),
  version: z.number(),
});
export type ServiceView = z.infer<typeof serviceView>;
