// The typed calls of the assessment pages, through the app's one HTTP transport; file uploads
// and downloads go through fetch with the session's CSRF token.
import type { AdjustmentView, DueItem, QueueItem, SubmissionState, SubmissionView } from '../../core/scheme/collection.ts';
import type { RoundOutcome, RoundSnapshot } from '../../core/scheme/round-snapshot.ts';
import type { SchemeContent, SchemeSummary, SchemeView } from '../../core/scheme/scheme.ts';
import type { RankChangeExplanation } from '../../core/assessment/index.ts';
import { uploadFile } from '../api/files.ts';
import { request } from '../api/transport.ts';

export type { AdjustmentView, DueItem, QueueItem, SchemeContent, SchemeSummary, SchemeView, SubmissionState, SubmissionView, RoundSnapshot };
// Uploads and downloads are the app's (api/files.ts); the assessment pages take them from here too.
export { download, uploadFile } from '../api/files.ts';
export type CategoryOutcome = RoundOutcome['categories'][number];
export type UnitOutcome = CategoryOutcome['units'][number];

export interface ResultSummary {
  id: string; year: number; round: string; label: string; status: 'draft' | 'published'; schemeId: string; schemeVersion: number;
  engineVersion: string; outcomeHash: string; computedAt: string; publishedAt: string | null; version: number;
  /** A draft whose data, scheme or 12345 values changed since it was computed: recompute before publishing. */
  stale?: boolean;
  staleReasons?: StaleReason[];
}
/** Why a draft is stale (src/server/assessment/result-staleness.ts). */
export interface StaleReason {
  kind: 'data' | 'scheme' | 'requests'; message: string;
  at?: string; action?: string; changes?: number; schemeVersion?: number; units?: string[];
}
export interface ResultDetail extends ResultSummary { categories: CategoryOutcome[] }
export interface Scorecard {
  result: ResultSummary; categoryCode: string; parts: { code: string; name: string }[]; unit: UnitOutcome; peers: number;
  lines: { code: string; name: string; dimension: string; raw: number | null; target: number | null; score: number | null; direction: number }[];
  trend: { round: string; label: string; score: number | null; rank: number | null; tier: string | null }[];
  explanation: RankChangeExplanation | null;
}
export interface Lagging { categoryCode: string; code: string; name: string; target: number; units: number; reachedShare: number; medianCompletion: number | null }
export interface ImportJob { id: string; status: 'running' | 'done' | 'failed'; phase: string; done: number; total: number; message: string; errors: { sheet: string; row: number; column: string; message: string }[] }

const id = encodeURIComponent;
const unitPath = (year: number, period: string, unitId: string) => `/api/assessment/years/${year}/periods/${id(period)}/units/${id(unitId)}`;

