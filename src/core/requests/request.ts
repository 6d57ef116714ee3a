// The data of a request as the API takes and gives it; shared by the server and the web app.
import { z } from 'zod';
import { limitUnits } from './sla.ts';
import { requestEvents, requestStatuses } from './lifecycle.ts';
import { satisfactionLevels } from './rates.ts';

export const maxDescription = 4_000;
export const channels = ['phone', 'web', 'open311', 'import', 'app'] as const;

export const latitude = z.number().min(-90).max(90);
export const longitude = z.number().min(-180).max(180);
const phone = z.string().trim().max(30).regex(/^[0-9+\-() ]*$/, 'digits, spaces, + - ( )');

export const requestCreateBody = z.strictObject({
  serviceId: z.uuid(),
  description: z.string().trim().min(2).max(maxDescription),
  address: z.string().trim().max(200).default(''),
  lat: latitude.nullable().optional(),
  lon: longitude.nullable().optional(),
  /** The street or town; found from the coordinates when not given. */
  divisionCode: z.string().regex(/^\d{9}$/).nullable().optional(),
  citizenName: z.string().trim().max(40).default(''),
  citizenPhone: phone.default(''),
  channel: z.enum(channels).default('phone'),
}).refine((b) => (b.lat == null) === (b.lon == null), { message: 'give both lat and lon, or neither', path: ['lat'] });

/** A citizen's own filing on the public web form. */
export const publicRequestBody = z.strictObject({
  serviceCode: z.string().trim().min(1).max(40),
  description: z.string().trim().min(2).max(maxDescription),
  address: z.string().trim().max(200).default(''),
  lat: latitude.nullable().optional(),
  lon: longitude.nullable().optional(),
  /** The street or town, when the citizen names it (helps dispatch and the duplicate check). */
  divisionCode: z.string().regex(/^\d{9}$/).nullable().optional(),
  citizenName: z.string().trim().max(40).default(''),
  citizenPhone: phone.default(''),
});

const version = z.number().int().positive();
const reason = z.string().trim().min(2).max(1_000);

export const requestEventBody = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('dispatch'), version, unitId: z.uuid(), note: z.string().trim().max(1_000).optional() }),
  z.strictObject({ event: z.literal('accept'), version }),
  z.strictObject({ event: z.literal('return'), version, reason }),
  z.strictObject({ event: z.literal('start'), version }),
  z.strictObject({ event: z.literal('reply'), version, reply: reason }),
  z.strictObject({ event: z.literal('callback'), version, resolved: z.boolean(), satisfaction: z.enum(satisfactionLevels), note: z.string().trim().max(1_000).optional() }),
  z.strictObject({ event: z.literal('close'), version }),
  z.strictObject({ event: z.literal('reopen'), version, reason }),
  z.strictObject({ event: z.literal('request_extension'), version, amount: z.number().positive().max(90), unit: z.enum(limitUnits), reason }),
  z.strictObject({ event: z.literal('approve_extension'), version, extensionId: z.uuid() }),
  z.strictObject({ event: z.literal('refuse_extension'), version, extensionId: z.uuid(), reason }),
  z.strictObject({ event: z.literal('add_co_handler'), version, unitId: z.uuid() }),
]);
export type RequestEventBody = z.infer<typeof requestEventBody>;

export const requestListQuery = z.strictObject({
  status: z.enum(requestStatuses).optional(),
  unitId: z.uuid().optional(),
  serviceId: z.uuid().optional(),
  divisionCode: z.string().regex(/^\d{9}$/).optional(),
  q: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const requestSummary = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(requestStatuses),
  serviceId: z.string(),
  serviceName: z.string(),
  description: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  channel: z.string(),
  citizenName: z.string().nullable(),
  citizenPhone: z.string().nullable(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  receivedAt: z.string(),
  responseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  overdue: z.boolean(),
  duplicateOf: z.string().nullable(),
  version: z.number(),
});
export type RequestSummary = z.infer<typeof requestSummary>;

export const requestDetail = requestSummary.extend({
  reply: z.string().nullable(),
  coHandlers: z.array(z.object({ unitId: z.string(), unitName: z.string() })),
  timeline: z.array(z.object({ at: z.string(), event: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), actorName: z.string(), unitName: z.string().nullable(), note: z.string() })),
  extensions: z.array(z.object({ id: z.string(), amount: z.number(), unit: z.enum(limitUnits), reason: z.string(), status: z.enum(['pending', 'approved', 'refused']), requestedAt: z.string() })),
  callbacks: z.array(z.object({ at: z.string(), resolved: z.boolean(), satisfaction: z.enum(satisfactionLevels), note: z.string() })),
  /** Later requests flagged as repeating this one; the distance when both have coordinates, else null (same address). */
  duplicates: z.array(z.object({ code: z.string(), distanceM: z.number().nullable() })),
  /** The category requires a callback before closing; without one the hotline may close a replied request. */
  callbackRequired: z.boolean(),
  actions: z.array(z.enum(requestEvents)),
});
export type RequestDetail = z.infer<typeof requestDetail>;

/** What anyone with the tracking code sees: no citizen, no phone numbers in the text. */
export const publicRequestView = z.object({
  code: z.string(),
  status: z.enum(requestStatuses),
  statusLabel: z.string(),
  serviceName: z.string(),
  description: z.string(),
  address: z.string(),
  receivedAt: z.string(),
  unitName: z.string().nullable(),
  reply: z.string().nullable(),
  steps: z.array(z.object({ at: z.string(), label: z.string() })),
});
export type PublicRequestView = z.infer<typeof publicRequestView>;
