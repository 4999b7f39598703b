import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { TenantDb } from '../db/tenant-db';
import { HttpError } from '../http/errors';
import type { QueueSystem } from '../queue/types';
import type { StaffNotifier } from '../pipeline/run-effect';
import type { SecretBox } from '../security/crypto';
import { applyPaymentEvent, publishPaymentOutcome, type PaymentEventInput, type PaymentEventOutcome } from './confirm-payment';
import { paymentMessages } from './messages';
import type { PaymentOptions } from './options';
import { loadPaymentAccount, type PaymentAccount, type Provider } from './payment-accounts';
import { ProviderError, reaisToCents, type FetchLike } from './providers/http';
import { mercadopagoClient } from './providers/mercadopago';
import { safeEqual, verifyMercadopago, verifyStripe } from './signatures';

export interface PaymentWebhookDeps {
  readonly tdb: TenantDb;
  readonly secrets: SecretBox;
  readonly queues: QueueSystem;
  readonly logger: Logger;
  readonly options: PaymentOptions;
  readonly now: () => Date;
  readonly notifiers?: readonly StaffNotifier[];
  readonly fetch?: FetchLike;
}

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);
const E = paymentMessages.errors;

const asaasEvent = z.object({
  id: z.string().min(1).max(200),
  event: z.string().min(1).max(100),
  payment: z.object({ id: z.string().min(1).max(100), value: z.number().nullish(), externalReference: z.string().nullish() }).passthrough(),
});
const ASAAS_PAID = new Set(['PAYMENT_RECEIVED', 'PAYMENT_CONFIRMED']);

const stripeEvent = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  data: z.object({
    object: z
      .object({
        id: z.string().min(1).max(200),
        object: z.string().optional(),
        client_reference_id: z.string().nullish(),
        payment_status: z.string().nullish(),
        amount_total: z.number().int().nullish(),
        currency: z.string().nullish(),
      })
      .passthrough(),
  }),
});

const mpBody = z
  .object({ type: z.string().optional(), action: z.string().optional(), data: z.object({ id: z.union([z.string(), z.number()]) }).partial().optional() })
  .passthrough();

const oneHeader = (req: Request, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
};
const queryString = (req: Request, name: string): string | undefined => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
};

