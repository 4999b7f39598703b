import type { GraphMessageBody } from './to-outbound';

/** Where the Graph API lives; from configuration (a fake server in tests). */
export interface GraphOptions {
  readonly baseUrl: string;
  readonly version: string;
  readonly timeoutMs?: number;
}

export type GraphErrorKind = 'rate_limited' | 'reengagement' | 'permanent' | 'transient';

/** Throttling as Meta documents it: HTTP 429 or these error codes. Retrying later succeeds. */
export const RATE_LIMIT_CODES: readonly number[] = [4, 80007, 130429, 131048, 131056];
/** More than 24 h since the customer's last message: only a template may be sent. */
export const REENGAGEMENT_CODE = 131047;

export class GraphApiError extends Error {
  constructor(
    message: string,
    readonly kind: GraphErrorKind,
    readonly httpStatus: number,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

const url = (o: GraphOptions, path: string) => `${o.baseUrl.replace(/\/+$/, '')}/${o.version}/${path}`;

const classify = (httpStatus: number, code: number | undefined): GraphErrorKind => {
  if (httpStatus === 429 || (code !== undefined && RATE_LIMIT_CODES.includes(code))) return 'rate_limited';
  if (code === REENGAGEMENT_CODE) return 'reengagement';
  if (httpStatus >= 500) return 'transient';
  return 'permanent';
};

const graphError = async (res: Response): Promise<GraphApiError> => {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; code?: number; error_data?: { details?: string } } } | null;
  const code = typeof body?.error?.code === 'number' ? body.error.code : undefined;
  const detail = (body?.error?.error_data?.details ?? body?.error?.message ?? res.statusText).slice(0, 300);
  return new GraphApiError(`Graph ${res.status}${code !== undefined ? `/${code}` : ''}: ${detail}`, classify(res.status, code), res.status, code);
};

const call = async (o: GraphOptions, target: string, token: string, init: RequestInit = {}): Promise<Response> => {
  try {
    return await fetch(target, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new GraphApiError(`Graph inacessível: ${(err as Error).message}`, 'transient', 0);
  }
};

/** POST /{version}/{phone-number-id}/messages; returns the WhatsApp message id (wamid). */
export const sendGraphMessage = async (o: GraphOptions, phoneNumberId: string, token: string, body: GraphMessageBody): Promise<string> => {
  const res = await call(o, url(o, `${encodeURIComponent(phoneNumberId)}/messages`), token, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw await graphError(res);
  const json = (await res.json().catch(() => null)) as { messages?: { id?: string }[] } | null;
  const id = json?.messages?.[0]?.id;
  if (!id) throw new GraphApiError('Graph respondeu sem messages[0].id', 'transient', res.status);
  return id;
};

export interface FetchedMedia {
  readonly bytes: Buffer;
  readonly mimeType: string | null;
}

/**
 * Media download in two steps as documented: GET /{version}/{media-id} gives a short-lived
 * URL, then GET that URL with the same bearer token gives the bytes.
 */
export const fetchGraphMedia = async (o: GraphOptions, token: string, mediaId: string, maxBytes = 16 * 1024 * 1024): Promise<FetchedMedia> => {
  const meta = await call(o, url(o, encodeURIComponent(mediaId)), token);
  if (!meta.ok) throw await graphError(meta);
  const info = (await meta.json().catch(() => null)) as { url?: string; mime_type?: string; file_size?: number } | null;
  if (!info?.url || !/^https?:\/\//.test(info.url)) throw new GraphApiError('Graph respondeu sem URL de mídia', 'transient', meta.status);
  if (typeof info.file_size === 'number' && info.file_size > maxBytes) {
    throw new GraphApiError(`mídia grande demais (${info.file_size} bytes)`, 'permanent', meta.status);
  }
  const res = await call(o, info.url, token);
  if (!res.ok) throw await graphError(res);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > maxBytes) throw new GraphApiError(`mídia grande demais (${bytes.length} bytes)`, 'permanent', res.status);
  return { bytes, mimeType: info.mime_type ?? res.headers.get('content-type') };
};
