import type { ApiErrorBody } from '../../core/http/api-error.ts';

type ErrorPayload = ApiErrorBody['error'];

/** One problem with one input, as the server reports it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An answer of the API that is not a success: status, the server's code, its bilingual
 * message ("中文 (english)") and its details. A network failure is status 0.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, payload: ErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = payload.code;
    this.details = payload.details;
  }

  /**
   * The inputs the server named: `details.field` of a service refusal, or the paths of a
   * validation failure ("body.name" → "name").
   */
  fieldProblems(): FieldProblem[] {
    const details = this.details;
    if (Array.isArray(details)) {
      return details.flatMap((d: unknown) => {
        if (!d || typeof d !== 'object') return [];
        const { path, message } = d as { path?: unknown; message?: unknown };
        if (typeof path !== 'string') return [];
        const field = path.replace(/^(body|querystring|params)\.?/, '');
        return field ? [{ field, message: typeof message === 'string' ? message : this.message }] : [];
      });
    }
    if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
      return [{ field: (details as { field: string }).field, message: this.message }];
    }
    return [];
  }

  /** Seconds to wait before the next login attempt, when throttled. */
  retryAfterSeconds(): number | null {
    const d = this.details as { retryAfterSeconds?: unknown } | undefined;
    return typeof d?.retryAfterSeconds === 'number' ? d.retryAfterSeconds : null;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
