/** The one error shape of the API: `{ error: { code, message, field?, details? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Extra facts some errors carry, e.g. every problem of an invalid segment filter. */
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

let csrfToken: string | null = null;

/** Every write made with the session cookie must carry the token from /auth/login or /auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onSessionEnded: (() => void) | null = null;

/**
 * Called on any 401 but a refused sign-in: the session cookie is gone, expired, or its user
 * disabled, so no request will succeed until the person signs in again.
 */
export function setSessionEndedHandler(handler: (() => void) | null): void {
  onSessionEnded = handler;
}

const sessionEndKeepers = new Set<() => void>();

/**
 * Runs `keep` when the session ends, before the sign-in page takes the place of the page: a form can
 * put aside what was typed and offer it again once the person has signed in at the same address.
 * Returns the function that stops it (a page calls it when it goes away).
 */
export function keepOnSessionEnd(keep: () => void): () => void {
  sessionEndKeepers.add(keep);
  return () => { sessionEndKeepers.delete(keep); };
}

function endSession(): void {
  for (const keep of sessionEndKeepers) {
    // a draft that cannot be put aside (storage full or refused) must not keep the sign-in page away
    try { keep(); } catch { /* nothing more can be kept */ }
  }
  onSessionEnded?.();
}

const signInPath = '/api/auth/login';

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(key, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && path !== signInPath) endSession();
    const error = (data as { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? response.statusText, error?.field, error?.details);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, signal),
  /** A GET the server audits as an act of the signed-in person (the subject access export): it carries the CSRF token, as a write does. */
  getAudited: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal, csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  post: <T>(path: string, body: unknown = {}, signal?: AbortSignal, headers?: Record<string, string>) => request<T>('POST', path, body, signal, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<null>('DELETE', path),
};
