import { ApiError } from './api-error.ts';

// The one place the web app talks HTTP. It keeps the session's CSRF token, sends it with every
// change, and turns every failure into an ApiError with the server's code and message.

let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (error: ApiError) => void;
const sessionListeners = new Set<Listener>();

/** Called when the server says the session is gone (401) or the password must change first. */
export function onSessionProblem(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy or the network answered, not the API
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, { code: error.code, message: error.message, details: error.details });
  }
  return new ApiError(response.status, {
    code: 'http_error',
    message: `服务器返回 ${response.status} (server answered ${response.status})`,
  });
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not tell the session listeners about a 401 (the login form handles its own). */
  quiet?: boolean;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络 (cannot reach the server)' });
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (!options.quiet && (error.status === 401 || error.code === 'password_change_required')) {
      for (const listener of sessionListeners) listener(error);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
