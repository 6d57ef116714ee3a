// Requests as Open311 lists them.
import { and, desc, eq, gte, inArray, lte, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { citizenRequests, requestServices, units } from '../../db/schema/index.ts';
import { open311Request } from '../../../core/requests/open311.ts';
import type { RequestStatus } from '../../../core/requests/lifecycle.ts';
import type { RequestQuery } from './open311-params.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findOpen311Requests(db: Db, q: RequestQuery) {
  const r = citizenRequests;
  const filters: SQL[] = [];
  if (q.ids.length) {
    filters.push(inArray(r.code, q.ids.map((id) => id.toUpperCase())));
  } else {
    if (q.serviceCodes.length) filters.push(inArray(requestServices.code, q.serviceCodes));
    if (q.statuses.length === 1) filters.push(q.statuses[0] === 'closed' ? eq(r.status, 'closed') : ne(r.status, 'closed'));
    if (q.from) filters.push(gte(r.receivedAt, q.from));
    if (q.to) filters.push(lte(r.receivedAt, q.to));
  }
  const rows = await db.select({ request: r, serviceName: requestServices.name, serviceCode: requestServices.code, unitName: units.name }).from(r)
    .innerJoin(requestServices, eq(requestServices.id, r.serviceId)).leftJoin(units, eq(units.id, r.leadUnitId))
    .where(and(...filters)).orderBy(desc(r.receivedAt)).limit(q.limit);
  return rows.map((x) => open311Request({
    code: x.request.code, status: x.request.status as RequestStatus, reply: x.request.reply, serviceName: x.serviceName, serviceCode: x.serviceCode,
    description: x.request.description, unitName: x.unitName, receivedAt: x.request.receivedAt, updatedAt: x.request.updatedAt,
    resolutionDueAt: x.request.resolutionDueAt, address: x.request.address, lat: x.request.lat, lon: x.request.lon, mediaUrl: x.request.mediaUrl,
  }));
}

/** The request a token (given at POST) stands for. */
export async function open311Token(db: Db, token: string): Promise<string | null> {
  if (!uuidPattern.test(token)) return null;
  const [row] = await db.select({ code: citizenRequests.code }).from(citizenRequests).where(eq(citizenRequests.id, token));
  return row?.code ?? null;
}
