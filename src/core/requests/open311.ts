// The mapping between Pacesetter's requests and Open311 GeoReport v2 (services, service
// definitions, service requests). Pure: the server renders these objects as XML or JSON.
import type { ServiceView } from './catalogue.ts';
import { open311Status, type RequestStatus } from './lifecycle.ts';
import { redactText } from './privacy.ts';
import { shanghaiIso } from './sla.ts';

export interface Open311Service {
  service_code: string; service_name: string; description: string; metadata: boolean; type: 'realtime'; keywords: string; group: string;
}

export function open311Service(s: ServiceView): Open311Service {
  return {
    service_code: s.code, service_name: s.name, description: s.description, metadata: s.attributes.length > 0,
    type: 'realtime', keywords: s.keywords.join(', '), group: s.group,
  };
}

export function open311Definition(s: ServiceView) {
  return {
    service_code: s.code,
    attributes: [...s.attributes].sort((a, b) => a.order - b.order).map((a) => ({
      variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: null as string | null,
      order: a.order, description: a.description, values: a.values.map((v) => ({ key: v.key, name: v.name })),
    })),
  };
}

export interface RequestForOpen311 {
  code: string; status: RequestStatus; reply: string | null; serviceName: string; serviceCode: string; description: string;
  unitName: string | null; receivedAt: Date; updatedAt: Date; resolutionDueAt: Date | null; address: string;
  lat: number | null; lon: number | null; mediaUrl: string | null;
}

/** A request as Open311 shows it to anyone: no citizen, phone numbers blanked from the text. */
export function open311Request(r: RequestForOpen311) {
  return {
    service_request_id: r.code,
    status: open311Status(r.status),
    status_notes: r.status === 'closed' && r.reply ? redactText(r.reply) : null,
    service_name: r.serviceName,
    service_code: r.serviceCode,
    description: redactText(r.description),
    agency_responsible: r.unitName,
    service_notice: null as string | null,
    requested_datetime: shanghaiIso(r.receivedAt),
    updated_datetime: shanghaiIso(r.updatedAt),
    expected_datetime: r.resolutionDueAt ? shanghaiIso(r.resolutionDueAt) : null,
    address: r.address,
    address_id: null as string | null,
    zipcode: null as string | null,
    lat: r.lat,
    long: r.lon,
    media_url: r.mediaUrl,
  };
}

/** The notice a client shows after filing: what happens next and by when. */
export function serviceNotice(s: Pick<ServiceView, 'name' | 'resolutionLimit'>): string {
  const limit = s.resolutionLimit.unit === 'hours' ? `${s.resolutionLimit.amount} 小时` : `${s.resolutionLimit.amount} 天`;
  return `${s.name}类诉求将派至承办单位，办理时限 ${limit}。`;
}
