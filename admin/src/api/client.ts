import { m, PLAN_LABEL } from '../messages';

/** An error answered by the API: `{ code, message }` plus the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};
/** Called when a request is still 401 after one refresh: the app sends the user to login. */
export const setUnauthorizedHandler = (fn: UnauthorizedHandler) => {
  onUnauthorized = fn;
};

const readCookie = (name: string): string | null => {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Auth calls whose 401 means "no session", not "expired access token". */
const NO_REFRESH = new Set(['/auth/login', '/auth/refresh', '/auth/logout']);

export interface RequestOptions {
  readonly method?: string;
  readonly body?: unknown;
  readonly query?: Record<string, string | number | undefined | null>;
  /** Raw text body (CSV import). */
  readonly text?: string;
  readonly contentType?: string;
  /** Do not try refresh/redirect on 401 (login, me at boot). */
  readonly noRefresh?: boolean;
}

const buildUrl = (path: string, query?: RequestOptions['query']) => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
};

const send = (path: string, o: RequestOptions): Promise<Response> => {
  const method = o.method ?? (o.body !== undefined || o.text !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (UNSAFE.has(method)) {
    const csrf = readCookie('mg_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let body: BodyInit | undefined;
  if (o.text !== undefined) {
    body = o.text;
    headers['content-type'] = o.contentType ?? 'text/csv';
  } else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers['content-type'] = 'application/json';
  }
  return fetch(buildUrl(path, o.query), { method, headers, body, credentials: 'include' });
};

let refreshing: Promise<boolean> | null = null;
/** One refresh at a time, shared by every request that got a 401 meanwhile. */
export const refreshSession = (): Promise<boolean> => {
  refreshing ??= send('/auth/refresh', { method: 'POST' })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
};

const toError = async (res: Response): Promise<ApiError> => {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const b = (body ?? {}) as { code?: string; message?: string; plan?: string; requiredPlan?: string };
  const code = b.code ?? `HTTP_${res.status}`;
  let message = b.message ?? m.common.error;
  if (res.status === 403) {
    const plan = b.requiredPlan ?? b.plan;
    message = code === 'FEATURE_NOT_IN_PLAN' ? (b.message ?? m.common.notInPlan(PLAN_LABEL[plan ?? ''] ?? plan ?? 'Pro')) : (b.message ?? m.common.forbidden);
  } else if (res.status === 409) message = b.message ?? m.common.conflict;
  else if (res.status === 404) message = b.message ?? m.common.notFound;
  else if (res.status === 429) message = b.message ?? m.common.tooMany;
  else if (res.status === 503 && code === 'SERVER_BUSY') message = b.message ?? m.common.busy; // our own "busy, try again"; no internals
  else if (res.status >= 500) message = m.common.error;
  return new ApiError(res.status, code, message, body);
};

/** Calls the API; on 401 refreshes once and retries, then gives up and sends the user to login. */
export const request = async <T = unknown>(path: string, o: RequestOptions = {}): Promise<T> => {
  let res: Response;
  try {
    res = await send(path, o);
    if (res.status === 401 && !o.noRefresh && !NO_REFRESH.has(path)) {
      if (await refreshSession()) res = await send(path, o);
      if (res.status === 401) onUnauthorized();
    }
  } catch {
    throw new ApiError(0, 'NETWORK', m.common.network);
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return { ok: true } as T; // never undefined: callers treat undefined as failure
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
};

export const api = {
  get: <T = unknown>(path: string, query?: RequestOptions['query']) => request<T>(path, { query }),
  post: <T = unknown>(path: string, body: unknown = {}) => request<T>(path, { method: 'POST', body }),
  put: <T = unknown>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T = unknown>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T = unknown>(path: string) => request<T>(path, { method: 'DELETE' }),
};

/** Saves a response as a file download (LGPD export, CSV). */
export const download = (filename: string, content: string, type: string) => {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
