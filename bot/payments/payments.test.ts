import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChannels } from '../channels/registry';
import type { Platform } from '../platform';
import { createTestPlatform, seedShop, settle, waitFor, type TestShop } from '../test-support/platform';
import { mercadopagoWebhook, startFakeMercadopago, type FakeMercadopago } from '../test-support/fakes/fake-mercadopago';
import { asaasWebhook, startFakeAsaas, type FakeAsaas } from '../test-support/fakes/fake-asaas';
import { startFakeStripe, stripeEvent, type FakeStripe } from '../test-support/fakes/fake-stripe';
import { createPaymentLink } from './create-payment-link';
import { confirmPaymentManually } from './confirm-payment';
import { paymentsModule } from './module';
import { parsePaymentOptions, type PaymentOptions } from './options';
import { savePaymentAccount, type Provider, type ProviderSecrets } from './payment-accounts';

const MP = { accessToken: 'APP_USR-test-token', webhookSecret: 'mp-webhook-secret-123' };
const ASAAS = { apiKey: '$aact_test_key_123', webhookToken: 'asaas-webhook-token-0123456789abcdef' };
const STRIPE = { secretKey: 'sk_test_123456789', webhookSecret: 'whsec_test_secret_1234' };

let p: Platform;
let mp: FakeMercadopago;
let asaas: FakeAsaas;
let stripe: FakeStripe;
let options: PaymentOptions;

beforeAll(async () => {
  [mp, asaas, stripe] = await Promise.all([startFakeMercadopago(MP.accessToken), startFakeAsaas(ASAAS.apiKey), startFakeStripe(STRIPE.secretKey)]);
  const urls = { mercadopagoBaseUrl: mp.url, asaasBaseUrl: asaas.url, stripeBaseUrl: stripe.url, publicUrl: 'https://motogestor.example.com' };
  options = parsePaymentOptions(urls);
  p = await createTestPlatform({ platform: { channels: [...defaultChannels(), paymentsModule(urls)] } });
  await p.startWorkers();
});
afterAll(async () => {
  await p?.close();
  await Promise.all([mp?.close(), asaas?.close(), stripe?.close()]);
});

interface Seeded {
  shop: TestShop;
  orderId: string;
  orderNumber: number;
  conversationId: string;
}

/** A shop using `provider`, with a customer on the web chat and an approved order. */
const seedOrder = async <P extends Provider>(provider: P | 'pix_static', secrets?: ProviderSecrets<P>): Promise<Seeded> => {
  const shop = await seedShop(p);
  return p.tdb.withTenant(shop.tenantId, async (tx) => {
    await tx.tenant.update({ where: { id: shop.tenantId }, data: { paymentProvider: provider, pixKey: 'oficina@example.com' } });
    if (provider !== 'pix_static') await savePaymentAccount(tx, p.secrets, { tenantId: shop.tenantId, provider, secrets: secrets! });
    const customer = await tx.customer.create({ data: { tenantId: shop.tenantId, name: 'Carlos Souza', phoneE164: '+5511987651234' } });
    const conv = await tx.conversation.create({
      data: { tenantId: shop.tenantId, customerId: customer.id, channelAccountId: shop.channelAccountId, channel: 'webchat', replyTo: randomUUID().replace(/-/g, '') },
    });
    const orderNumber = 9000 + Math.floor(Math.random() * 1000);
    const order = await tx.serviceOrder.create({
      data: { tenantId: shop.tenantId, number: orderNumber, customerId: customer.id, conversationId: conv.id, status: 'aprovada' },
    });
    return { shop, orderId: order.id, orderNumber, conversationId: conv.id };
  });
};

const link = (s: Seeded, amountCents: number) =>
  p.tdb.withTenant(s.shop.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: s.shop.tenantId } });
    const order = await tx.serviceOrder.findUniqueOrThrow({ where: { id: s.orderId } });
    return createPaymentLink(tx, { tenant, order, amountCents }, { secrets: p.secrets, options });
  });

