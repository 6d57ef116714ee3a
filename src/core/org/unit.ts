import { z } from 'zod';

export const unitKinds = ['street', 'town', 'department', 'soe', 'park', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** GB/T 2260 code of a district (6 digits) or of a street/town (9 digits). */
export const districtCode = z.string().regex(/^\d{6}$/, '6-digit GB/T 2260 district code');
export const streetCode = z.string().regex(/^\d{9}$/, '9-digit GB/T 2260 street/town code');

const name = z.string().trim().min(1).max(100);
const code = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, dot, underscore or hyphen');

export const unitCreateBody = z.strictObject({
  code,
  name,
  shortName: z.string().trim().max(40).optional(),
  kind: z.enum(unitKinds),
  districtCode,
  divisionCode: streetCode.nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
});

export const unitUpdateBody = z.strictObject({
  name: name.optional(),
  shortName: z.string().trim().max(40).optional(),
  kind: z.enum(unitKinds).optional(),
  divisionCode: streetCode.nullable().optional(),
  categoryId: z.uuid().nullable().optional(),
  /** The version the editor saw; a stale one is refused with 409 so no edit is lost. */
  version: z.number().int().positive(),
});

export const unitListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(unitKinds).optional(),
  categoryId: z.uuid().optional(),
  districtCode: districtCode.optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const unitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(unitKinds),
  districtCode: z.string(),
  districtName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  pinyinInitials: z.string(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitView = z.infer<typeof unitView>;

export const categoryCreateBody = z.strictObject({
  code,
  name: z.string().trim().min(1).max(40),
  description: z.string().trim().max(500).optional(),
});

export const categoryUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(40).optional(),
  description: z.string().trim().max(500).optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});

export const categoryView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  unitCount: z.number(),
  version: z.number(),
});
export type CategoryView = z.infer<typeof categoryView>;

const phone = z.string().trim().max(30).regex(/^[0-9+\-() ]*$/, 'digits, spaces, + - ( )');

export const contactCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(40),
  title: z.string().trim().max(60).optional(),
  phone: phone.optional(),
  email: z.union([z.email().max(120), z.literal('')]).optional(),
});

export const contactUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(40).optional(),
  title: z.string().trim().max(60).optional(),
  phone: phone.optional(),
  email: z.union([z.email().max(120), z.literal('')]).optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});

export const contactView = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  title: z.string(),
  phone: z.string(),
  email: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type ContactView = z.infer<typeof contactView>;

export const divisionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'district', 'street']),
  parentCode: z.string().nullable(),
});
export type DivisionView = z.infer<typeof divisionView>;
