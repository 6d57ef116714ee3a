// Data collection and review (填报与审核): what a unit owes, its values, and the reviewer's view.
import { z } from 'zod';

export const submissionStates = ['draft', 'submitted', 'approved', 'returned'] as const;
export type SubmissionState = (typeof submissionStates)[number];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const valuesBody = z.strictObject({
  /** The submission's version the reporter saw; 0 when it has not been saved yet. */
  version: z.number().int().min(0),
  values: z.array(z.strictObject({
    indicatorCode: z.string().min(1).max(40),
    value: finite.nullable(),
    note: z.string().trim().max(500).optional(),
  })).max(5000),
});

export const reviewBody = z.strictObject({
  version: z.number().int().positive(),
  comment: z.string().trim().max(1000).optional(),
});
export const returnBody = reviewBody.extend({ comment: z.string().trim().min(2).max(1000) });

export const yearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const submissionParams = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  period: z.string().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/),
  unitId: z.uuid(),
});

export interface DueItem {
  period: string;
  label: string;
  /** A scheme period (Q1, H1 …) or a month of the monthly indicators (M01 … M12). */
  kind: 'period' | 'month';
  /** The submission's deadline: the latest of the deadlines of the indicators it owes. */
  deadline: string;
  unitId: string;
  unitName: string;
  submissionId: string | null;
  state: SubmissionState;
  late: boolean;
  /** Past the deadline and not yet submitted. */
  overdue: boolean;
  filled: number;
  due: number;
  reviewComment: string;
}

/** What a line of a form or a review shows of its indicator. */
export interface IndicatorHeading {
  indicatorCode: string;
  name: string;
  dimension: string;
  unitOfMeasure: string;
  direction: 1 | -1;
  target: number | null;
}

export interface SubmissionLine extends IndicatorHeading {
  min: number | null;
  max: number | null;
  /** This indicator's deadline in the period (its dueDay, else the period's). */
  deadline: string;
  /** Its value was handed in (submitted) after that deadline. */
  late: boolean;
  value: number | null;
  note: string;
  /** The unit's value for the previous period (cumulative periods: the last one). */
  previous: number | null;
  /** value − previous, null when either is missing. */
  change: number | null;
  /** Flagged by the engine's outlier rule among the category's values (reviewers only). */
  outlier: 'high' | 'low' | null;
  evidence: { id: string; fileName: string; size: number }[];
}

/**
 * An indicator the unit does not report: filled from 12345 data (data source `requests`), shown
 * to the unit and the reviewer with what it is computed from, never editable.
 */
export interface ComputedLine extends IndicatorHeading {
  source: 'requests';
  /** 根据12345接诉即办数据计算 (computed from 12345 data). */
  sourceLabel: string;
  /** Null when no month of the period has a composite: missing, as the scheme says. */
  value: number | null;
  previous: number | null;
  change: number | null;
  /** The months of the period and the unit's composite in each that has one. */
  months: string[];
  composites: Record<string, number>;
  /** The period's result (or the year's) is published: these are the values it used. */
  frozen: boolean;
}

export interface SubmissionView {
  id: string | null;
  year: number;
  period: string;
  periodLabel: string;
  /** A scheme period or a month (M01 … M12: only the monthly indicators). */
  kind: 'period' | 'month';
  /** The submission's deadline: the latest of its indicators' deadlines. */
  deadline: string;
  unitId: string;
  unitName: string;
  categoryCode: string;
  state: SubmissionState;
  late: boolean;
  submittedAt: string | null;
  reviewComment: string;
  returnedCount: number;
  version: number;
  lines: SubmissionLine[];
  /** Indicators computed from other data (12345), not entered: read-only. */
  computed: ComputedLine[];
  /** Reviewer's flags: values missing, submitted late, values handed in after their own indicator's deadline, outliers. */
  flags: { missing: number; late: boolean; lateValues: number; outliers: number };
}

export interface QueueItem {
  id: string;
  period: string;
  periodLabel: string;
  unitId: string;
  unitName: string;
  categoryCode: string;
  categoryName: string;
  state: SubmissionState;
  late: boolean;
  submittedAt: string | null;
  returnedCount: number;
  missing: number;
  version: number;
}

/** End of the deadline day in the district's time zone (Asia/Shanghai, UTC+8, no daylight saving). */
export function deadlineInstant(deadline: string): Date {
  return new Date(`${deadline}T23:59:59.999+08:00`);
}

export const adjustmentKinds = ['bonus', 'penalty', 'veto'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];

export const adjustmentCreateBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  period: z.string().min(1).max(40),
  unitId: z.uuid(),
  kind: z.enum(adjustmentKinds),
  /** Item code: an award or supervision item for points, a veto item of the scheme for a veto. */
  item: z.string().trim().min(1).max(40),
  /** Points for a bonus or penalty (> 0); 0 for a veto. */
  points: finite.min(0).max(100),
  reason: z.string().trim().min(2).max(1000),
});

export const adjustmentDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(1000).optional(),
  version: z.number().int().positive(),
});

export interface AdjustmentView {
  id: string;
  year: number;
  period: string;
  unitId: string;
  unitName: string;
  kind: AdjustmentKind;
  item: string;
  points: number;
  reason: string;
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  proposedBy: string;
  decisionComment: string;
  evidence: { id: string; fileName: string; size: number }[];
  version: number;
  createdAt: string;
}

/** Evidence (佐证材料) the server accepts: PDF, images, Office documents — checked by content, not name. */
export const evidenceMaxBytes = 10 * 1024 * 1024;
export const evidenceTypes = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/msword': 'Word 97',
  'application/vnd.ms-excel': 'Excel 97',
} as const;