const stateOf = (s: Seeded) =>
  p.tdb.withTenant(s.shop.tenantId, async (tx) => ({
    payments: await tx.payment.findMany({ where: { orderId: s.orderId } }),
    order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: s.orderId } }),
    told: await tx.message.findMany({ where: { conversationId: s.conversationId, direction: 'out', text: { startsWith: 'Pagamento recebido!' } } }),
    staff: await tx.notification.findMany({ where: { orderId: s.orderId, kind: 'payment_received' } }),
    audits: await tx.auditLog.findMany({ where: { action: 'payment.paid' } }),
    events: await tx.paymentEvent.count(),
  }));

const expectPaidOnce = async (s: Seeded, amountCents: number) => {
  const st = await waitFor(() => stateOf(s), (x) => x.told.length === 1 && x.told[0]!.status === 'sent');
  await settle(200);
  const after = await stateOf(s);
  expect(after.payments).toHaveLength(1);
  expect(after.payments[0]).toMatchObject({ status: 'paid', amountCents });
  expect(after.order.paidAt).not.toBeNull();
  expect(after.told).toHaveLength(1);
  expect(after.told[0]!.text).toContain(`OS ${s.orderNumber}`);
  expect(after.staff).toHaveLength(1);
  expect(after.audits).toHaveLength(1);
  return st;
};

const expectUnpaid = async (s: Seeded) => {
  await settle(100);
  const st = await stateOf(s);
  expect(st.payments.every((x) => x.status === 'pending')).toBe(true);
  expect(st.order.paidAt).toBeNull();
  expect(st.told).toHaveLength(0);
  expect(st.staff).toHaveLength(0);
};

describe('Mercado Pago', () => {
  const postWebhook = (s: Seeded, hook: ReturnType<typeof mercadopagoWebhook>) =>
    request(p.app).post(`/webhooks/payments/mercadopago/${s.shop.slug}${hook.query}`).set(hook.headers).send(hook.body);

  it('creates a Checkout Pro preference in reais and a signed, API-confirmed notification pays once', async () => {
    const s = await seedOrder('mercadopago', MP);
    const res = await link(s, 12990);
    expect(res).toMatchObject({ ok: true, provider: 'mercadopago', created: true });
    if (!res.ok) throw new Error('no link');
    expect(res.reply.link?.url).toMatch(/^https:\/\/www\.mercadopago\.com\.br\/checkout/);
    expect(res.reply.text).toContain('R$ 129,90');
    const call = mp.requests.find((r) => r.path === '/checkout/preferences' && (r.body as { external_reference: string }).external_reference === res.txid)!;
    expect(call.authorization).toBe(`Bearer ${MP.accessToken}`);
    expect(call.body).toMatchObject({
      items: [{ quantity: 1, currency_id: 'BRL', unit_price: 129.9 }],
      notification_url: `https://motogestor.example.com/webhooks/payments/mercadopago/${s.shop.slug}`,
    });
    // The same request again reuses the pending payment: no second preference.
    expect(await link(s, 12990)).toMatchObject({ ok: true, paymentId: res.paymentId, created: false });

    const mpId = String(Math.floor(Math.random() * 1e10));
    mp.setPayment({ id: mpId, status: 'approved', external_reference: res.txid, transaction_amount: 129.9 });
    const hook = mercadopagoWebhook(MP.webhookSecret, mpId);
    expect((await postWebhook(s, hook)).status).toBe(200);
    expect((await postWebhook(s, hook)).body).toEqual({ status: 'duplicate' }); // redelivery
    await expectPaidOnce(s, 12990);

    // Out of order: a late notification whose API state reads "pending" changes nothing.
    mp.setPayment({ id: mpId, status: 'pending', external_reference: res.txid, transaction_amount: 129.9 });
    expect((await postWebhook(s, mercadopagoWebhook(MP.webhookSecret, mpId))).status).toBe(200);
    await expectPaidOnce(s, 12990);
  });

  it('rejects a wrongly signed notification with 401 and changes nothing; unknown shop 404; malformed 400', async () => {
    const s = await seedOrder('mercadopago', MP);
    const res = await link(s, 5000);
    if (!res.ok) throw new Error('no link');
    const mpId = String(Math.floor(Math.random() * 1e10));
    mp.setPayment({ id: mpId, status: 'approved', external_reference: res.txid, transaction_amount: 50 });
    const forged = mercadopagoWebhook('not-the-secret', mpId);
    expect((await postWebhook(s, forged)).status).toBe(401);
    const tampered = mercadopagoWebhook(MP.webhookSecret, '999');
    expect((await postWebhook(s, { ...tampered, query: `?data.id=${mpId}&type=payment` })).status).toBe(401);
    const noSig = await request(p.app).post(`/webhooks/payments/mercadopago/${s.shop.slug}?data.id=${mpId}&type=payment`).send({});
    expect(noSig.status).toBe(401);
    const unknown = await request(p.app).post(`/webhooks/payments/mercadopago/nao-existe-${randomUUID().slice(0, 6)}`).send({});
    expect(unknown.status).toBe(404);
    const bad = await request(p.app).post(`/webhooks/payments/mercadopago/${s.shop.slug}`).set('content-type', 'application/json').send('{not json');
    expect(bad.status).toBe(400);
    await expectUnpaid(s);
  });
});

