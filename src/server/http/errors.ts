// Errors a user can cause. Services throw these; the error handler turns them into the one
// JSON error shape with the right status. Anything else reaching the handler is a bug (500).
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const unauthenticated = (message = '请先登录 (login required)') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = '没有权限执行此操作 (not permitted)', details?: unknown) =>
  new AppError(403, 'forbidden', message, details);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what}不存在 (${what} not found)`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new AppError(422, 'unprocessable', message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, { retryAfterSeconds });

/** Refuses an edit made on a stale copy, so one official's change never silently overwrites another's. */
export function staleVersion(entity: string, current: number): AppError {
  return conflict(`${entity}已被他人修改，请刷新后重试 (changed by someone else; reload and retry)`, { currentVersion: current });
}
