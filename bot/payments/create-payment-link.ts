import { randomBytes } from 'node:crypto';
import { buildPixCode } from '../../core/pix/brcode';
import type { OutboundMessage } from '../../core/messaging/types';
import type { Tx } from '../db/tenant-db';
import type { SecretBox } from '../security/crypto';
import { audit } from '../pipeline/audit';
import { paymentMessages } from './messages';
import type { PaymentOptions } from './options';
import { loadPaymentAccount, providerSchema, type PaymentAccount, type Provider } from './payment-accounts';
import { asaasClient } from './providers/asaas';
import { ProviderError, type FetchLike } from './providers/http';
import { mercadopagoClient } from './providers/mercadopago';
import { stripeClient } from './providers/stripe';
import type { ChargeInput, CreatedCharge } from './providers/types';

export interface PaymentLinkDeps {
  readonly secrets: SecretBox;
  readonly options: PaymentOptions;
  readonly now?: () => Date;
  readonly fetch?: FetchLike;
}

export interface PaymentLinkInput {
  readonly tenant: { id: string; slug: string; name: string; city: string; pixKey: string | null; paymentProvider: string };
  readonly order: { id: string; number: number; customerId: string };
  readonly amountCents: number;
  readonly quoteId?: string | null;
  /** CPF/CNPJ when the shop has it (Asaas requires one on the charge's customer). */
  readonly payerDocument?: string | null;
}

export type PaymentLinkResult =
  | {
      readonly ok: true;
      readonly paymentId: string;
      readonly provider: Provider | 'pix_static';
      readonly txid: string;
      readonly created: boolean;
      /** The reply to store as the outbound message (text + copy-and-paste code or link). */
      readonly reply: OutboundMessage;
    }
  | { readonly ok: false; readonly code: 'INVALID_AMOUNT' | 'NOT_CONFIGURED' | 'PROVIDER_UNAVAILABLE' | 'PROVIDER_REJECTED' };

const newTxid = (orderNumber: number) => `OS${orderNumber}${randomBytes(6).toString('hex').toUpperCase()}`;

export const webhookUrl = (o: PaymentOptions, provider: Provider, slug: string) =>
  `${o.publicUrl.replace(/\/$/, '')}/webhooks/payments/${provider}/${encodeURIComponent(slug)}`;

const replyFor = (amountCents: number, p: { pixCode: string | null; linkUrl: string | null }, dynamic: boolean): OutboundMessage => {
  if (p.pixCode) {
    return { text: dynamic ? paymentMessages.pixDynamicReply(amountCents) : paymentMessages.pixStaticReply(amountCents), copyText: p.pixCode };
  }
  const url = p.linkUrl ?? '';
  return { text: paymentMessages.linkReply(amountCents, url), link: { url, title: 'Pagar' } };
};

const chargeWith = (account: PaymentAccount, deps: PaymentLinkDeps, input: ChargeInput): Promise<CreatedCharge> => {
  const o = deps.options;
  const base = { timeoutMs: o.timeoutMs, fetch: deps.fetch };
  if (account.provider === 'mercadopago') {
    return mercadopagoClient((account as PaymentAccount<'mercadopago'>).secrets, { ...base, baseUrl: o.mercadopagoBaseUrl }).createCharge(input);
  }
  if (account.provider === 'asaas') {
    return asaasClient((account as PaymentAccount<'asaas'>).secrets, {
      ...base,
      baseUrl: o.asaasBaseUrl,
      dueDays: account.settings.dueDays ?? 1,
      today: deps.now ?? (() => new Date()),
    }).createCharge(input);
  }
  return stripeClient((account as PaymentAccount<'stripe'>).secrets, { ...base, baseUrl: o.stripeBaseUrl, pix: account.settings.stripePix ?? false }).createCharge(
    input,
  );
};