describe('Asaas', () => {
  const post = (s: Seeded, body: unknown, token = ASAAS.webhookToken) =>
    request(p.app).post(`/webhooks/payments/asaas/${s.shop.slug}`).set('asaas-access-token', token).send(body as object);

  it('creates a PIX charge in reais with its copia-e-cola; PAYMENT_RECEIVED pays once, in any order', async () => {
    const s = await seedOrder('asaas', ASAAS);
    const res = await link(s, 8750);
    if (!res.ok) throw new Error(`no link ${JSON.stringify(res)}`);
    expect(res.reply.copyText).toMatch(/^000201.*br\.gov\.bcb\.pix/);
    const charge = asaas.requests.find((r) => r.path === '/v3/payments' && (r.body as { externalReference: string }).externalReference === res.txid)!;
    expect(charge.accessToken).toBe(ASAAS.apiKey);
    expect(charge.body).toMatchObject({ billingType: 'PIX', value: 87.5 });
    const payment = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.payment.findUniqueOrThrow({ where: { id: res.paymentId } }));
    const ref = { id: payment.providerRef!, value: 87.5, externalReference: res.txid };

    const received = asaasWebhook('PAYMENT_RECEIVED', ref);
    expect((await post(s, received)).status).toBe(200);
    expect((await post(s, received)).body).toEqual({ status: 'duplicate' });
    expect((await post(s, asaasWebhook('PAYMENT_CONFIRMED', ref))).body).toEqual({ status: 'already_paid' });
    expect((await post(s, asaasWebhook('PAYMENT_CREATED', ref))).status).toBe(200); // late, out of order
    await expectPaidOnce(s, 8750);
  });

  it('answers 401 to a wrong token and 400 to a malformed event, changing nothing', async () => {
    const s = await seedOrder('asaas', ASAAS);
    const res = await link(s, 1000);
    if (!res.ok) throw new Error('no link');
    const payment = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.payment.findUniqueOrThrow({ where: { id: res.paymentId } }));
    const body = asaasWebhook('PAYMENT_RECEIVED', { id: payment.providerRef!, value: 10 });
    expect((await post(s, body, 'wrong-token-0123456789abcdef0123456789')).status).toBe(401);
    expect((await request(p.app).post(`/webhooks/payments/asaas/${s.shop.slug}`).send(body)).status).toBe(401);
    expect((await post(s, { event: 'PAYMENT_RECEIVED' })).status).toBe(400);
    await expectUnpaid(s);
  });
});

