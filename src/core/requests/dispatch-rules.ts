// Dispatch rules (派单规则): a category, a street or town, or both, and the unit that answers
// such requests. A rule for the category and the street wins over one for the category anywhere,
// which wins over one for the street and any category (dispatch-service.ts).
import { z } from 'zod';

export const dispatchRuleCreateBody = z.strictObject({
  /** The category; null or absent: any category. */
  serviceId: z.uuid().nullable().optional(),
  /** The street or town (9-digit division code); null or absent: the whole district. */
  divisionCode: z.string().regex(/^\d{9}$/, '9-digit division code').nullable().optional(),
  unitId: z.uuid(),
}).refine((b) => Boolean(b.serviceId || b.divisionCode), { message: 'name a category, a street or town, or both', path: ['serviceId'] });
export type DispatchRuleCreateBody = z.infer<typeof dispatchRuleCreateBody>;

export const dispatchRuleView = z.object({
  id: z.string(),
  serviceId: z.string().nullable(),
  serviceCode: z.string().nullable(),
  /** 城市管理 › 占道经营; null: any category. */
  serviceName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  /** null: the whole district. */
  divisionName: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  /** A rule naming a deactivated unit is skipped when dispatching. */
  unitActive: z.boolean(),
  createdAt: z.string(),
});
export type DispatchRuleView = z.infer<typeof dispatchRuleView>;
