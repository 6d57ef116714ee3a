// The typed calls of the citizen-request pages, through the app's one HTTP transport.
import type { z } from 'zod';
import type { ServiceView } from '../../core/requests/catalogue.ts';
import type { PublicRequestView, RequestDetail, RequestEventBody, requestCreateBody, RequestSummary, publicRequestBody } from '../../core/requests/request.ts';
import type { Rates } from '../../core/requests/rates.ts';
import type { DispatchSuggestion } from '../../core/requests/similarity.ts';
import { request } from '../api/transport.ts';

export type { PublicRequestView, RequestDetail, RequestSummary, ServiceView };
export type RequestCreateBody = z.input<typeof requestCreateBody>;
export type PublicRequestBody = z.input<typeof publicRequestBody>;

export interface RankingRow { unitId: string; unitCode: string; name: string; kind: string; rank: number | null; dispatched: number; respondedInTime: number; callbacks: number; resolved: number; rates: Rates }
export interface Trend { key: string; name: string; count: number; previous: number; growth: number | null }
export interface Hotspots {
  month: string; total: number; categoryTrends: Trend[]; placeTrends: Trend[]; daily: { day: string; n: number }[];
  rising: { serviceName: string; divisionName: string; count: number; topWords: string[] }[];
  theme: { title: string; evidence: string[] } | null;
  points: { lat: number; lon: number; status: string; service: string }[];
}
export interface Suggestions { rule: { unitId: string; unitName: string; reason: string } | null; similar: DispatchSuggestion[] }
export interface RequestQuery { status?: string; q?: string; overdue?: 'true'; limit?: number; offset?: number }

const id = encodeURIComponent;

export const requestsApi = {
  /** Streets and towns of the district, searched on the server by name or pinyin initials. */
  streets: (q?: string) => request<{ code: string; name: string }[]>('GET', '/api/divisions', { query: { parent: '110108', q } }),
  services: () => request<ServiceView[]>('GET', '/api/request-services'),
  list: (query: RequestQuery) => request<{ items: RequestSummary[]; total: number }>('GET', '/api/requests', { query: { ...query } }),
  get: (requestId: string) => request<RequestDetail>('GET', `/api/requests/${id(requestId)}`),
  create: (body: RequestCreateBody) => request<{ id: string; code: string; duplicateOf: string | null }>('POST', '/api/requests', { body }),
  event: (requestId: string, body: RequestEventBody) => request<RequestDetail>('POST', `/api/requests/${id(requestId)}/events`, { body }),
  suggestions: (requestId: string) => request<Suggestions>('GET', `/api/requests/${id(requestId)}/suggestions`),
  ranking: (month: string, group: 'street_town' | 'department') => request<{ month: string; rows: RankingRow[] }>('GET', '/api/request-rates', { query: { month, group } }),
  hotspots: (month: string) => request<Hotspots>('GET', '/api/request-hotspots', { query: { month } }),
  publicServices: () => request<ServiceView[]>('GET', '/api/public/request-services'),
  file: (body: PublicRequestBody) => request<{ code: string }>('POST', '/api/public/requests', { body }),
  track: (code: string) => request<PublicRequestView>('GET', `/api/public/requests/${id(code)}`, { quiet: true }),
};