describe('Stripe', () => {
  const post = (s: Seeded, e: { body: string; signature: string }) =>
    request(p.app)
      .post(`/webhooks/payments/stripe/${s.shop.slug}`)
      .set('content-type', 'application/json')
      .set('stripe-signature', e.signature)
      .send(e.body);

  it('creates a Checkout Session in centavos, form-encoded; a signed completed event pays once', async () => {
    const s = await seedOrder('stripe', STRIPE);
    const res = await link(s, 45990);
    if (!res.ok) throw new Error('no link');
    expect(res.reply.link?.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const call = stripe.requests.find((r) => r.form.client_reference_id === res.txid)!;
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(call.authorization).toBe(`Bearer ${STRIPE.secretKey}`);
    expect(call.form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'brl',
      'line_items[0][price_data][unit_amount]': '45990',
      'line_items[0][quantity]': '1',
    });
    const payment = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.payment.findUniqueOrThrow({ where: { id: res.paymentId } }));
    const session = { id: payment.providerRef!, client_reference_id: res.txid, payment_status: 'paid', amount_total: 45990 };
    const completed = stripeEvent(STRIPE.webhookSecret, 'checkout.session.completed', session);
    expect((await post(s, completed)).body).toEqual({ status: 'paid' });
    expect((await post(s, completed)).body).toEqual({ status: 'duplicate' });
    const late = stripeEvent(STRIPE.webhookSecret, 'checkout.session.expired', { ...session, payment_status: 'unpaid' });
    expect((await post(s, late)).status).toBe(200);
    await expectPaidOnce(s, 45990);
  });

  it('refuses a wrong signature and a timestamp older than 300 s with 401', async () => {
    const s = await seedOrder('stripe', STRIPE);
    const res = await link(s, 2000);
    if (!res.ok) throw new Error('no link');
    const session = { id: 'cs_x', client_reference_id: res.txid, payment_status: 'paid', amount_total: 2000 };
    expect((await post(s, stripeEvent('whsec_wrong_secret_0000', 'checkout.session.completed', session))).status).toBe(401);
    const stale = stripeEvent(STRIPE.webhookSecret, 'checkout.session.completed', session, { t: Math.floor(Date.now() / 1000) - 301 });
    expect((await post(s, stale)).status).toBe(401);
    const good = stripeEvent(STRIPE.webhookSecret, 'checkout.session.completed', session);
    expect((await post(s, { body: good.body.replace('2000', '1'), signature: good.signature })).status).toBe(401); // body tampered
    await expectUnpaid(s);
  });
});

describe('static Pix with manual confirmation', () => {
  it('creates the shop Pix code and a staff confirmation pays once, however often it is repeated', async () => {
    const s = await seedOrder('pix_static');
    const res = await link(s, 15000);
    if (!res.ok) throw new Error('no link');
    expect(res.provider).toBe('pix_static');
    expect(res.reply.copyText).toMatch(/^000201.*br\.gov\.bcb\.pix.*6304[0-9A-F]{4}$/);
    const userId = randomUUID();
    const deps = { queues: p.queues };
    const [a, b] = await Promise.all([
      confirmPaymentManually(p.tdb, { tenantId: s.shop.tenantId, orderId: s.orderId, userId }, deps),
      confirmPaymentManually(p.tdb, { tenantId: s.shop.tenantId, paymentId: res.paymentId, userId }, deps),
    ]);
    expect([a, b].map((r) => (r.ok ? r.status : r.code)).sort()).toEqual(['already_paid', 'paid']);
    expect(await confirmPaymentManually(p.tdb, { tenantId: s.shop.tenantId, orderId: s.orderId, userId }, deps)).toMatchObject({ ok: true, status: 'already_paid' });
    await expectPaidOnce(s, 15000);
  });

  it('says PAYMENT_NOT_FOUND for an order without a payment', async () => {
    const s = await seedOrder('pix_static');
    expect(await confirmPaymentManually(p.tdb, { tenantId: s.shop.tenantId, orderId: s.orderId, userId: randomUUID() }, { queues: p.queues })).toEqual({
      ok: false,
      code: 'PAYMENT_NOT_FOUND',
    });
  });
});
