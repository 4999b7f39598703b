import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { signStripe } from '../../payments/signatures';
import { readBody, sendJson as send } from './http';

/**
 * Stripe for tests: POST /v1/checkout/sessions, form-encoded with a bearer secret key
 * as Stripe's API takes it, answering a Checkout Session object; and helpers to build
 * events signed like Stripe (Stripe-Signature: t=…,v1=HMAC(`${t}.${body}`)).
 */
export interface FakeStripeRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly form: Record<string, string>;
}

export interface FakeStripe {
  readonly url: string;
  readonly requests: FakeStripeRequest[];
  close(): Promise<void>;
}

export const startFakeStripe = async (secretKey: string): Promise<FakeStripe> => {
  const requests: FakeStripeRequest[] = [];
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    requests.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      form,
    });
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      return;
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const amount = Number(form['line_items[0][price_data][unit_amount]']);
      if (form.mode !== 'payment' || !Number.isInteger(amount) || !form.success_url) {
        send(res, 400, { error: { type: 'invalid_request_error', message: 'Missing required param' } });
        return;
      }
      const id = `cs_test_${randomBytes(12).toString('hex')}`;
      send(res, 200, {
        id,
        object: 'checkout.session',
        mode: 'payment',
        amount_total: amount * Number(form['line_items[0][quantity]'] ?? 1),
        currency: form['line_items[0][price_data][currency]'],
        client_reference_id: form.client_reference_id ?? null,
        payment_status: 'unpaid',
        status: 'open',
        url: `https://checkout.stripe.com/c/pay/${id}`,
      });
      return;
    }
    send(res, 404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
};

/** A Checkout Session event as Stripe delivers it, with its raw body and signature header. */
export const stripeEvent = (
  secret: string,
  type: string,
  session: { id: string; client_reference_id: string | null; payment_status: string; amount_total: number },
  opts: { t?: number; id?: string } = {},
) => {
  const body = JSON.stringify({
    id: opts.id ?? `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object: { ...session, object: 'checkout.session', currency: 'brl', mode: 'payment' } },
  });
  const t = opts.t ?? Math.floor(Date.now() / 1000);
  return { body, signature: signStripe(secret, body, t) };
};