/** Webhooks of the payment providers; the tenant comes from the URL, the proof from the provider's signature. */
export const paymentWebhookRoutes = (deps: PaymentWebhookDeps): Router => {
  const r = Router();

  const tenantAccount = async <P extends Provider>(slugRaw: string | undefined, provider: P) => {
    const slug = slugSchema.safeParse(slugRaw);
    const tenant = slug.success ? await deps.tdb.lookup.tenantBySlug(slug.data) : null;
    if (!tenant) throw new HttpError(404, 'UNKNOWN_TENANT', E.UNKNOWN_TENANT);
    const account = await deps.tdb.withTenant(tenant.tenantId, (tx) => loadPaymentAccount(tx, deps.secrets, provider));
    if (!account) throw new HttpError(404, 'NOT_CONFIGURED', E.NOT_CONFIGURED);
    return { tenantId: tenant.tenantId, account: account as PaymentAccount<P> };
  };

  const apply = async (res: Response, tenantId: string, e: Omit<PaymentEventInput, 'tenantId' | 'actor' | 'now'>) => {
    const outcome: PaymentEventOutcome = await deps.tdb.withTenant(tenantId, (tx) =>
      applyPaymentEvent(tx, { ...e, tenantId, actor: { type: 'system', id: e.source }, now: deps.now() }),
    );
    if (outcome.status === 'not_found') throw new HttpError(404, 'PAYMENT_NOT_FOUND', E.PAYMENT_NOT_FOUND);
    await publishPaymentOutcome(deps, tenantId, outcome);
    deps.logger.info({ tenantId, provider: e.source, paymentId: outcome.paymentId, outcome: outcome.status }, 'payment notification');
    res.status(200).json({ status: outcome.status });
  };

  r.post('/webhooks/payments/mercadopago/:tenantSlug', async (req, res) => {
    const { tenantId, account } = await tenantAccount(req.params.tenantSlug, 'mercadopago');
    const body = mpBody.safeParse(req.body ?? {});
    const bodyId = body.success && body.data.data?.id != null ? String(body.data.data.id) : undefined;
    const dataId = queryString(req, 'data.id') ?? queryString(req, 'id') ?? bodyId;
    const ok = verifyMercadopago(account.secrets.webhookSecret, oneHeader(req, 'x-signature'), dataId, oneHeader(req, 'x-request-id'));
    if (!ok) throw new HttpError(401, 'BAD_SIGNATURE', E.BAD_SIGNATURE);
    if (!body.success || !dataId || !/^[A-Za-z0-9-]{1,64}$/.test(dataId)) throw new HttpError(400, 'MALFORMED', E.MALFORMED);
    const type = queryString(req, 'type') ?? queryString(req, 'topic') ?? body.data.type;
    if (type !== 'payment') {
      res.status(200).json({ status: 'ignored' });
      return;
    }
    let state;
    try {
      state = await mercadopagoClient(account.secrets, { baseUrl: deps.options.mercadopagoBaseUrl, timeoutMs: deps.options.timeoutMs, fetch: deps.fetch }).getPayment(
        dataId,
      );
    } catch (err) {
      if (err instanceof ProviderError || err instanceof z.ZodError) throw new HttpError(502, 'PROVIDER_UNAVAILABLE', E.PROVIDER_UNAVAILABLE);
      throw err;
    }
    if (!state.txid) {
      res.status(200).json({ status: 'ignored' });
      return;
    }
    await apply(res, tenantId, {
      source: 'mercadopago',
      eventId: `payment:${state.providerRef}:${state.status}`,
      payload: { dataId, status: state.status, externalReference: state.txid, amountCents: state.amountCents },
      ref: { txid: state.txid },
      paid: state.paid,
      paidAmountCents: state.amountCents,
    });
  });

  r.post('/webhooks/payments/asaas/:tenantSlug', async (req, res) => {
    const { tenantId, account } = await tenantAccount(req.params.tenantSlug, 'asaas');
    const token = oneHeader(req, 'asaas-access-token');
    if (!token || !safeEqual(token, account.secrets.webhookToken)) throw new HttpError(401, 'BAD_SIGNATURE', E.BAD_SIGNATURE);
    const parsed = asaasEvent.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'MALFORMED', E.MALFORMED);
    const ev = parsed.data;
    await apply(res, tenantId, {
      source: 'asaas',
      eventId: ev.id,
      payload: { event: ev.event, paymentId: ev.payment.id, value: ev.payment.value ?? null },
      ref: { provider: 'asaas', providerRef: ev.payment.id },
      paid: ASAAS_PAID.has(ev.event),
      paidAmountCents: ev.payment.value == null ? null : reaisToCents(ev.payment.value),
    });
  });

  r.post('/webhooks/payments/stripe/:tenantSlug', async (req, res) => {
    const { tenantId, account } = await tenantAccount(req.params.tenantSlug, 'stripe');
    const raw = (req as unknown as { rawBody?: Buffer }).rawBody;
    if (!raw) throw new HttpError(400, 'MALFORMED', E.MALFORMED);
    const verdict = verifyStripe(
      account.secrets.webhookSecret,
      oneHeader(req, 'stripe-signature'),
      raw,
      Math.floor(deps.now().getTime() / 1000),
      deps.options.stripeToleranceSeconds,
    );
    if (verdict !== 'ok') throw new HttpError(401, 'BAD_SIGNATURE', E.BAD_SIGNATURE);
    const parsed = stripeEvent.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'MALFORMED', E.MALFORMED);
    const ev = parsed.data;
    const s = ev.data.object;
    if (!ev.type.startsWith('checkout.session.')) {
      res.status(200).json({ status: 'ignored' });
      return;
    }
    const paid =
      (ev.type === 'checkout.session.completed' && s.payment_status === 'paid') || ev.type === 'checkout.session.async_payment_succeeded';
    await apply(res, tenantId, {
      source: 'stripe',
      eventId: ev.id,
      payload: { type: ev.type, sessionId: s.id, paymentStatus: s.payment_status ?? null, amountTotal: s.amount_total ?? null },
      ref: s.client_reference_id ? { txid: s.client_reference_id } : { provider: 'stripe', providerRef: s.id },
      paid: paid && (s.currency == null || s.currency === 'brl'),
      paidAmountCents: s.amount_total ?? null,
    });
  });

  return r;
};
