import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson as json } from './http';

/**
 * A small Graph API (WhatsApp Cloud) on 127.0.0.1 speaking Meta's documented format:
 * POST /{version}/{phone-number-id}/messages with a bearer token, GET /{version}/{media-id}
 * then the returned URL for the bytes, Graph error bodies for throttling and the 24-hour
 * window, and signed webhooks (X-Hub-Signature-256) sent to a target URL.
 */
export interface SentMessage {
  readonly phoneNumberId: string;
  readonly id: string;
  readonly body: {
    readonly to: string;
    readonly type: string;
    readonly text?: { body: string };
    readonly interactive?: {
      type: string;
      body: { text: string };
      action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] };
    };
    readonly template?: { name: string; language: { code: string } };
  };
}

export type ScriptedFailure = 'rate_limit_429' | 'rate_limit_130429' | 'reengagement_131047' | 'server_error_500' | 'invalid_parameter_100';

const FAILURES: Record<ScriptedFailure, { status: number; code: number; message: string }> = {
  rate_limit_429: { status: 429, code: 80007, message: 'Rate limit issues' },
  rate_limit_130429: { status: 400, code: 130429, message: 'Rate limit hit' },
  reengagement_131047: { status: 400, code: 131047, message: 'Re-engagement message' },
  server_error_500: { status: 500, code: 1, message: 'An unknown error occurred' },
  invalid_parameter_100: { status: 400, code: 100, message: 'Invalid parameter' },
};

export interface FakeGraph {
  readonly url: string;
  readonly version: string;
  readonly sent: SentMessage[];
  /** Requests answered with a scripted failure, in order. */
  readonly rejected: { readonly phoneNumberId: string; readonly failure: ScriptedFailure }[];
  /** The next `times` sends (only those `match` accepts, when given) fail this way. */
  failNext(failure: ScriptedFailure, times?: number, match?: (body: SentMessage['body']) => boolean): void;
  addMedia(id: string, bytes: Buffer, mimeType: string): void;
  /** POSTs `body` to `target` signed with the app secret (or with `signature` as given). */
  webhook(target: string, body: unknown, opts?: { signature?: string | null; raw?: string }): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface CustomerMessage {
  readonly phoneNumberId: string;
  readonly from: string;
  readonly name?: string;
  readonly id?: string;
  /** The message object without from/id/timestamp, e.g. { type: 'text', text: { body: 'oi' } }. */
  readonly message: Record<string, unknown>;
  readonly timestamp?: Date;
}

const envelope = (phoneNumberId: string, value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }],
    },
  ],
});

export const wamid = () => `wamid.${randomBytes(24).toString('base64url')}`;

/** A messages webhook carrying one customer message, as Meta sends it. */
export const customerMessageWebhook = (m: CustomerMessage) =>
  envelope(m.phoneNumberId, {
    contacts: [{ profile: { name: m.name ?? 'Cliente' }, wa_id: m.from }],
    messages: [{ from: m.from, id: m.id ?? wamid(), timestamp: String(Math.floor((m.timestamp ?? new Date()).getTime() / 1000)), ...m.message }],
  });

/** A messages webhook carrying delivery receipts. */
export const statusWebhook = (
  phoneNumberId: string,
  statuses: { id: string; status: 'sent' | 'delivered' | 'read' | 'failed'; recipientId: string; errors?: { code: number; title: string; details?: string }[] }[],
) =>
  envelope(phoneNumberId, {
    statuses: statuses.map((s) => ({
      id: s.id,
      status: s.status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: s.recipientId,
      ...(s.errors ? { errors: s.errors.map((e) => ({ code: e.code, title: e.title, message: e.title, error_data: { details: e.details ?? e.title } })) } : {}),
    })),
  });

const graphError = (res: ServerResponse, status: number, code: number, message: string) =>
  json(res, status, { error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: message }, fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam' } });

export const createFakeGraph = async (opts: { tokens: string[]; appSecret: string; version?: string }): Promise<FakeGraph> => {
  const version = opts.version ?? 'v21.0';
  const sent: SentMessage[] = [];
  const rejected: { phoneNumberId: string; failure: ScriptedFailure }[] = [];
  const failures: { failure: ScriptedFailure; match?: (body: SentMessage['body']) => boolean }[] = [];
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  let base = '';

  const server = createServer((req, res) => {
    void (async () => {
      const auth = req.headers.authorization ?? '';
      if (!opts.tokens.some((t) => auth === `Bearer ${t}`)) return graphError(res, 401, 190, 'Invalid OAuth access token.');
      const path = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
      if (path[0] === 'media-bytes' && path[1] && req.method === 'GET') {
        const m = media.get(path[1]);
        if (!m) return graphError(res, 404, 100, 'Unsupported get request.');
        res.writeHead(200, { 'content-type': m.mimeType, 'content-length': m.bytes.length });
        return res.end(m.bytes);
      }
      if (path[0] !== version) return graphError(res, 400, 2500, 'Unknown path components');
      if (req.method === 'POST' && path.length === 3 && path[2] === 'messages') {
        const body = JSON.parse(await readBody(req)) as SentMessage['body'] & { messaging_product?: string };
        if (body.messaging_product !== 'whatsapp' || !body.to || !body.type) return graphError(res, 400, 100, 'Invalid parameter');
        const scripted = failures.findIndex((f) => !f.match || f.match(body));
        const failure = scripted >= 0 ? failures.splice(scripted, 1)[0]!.failure : undefined;
        if (failure) {
          rejected.push({ phoneNumberId: path[1]!, failure });
          const f = FAILURES[failure];
          return graphError(res, f.status, f.code, f.message);
        }
        const id = wamid();
        sent.push({ phoneNumberId: path[1]!, id, body });
        return json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
      }
      if (req.method === 'GET' && path.length === 2) {
        const m = media.get(path[1]!);
        if (!m) return graphError(res, 404, 100, 'Unsupported get request.');
        return json(res, 200, { messaging_product: 'whatsapp', url: `${base}/media-bytes/${path[1]}`, mime_type: m.mimeType, sha256: 'x', file_size: m.bytes.length, id: path[1] });
      }
      return graphError(res, 400, 100, 'Unsupported request');
    })().catch(() => graphError(res, 500, 1, 'An unknown error occurred'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    version,
    sent,
    rejected,
    failNext: (failure, times = 1, match) => {
      for (let i = 0; i < times; i++) failures.push({ failure, match });
    },
    addMedia: (id, bytes, mimeType) => void media.set(id, { bytes, mimeType }),
    webhook: async (target, body, o = {}) => {
      const raw = o.raw ?? JSON.stringify(body);
      const signature = o.signature === undefined ? `sha256=${createHmac('sha256', opts.appSecret).update(raw).digest('hex')}` : o.signature;
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
        body: raw,
      });
      return { status: res.status, text: await res.text() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
