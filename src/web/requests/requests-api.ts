// The typed calls of the citizen-request pages, through the app's one HTTP transport.
import type { z } from 'zod';
import type { ServiceView, serviceCreateBody, serviceUpdateBody } from '../../core/requests/catalogue.ts';
import type { ClassLimitTable } from '../../core/requests/sla.ts';
import type { PublicRequestView, RequestDetail, RequestEventBody, requestCreateBody, RequestSummary, publicRequestBody } from '../../core/requests/request.ts';
import type { Rates } from '../../core/requests/rates.ts';
import type { DispatchSuggestion } from '../../core/requests/similarity.ts';
import type { DispatchRuleCreateBody, DispatchRuleView } from '../../core/requests/dispatch-rules.ts';
import type { ImportProblem, ImportResult } from '../../core/requests/request-import.ts';
import { uploadFile } from '../api/files.ts';
import { request } from '../api/transport.ts';

export type { PublicRequestView, RequestDetail, RequestSummary, ServiceView };
export type RequestCreateBody = z.input<typeof requestCreateBody>;
export type PublicRequestBody = z.input<typeof publicRequestBody>;

export interface RankingRow { unitId: string; unitCode: string; name: string; kind: string; rank: number | null; dispatched: number; respondedInTime: number; callbacks: number; resolved: number; rates: Rates }
export interface Trend { key: string; name: string; count: number; previous: number; growth: number | null }
/** A month's hotspots against the comparable period before (core/requests/hotspots.ts). */
export interface Hotspots {
  month: string; complete: boolean;
  periods: { current: { from: string; to: string; days: number }; previous: { from: string; to: string; days: number } };
  rules: { minClusterCount: number; minClusterGrowth: number; minThemeCount: number; minThemeShare: number; minThemeGrowth: number };
  total: number; previousTotal: number; categoryTrends: Trend[]; placeTrends: Trend[]; daily: { day: string; n: number }[];
  rising: { serviceName: string; divisionCode: string; divisionName: string; count: number; previous: number; growth: number | null; topWords: string[] }[];
  theme: { title: string; serviceName: string; evidence: string[] } | null;
  themeNote: string | null;
  themeCandidates: { name: string; count: number; previous: number; growth: number | null; share: number }[];
  areas: { divisionCode: string; name: string; lat: number; lon: number; count: number; open: number }[];
  unlocated: number;
  points: { lat: number; lon: number; status: string; service: string }[];
}
/** A deadline warning still in force: the request still owes the step, to the unit warned (see warning-queries.ts). */
export interface LiveWarning {
  requestId: string; code: string; serviceName: string; status: string; unitId: string; unitName: string;
  clock: 'response' | 'resolution'; state: 'due_soon' | 'overdue'; dueAt: string; msLeft: number; raisedAt: string;
}
export interface UnitWarnings { unitId: string; unitName: string; dueSoon: number; overdue: number; nextDueAt: string | null; oldestDueAt: string }
export interface Suggestions { rule: { unitId: string; unitName: string; reason: string } | null; similar: DispatchSuggestion[] }
export interface RequestQuery { status?: string; q?: string; overdue?: 'true'; limit?: number; offset?: number }
export type ServiceCreateBody = z.input<typeof serviceCreateBody>;
export type ServiceUpdateBody = z.input<typeof serviceUpdateBody>;
export interface RequestSettings {
  responseWeight: number; resolutionWeight: number; satisfactionWeight: number; basicallySatisfiedCredit: number;
  duplicateRadiusM: number; duplicateWindowHours: number; classLimits: ClassLimitTable; version: number;
}
export interface Open311Key { id: string; name: string; prefix: string; active: boolean; createdAt: string; revokedAt: string | null }

export type { DispatchRuleCreateBody, DispatchRuleView, ImportProblem, ImportResult };

const id = encodeURIComponent;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const requestsApi = {
  /** Streets and towns of the district, searched on the server by name or pinyin initials. */
  streets: (q?: string) => request<{ code: string; name: string }[]>('GET', '/api/divisions', { query: { parent: '110108', q } }),
  services: () => request<ServiceView[]>('GET', '/api/request-services'),
  list: (query: RequestQuery) => request<{ items: RequestSummary[]; total: number }>('GET', '/api/requests', { query: { ...query } }),
  get: (requestId: string) => request<RequestDetail>('GET', `/api/requests/${id(requestId)}`),
  create: (body: RequestCreateBody) => request<{ id: string; code: string; duplicateOf: string | null; duplicateOfCode: string | null }>('POST', '/api/requests', { body }),
  event: (requestId: string, body: RequestEventBody) => request<RequestDetail>('POST', `/api/requests/${id(requestId)}/events`, { body }),
  suggestions: (requestId: string) => request<Suggestions>('GET', `/api/requests/${id(requestId)}/suggestions`),
  ranking: (month: string, group: 'street_town' | 'department') => request<{ month: string; rows: RankingRow[] }>('GET', '/api/request-rates', { query: { month, group } }),
  hotspots: (month: string) => request<Hotspots>('GET', '/api/request-hotspots', { query: { month } }),
  publicServices: () => request<ServiceView[]>('GET', '/api/public/request-services'),
  publicAreas: () => request<{ code: string; name: string }[]>('GET', '/api/public/request-areas'),
  liveWarnings: (query: { unitId?: string; limit?: number } = {}) => request<LiveWarning[]>('GET', '/api/request-warnings/live', { query: { ...query } }),
  warningsByUnit: () => request<UnitWarnings[]>('GET', '/api/request-warnings/by-unit'),
  file: (body: PublicRequestBody) => request<{ code: string }>('POST', '/api/public/requests', { body }),
  track: (code: string) => request<PublicRequestView>('GET', `/api/public/requests/${id(code)}`, { quiet: true }),
  // Settings pages: the catalogue, the request settings, Open311 keys.
  createService: (body: ServiceCreateBody) => request<ServiceView>('POST', '/api/request-services', { body }),
  updateService: (serviceId: string, body: ServiceUpdateBody) => request<ServiceView>('PATCH', `/api/request-services/${id(serviceId)}`, { body }),
  settings: () => request<RequestSettings>('GET', '/api/request-settings'),
  saveSettings: (body: RequestSettings) => request<RequestSettings>('PUT', '/api/request-settings', { body }),
  open311Keys: () => request<Open311Key[]>('GET', '/api/open311-keys'),
  createOpen311Key: (name: string) => request<{ id: string; name: string; prefix: string; key: string }>('POST', '/api/open311-keys', { body: { name } }),
  revokeOpen311Key: (keyId: string) => request<Open311Key>('POST', `/api/open311-keys/${id(keyId)}/revoke`),
  // Bulk import (a CSV is sent as text/csv, whatever type the system gives it) and dispatch rules.
  importTemplateUrl: '/api/requests/import-template.xlsx',
  importFile: (file: File, onProgress?: (share: number) => void) =>
    uploadFile<ImportResult>('/api/requests/import', file, /\.csv$/i.test(file.name) ? 'text/csv' : xlsxType, onProgress),
  dispatchRules: () => request<DispatchRuleView[]>('GET', '/api/dispatch-rules'),
  createDispatchRule: (body: DispatchRuleCreateBody) => request<DispatchRuleView>('POST', '/api/dispatch-rules', { body }),
  deleteDispatchRule: (ruleId: string) => request<void>('DELETE', `/api/dispatch-rules/${id(ruleId)}`),
};
