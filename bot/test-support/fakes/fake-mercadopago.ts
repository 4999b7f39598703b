import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { signMercadopago } from '../../payments/signatures';
import { readBody, sendJson as send } from './http';

/**
 * Mercado Pago for tests: Checkout Pro preferences and the Payments API in MP's
 * wire format (bearer token, amounts in reais), plus helpers to send webhooks
 * signed the way MP signs them (x-signature over id/request-id/ts).
 */
export interface FakeMpRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface FakeMpPayment {
  id: string;
  status: string;
  external_reference: string | null;
  transaction_amount: number;
}

export interface FakeMercadopago {
  readonly url: string;
  readonly requests: FakeMpRequest[];
  /** Sets (or replaces) what GET /v1/payments/:id answers. */
  setPayment(p: FakeMpPayment): void;
  close(): Promise<void>;
}

export const startFakeMercadopago = async (accessToken: string): Promise<FakeMercadopago> => {
  const requests: FakeMpRequest[] = [];
  const payments = new Map<string, FakeMpPayment>();
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const raw = await readBody(req);
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* keep raw */
    }
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      send(res, 401, { message: 'invalid access token', error: 'unauthorized', status: 401, cause: [] });
      return;
    }
    if (req.method === 'POST' && path === '/checkout/preferences') {
      const id = `123456789-${randomUUID()}`;
      send(res, 201, {
        id,
        init_point: `https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=${id}`,
        sandbox_init_point: `https://sandbox.mercadopago.com.br/checkout/v1/redirect?pref_id=${id}`,
        ...(body as object),
      });
      return;
    }
    const m = /^\/v1\/payments\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      const p = payments.get(decodeURIComponent(m[1]!));
      if (!p) send(res, 404, { message: 'Payment not found', error: 'not_found', status: 404, cause: [] });
      else send(res, 200, { ...p, id: Number(p.id), currency_id: 'BRL', date_created: new Date().toISOString() });
      return;
    }
    send(res, 404, { message: 'not found', status: 404 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setPayment: (p) => void payments.set(p.id, { ...p }),
    close: () => new Promise((r) => server.close(() => r())),
  };
};

/** Headers and query for a webhook as MP would send it for `dataId`, signed with `secret`. */
export const mercadopagoWebhook = (secret: string, dataId: string, opts: { ts?: number; requestId?: string } = {}) => {
  const requestId = opts.requestId ?? randomUUID();
  const ts = String(opts.ts ?? Date.now());
  return {
    query: `?data.id=${dataId}&type=payment`,
    headers: { 'x-signature': signMercadopago(secret, dataId, requestId, ts), 'x-request-id': requestId },
    body: { action: 'payment.updated', api_version: 'v1', data: { id: dataId }, date_created: new Date().toISOString(), id: Date.now(), live_mode: false, type: 'payment', user_id: '44444' },
  };
};