export const assessmentApi = {
  schemes: () => request<SchemeSummary[]>('GET', '/api/assessment/schemes'),
  scheme: (schemeId: string) => request<SchemeView>('GET', `/api/assessment/schemes/${id(schemeId)}`),
  createScheme: (body: { year: number; name: string; content: unknown }) => request<SchemeView>('POST', '/api/assessment/schemes', { body }),
  updateScheme: (schemeId: string, body: { name?: string; content?: SchemeContent; version: number }) => request<SchemeView>('PATCH', `/api/assessment/schemes/${id(schemeId)}`, { body }),
  publishScheme: (schemeId: string, version: number) => request<SchemeView>('POST', `/api/assessment/schemes/${id(schemeId)}/publish`, { body: { version } }),
  reviseScheme: (schemeId: string, version: number, reason: string) => request<SchemeView>('POST', `/api/assessment/schemes/${id(schemeId)}/revise`, { body: { version, reason } }),
  copyScheme: (schemeId: string, year: number) => request<SchemeView>('POST', `/api/assessment/schemes/${id(schemeId)}/copy`, { body: { year } }),
  schemeExportUrl: (schemeId: string) => `/api/assessment/schemes/${id(schemeId)}/export.json`,
  schemeExcelUrl: (schemeId: string) => `/api/assessment/schemes/${id(schemeId)}/export.xlsx`,
  importSchemeExcel: (file: File) => uploadFile<SchemeView>('/api/assessment/schemes/import.xlsx', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),

  due: (year: number, unitId?: string) => request<DueItem[]>('GET', `/api/assessment/years/${year}/due`, { query: { unitId } }),
  submission: (year: number, period: string, unitId: string) => request<SubmissionView>('GET', unitPath(year, period, unitId)),
  saveValues: (year: number, period: string, unitId: string, version: number, values: { indicatorCode: string; value: number | null; note?: string }[]) =>
    request<SubmissionView>('POST', `${unitPath(year, period, unitId)}/values`, { body: { version, values } }),
  submit: (year: number, period: string, unitId: string, version: number) => request<SubmissionView>('POST', `${unitPath(year, period, unitId)}/submit`, { body: { version } }),
  templateUrl: (year: number, period: string, unitId: string) => `${unitPath(year, period, unitId)}/template.xlsx`,
  upload: (year: number, period: string, unitId: string, file: File) => uploadFile<SubmissionView>(`${unitPath(year, period, unitId)}/upload`, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  attachEvidence: (submissionId: string, indicatorCode: string, file: File) =>
    uploadFile<{ id: string }>(`/api/assessment/submissions/${id(submissionId)}/evidence?indicatorCode=${id(indicatorCode)}&fileName=${id(file.name)}`, file, file.type),
  evidenceUrl: (evidenceId: string) => `/api/assessment/evidence/${id(evidenceId)}`,

  queue: (year: number, query: { period?: string; state?: SubmissionState }) => request<QueueItem[]>('GET', `/api/assessment/years/${year}/queue`, { query: { ...query } }),
  reviewDetail: (submissionId: string) => request<SubmissionView>('GET', `/api/assessment/submissions/${id(submissionId)}`),
  approve: (submissionId: string, version: number, comment?: string) => request<SubmissionView>('POST', `/api/assessment/submissions/${id(submissionId)}/approve`, { body: { version, comment } }),
  returnToUnit: (submissionId: string, version: number, comment: string) => request<SubmissionView>('POST', `/api/assessment/submissions/${id(submissionId)}/return`, { body: { version, comment } }),

  adjustments: (year: number) => request<AdjustmentView[]>('GET', `/api/assessment/years/${year}/adjustments`),
  proposeAdjustment: (body: { year: number; period: string; unitId: string; kind: 'bonus' | 'penalty' | 'veto'; item: string; points: number; reason: string }) =>
    request<AdjustmentView>('POST', '/api/assessment/adjustments', { body }),
  decideAdjustment: (adjustmentId: string, decision: 'approve' | 'reject', version: number, comment?: string) =>
    request<AdjustmentView>('POST', `/api/assessment/adjustments/${id(adjustmentId)}/decide`, { body: { decision, version, comment } }),
  withdrawAdjustment: (adjustmentId: string, version: number, comment: string) =>
    request<AdjustmentView>('POST', `/api/assessment/adjustments/${id(adjustmentId)}/withdraw`, { body: { version, comment } }),
  attachAdjustmentEvidence: (adjustmentId: string, file: File) =>
    uploadFile<{ id: string }>(`/api/assessment/adjustments/${id(adjustmentId)}/evidence?fileName=${id(file.name)}`, file, file.type),
  /** The years whose scheme lets the user bulk-import (the office: every year; the statistics bureau: the years naming its unit). */
  importAccess: () => request<{ years: number[]; periods: Record<string, { code: string; label: string; kind: 'period' | 'month' }[]> }>('GET', '/api/assessment/import-access'),
  importTemplateUrl: (year: number, period: string) => `/api/assessment/years/${year}/periods/${id(period)}/import-template.xlsx`,
  startImport: (year: number, period: string, file: File, onProgress?: (share: number) => void) =>
    uploadFile<ImportJob>(`/api/assessment/years/${year}/periods/${id(period)}/import`, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', onProgress),
  importJob: (jobId: string) => request<ImportJob>('GET', `/api/assessment/imports/${id(jobId)}`),

  results: (year: number) => request<ResultSummary[]>('GET', `/api/assessment/years/${year}/results`),
  result: (resultId: string) => request<ResultDetail>('GET', `/api/assessment/results/${id(resultId)}`),
  compute: (year: number, round: string) => request<ResultSummary>('POST', `/api/assessment/years/${year}/rounds/${id(round)}/compute`),
  publish: (resultId: string, version: number) => request<ResultSummary>('POST', `/api/assessment/results/${id(resultId)}/publish`, { body: { version } }),
  verify: (resultId: string) => request<{ identical: boolean; storedHash: string; recomputedHash: string }>('GET', `/api/assessment/results/${id(resultId)}/verify`),
  snapshot: (resultId: string) => request<RoundSnapshot>('GET', `/api/assessment/results/${id(resultId)}/snapshot`),
  lagging: (resultId: string) => request<Lagging[]>('GET', `/api/assessment/results/${id(resultId)}/lagging`),
  scorecard: (resultId: string, unitCode: string) => request<Scorecard>('GET', `/api/assessment/results/${id(resultId)}/units/${id(unitCode)}`),
  exportUrl: (resultId: string) => `/api/assessment/results/${id(resultId)}/export.xlsx`,
  noticeUrl: (resultId: string) => `/api/assessment/results/${id(resultId)}/notice.docx`,
  scorecardDocxUrl: (resultId: string, unitCode: string) => `/api/assessment/results/${id(resultId)}/units/${id(unitCode)}/scorecard.docx`,
};
