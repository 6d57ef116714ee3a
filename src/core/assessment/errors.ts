/**
 * Errors a user can cause with bad input. Every error names what to fix: the unit, the
 * indicator (or tree node) and the field of the spec or data, when they apply.
 */
export type AssessmentErrorCode =
  | 'NON_NUMERIC'
  | 'NON_FINITE'
  | 'INDICATOR_ALL_MISSING'
  | 'ZERO_VARIANCE'
  | 'NON_POSITIVE_FOR_MEAN'
  | 'TREE_CYCLE'
  | 'TREE_ORPHAN'
  | 'TREE_INVALID'
  | 'WEIGHTS_SUM_ZERO'
  | 'WEIGHT_INVALID'
  | 'SPEC_INVALID'
  | 'DATA_INVALID'
  | 'UNKNOWN_REFERENCE'
  | 'MISSING_TARGET'
  | 'INCOMPLETE_DATA';

export interface AssessmentErrorDetails {
  unit?: string;
  indicator?: string;
  field?: string;
  period?: string;
  value?: unknown;
}

export class AssessmentError extends Error {
  readonly code: AssessmentErrorCode;
  readonly details: AssessmentErrorDetails;

  constructor(code: AssessmentErrorCode, message: string, details: AssessmentErrorDetails = {}) {
    super(message);
    this.name = 'AssessmentError';
    this.code = code;
    this.details = details;
  }
}

/** Builds "unit X, indicator Y" phrases so that messages read the same everywhere. */
export function where(details: AssessmentErrorDetails): string {
  const parts: string[] = [];
  if (details.period !== undefined) parts.push(`period ${details.period}`);
  if (details.unit !== undefined) parts.push(`unit ${details.unit}`);
  if (details.indicator !== undefined) parts.push(`indicator ${details.indicator}`);
  if (details.field !== undefined) parts.push(`field ${details.field}`);
  return parts.join(', ');
}
