// Files through the API: uploads sent as the request body (with the session's CSRF token and
// upload progress), downloads opened as links so the browser keeps the server's file name.
import { ApiError } from './api-error.ts';
import { api } from './client.ts';

/** Sends a file as the request body; `onProgress` reports the upload's share sent (0–1). */
export async function uploadFile<T>(path: string, file: Blob, type: string, onProgress?: (share: number) => void): Promise<T> {
  const { csrfToken } = await api.auth.me();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', type || 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', message: '无法连接服务器，请检查网络 (cannot reach the server)' }));
    xhr.onload = () => {
      let body: unknown = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        const e = (body as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
        reject(new ApiError(xhr.status, e ?? { code: 'http_error', message: `服务器返回 ${xhr.status}` }));
      }
    };
    xhr.send(file);
  });
}

/** Opens a download (the browser keeps the file name the server gives). */
export function download(path: string): void {
  const a = document.createElement('a');
  a.href = path;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