/** The shop's static Pix code: free, but nobody tells us it was paid (staff confirm by hand). */
const staticPix = async (tx: Tx, input: PaymentLinkInput): Promise<PaymentLinkResult> => {
  const { tenant, order, amountCents } = input;
  if (!tenant.pixKey) return { ok: false, code: 'NOT_CONFIGURED' };
  const existing = await tx.payment.findFirst({ where: { orderId: order.id, status: 'pending', amountCents, provider: 'pix_static' } });
  const txid = existing?.txid ?? newTxid(order.number).slice(0, 25);
  const built = buildPixCode({ key: tenant.pixKey, amountCents, merchantName: tenant.name, merchantCity: tenant.city, txid });
  if (!built.ok) return { ok: false, code: 'NOT_CONFIGURED' };
  const payment =
    existing ??
    (await tx.payment.create({
      data: { tenantId: tenant.id, orderId: order.id, quoteId: input.quoteId ?? null, provider: 'pix_static', txid, amountCents, pixCode: built.brcode },
    }));
  if (!existing) {
    await audit(tx, tenant.id, { type: 'system' }, 'payment.requested', 'service_order', order.id, { after: { amountCents, provider: 'pix_static' } });
  }
  return { ok: true, paymentId: payment.id, provider: 'pix_static', txid, created: !existing, reply: replyFor(amountCents, { pixCode: built.brcode, linkUrl: null }, false) };
};

/**
 * Creates (or reuses) the payment for an order's amount with the tenant's provider:
 * Mercado Pago Checkout Pro link, Asaas dynamic Pix, Stripe Checkout link, or the
 * shop's static Pix code. A pending payment of the same provider and amount is reused,
 * so a retried effect never charges twice. Runs in the caller's tenant transaction.
 */
export const createPaymentLink = async (tx: Tx, input: PaymentLinkInput, deps: PaymentLinkDeps): Promise<PaymentLinkResult> => {
  const { tenant, order, amountCents } = input;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return { ok: false, code: 'INVALID_AMOUNT' };
  const wanted = providerSchema.safeParse(tenant.paymentProvider);
  const account = wanted.success ? await loadPaymentAccount(tx, deps.secrets, wanted.data) : null;
  if (!account) return staticPix(tx, input); // pix_static, or a provider not (yet) configured

  const existing = await tx.payment.findFirst({
    where: { orderId: order.id, status: 'pending', amountCents, provider: account.provider, providerRef: { not: null } },
    orderBy: { createdAt: 'desc' },
  });
  if (existing) {
    return {
      ok: true,
      paymentId: existing.id,
      provider: account.provider,
      txid: existing.txid,
      created: false,
      reply: replyFor(amountCents, existing, true),
    };
  }
  const customer = await tx.customer.findUnique({ where: { id: order.customerId } });
  const txid = newTxid(order.number);
  let charge: CreatedCharge;
  try {
    charge = await chargeWith(account, deps, {
      txid,
      amountCents,
      description: `OS ${order.number} - ${tenant.name}`.slice(0, 120),
      notificationUrl: webhookUrl(deps.options, account.provider, tenant.slug),
      returnUrl: `${deps.options.publicUrl.replace(/\/$/, '')}/chat/${encodeURIComponent(tenant.slug)}`,
      payer: {
        externalId: order.customerId,
        name: customer?.name ?? 'Cliente',
        phoneE164: customer?.phoneE164 ?? null,
        email: customer?.email ?? null,
        cpfCnpj: input.payerDocument ?? null,
      },
    });
  } catch (err) {
    if (err instanceof ProviderError) return { ok: false, code: err.status !== null && err.status < 500 ? 'PROVIDER_REJECTED' : 'PROVIDER_UNAVAILABLE' };
    throw err;
  }
  const payment = await tx.payment.create({
    data: {
      tenantId: tenant.id,
      orderId: order.id,
      quoteId: input.quoteId ?? null,
      provider: account.provider,
      providerRef: charge.providerRef,
      txid,
      amountCents,
      pixCode: charge.pixCode,
      linkUrl: charge.linkUrl,
    },
  });
  await audit(tx, tenant.id, { type: 'system' }, 'payment.requested', 'service_order', order.id, {
    after: { amountCents, provider: account.provider, paymentId: payment.id },
  });
  return { ok: true, paymentId: payment.id, provider: account.provider, txid, created: true, reply: replyFor(amountCents, charge, true) };
};
