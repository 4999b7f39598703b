import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { createFakeGraph, customerMessageWebhook, statusWebhook, wamid, type FakeGraph } from '../test-support/fakes/fake-graph';
import { createTestPlatform, seedShop, settle, waitFor, type TestShop } from '../test-support/platform';
import { QUEUES, type SendJob } from '../pipeline/jobs';
import { safeJobId } from '../queue/types';
import { defaultChannels } from './registry';
import { whatsappCloudChannel } from './whatsapp-cloud';

const TOKEN = `EAAG${randomUUID().replace(/-/g, '')}`;
const APP_SECRET = `app-secret-${randomUUID()}`;
const VERIFY_TOKEN = 'motogestor-verify';

interface WaShop extends TestShop {
  readonly phoneNumberId: string;
  readonly waAccountId: string;
}

const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const newCustomerPhone = () => `55119${randomDigits(8)}`;

describe('WhatsApp Cloud channel', () => {
  let p: Platform;
  let fake: FakeGraph;
  let server: Server;
  let target: string;
  const module = () =>
    whatsappCloudChannel({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, graphUrl: fake.url, graphVersion: fake.version, timeoutMs: 3000 });
  let wa: ReturnType<typeof whatsappCloudChannel>;

  beforeAll(async () => {
    fake = await createFakeGraph({ tokens: [TOKEN], appSecret: APP_SECRET });
    wa = module();
    p = await createTestPlatform({ queue: 'in-process', platform: { channels: [...defaultChannels(), wa] } });
    await p.startWorkers();
    server = p.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await p?.close();
    await fake?.close();
  });

  const seedWaShop = async (settings: { templates?: { followUp?: string } } = {}): Promise<WaShop> => {
    const shop = await seedShop(p);
    const phoneNumberId = `10${randomDigits(13)}`;
    const account = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.channelAccount.create({
        data: { tenantId: shop.tenantId, kind: 'whatsapp_cloud', externalId: phoneNumberId, secretsEnc: p.secrets.seal({ accessToken: TOKEN }), settings },
      }),
    );
    return { ...shop, phoneNumberId, waAccountId: account.id };
  };

  const say = (shop: WaShop, from: string, message: Record<string, unknown>, extra: { id?: string; timestamp?: Date } = {}) =>
    fake.webhook(target, customerMessageWebhook({ phoneNumberId: shop.phoneNumberId, from, name: 'Carlos Souza', message, ...extra }));

  const sentTo = (phone: string) => fake.sent.filter((s) => s.body.to === phone);
  const textOf = (s: (typeof fake.sent)[number]) => s.body.text?.body ?? s.body.interactive?.body.text ?? '';

  const outbound = (shop: WaShop, phone: string) =>
    p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.message.findMany({ where: { direction: 'out', conversation: { replyTo: `+${phone}` } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    );
  const inboundCount = (shop: WaShop, channelMessageId: string) =>
    p.tdb.withTenant(shop.tenantId, (tx) => tx.message.count({ where: { direction: 'in', channelMessageId } }));

  it('holds the whole conversation: itemised quote as buttons, tapped Aprovar approves the order, receipts reach the row', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    expect((await say(shop, phone, { type: 'text', text: { body: 'oi, quanto fica a troca de óleo da minha titan 2019?' } })).status).toBe(200);
    await waitFor(async () => sentTo(phone), (s) => s.length >= 1);
    expect(textOf(sentTo(phone)[0]!)).toMatch(/km/i);

    expect((await say(shop, phone, { type: 'text', text: { body: 'uns 32 mil' } })).status).toBe(200);
    const quote = (await waitFor(async () => sentTo(phone).find((s) => /Orçamento da OS/.test(textOf(s))), Boolean))!;
    expect(quote.phoneNumberId).toBe(shop.phoneNumberId);
    expect(quote.body.type).toBe('interactive');
    expect(textOf(quote)).toMatch(/Óleo/);
    expect(textOf(quote)).toMatch(/Total: R\$ \d{1,3}(\.\d{3})*,\d{2}/);
    const buttons = quote.body.interactive!.action.buttons!.map((b) => b.reply);
    expect(buttons.map((b) => b.id)).toContain('approve');
    expect(buttons.length).toBeLessThanOrEqual(3);
    expect(buttons.every((b) => b.title.length <= 20)).toBe(true);

    const before = sentTo(phone).length;
    await say(shop, phone, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'approve', title: 'Aprovar' } } });
    await waitFor(async () => sentTo(phone).slice(before), (s) => s.some((m) => /Aprovado/.test(textOf(m))));
    const order = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.serviceOrder.findFirstOrThrow({ where: { customer: { phoneE164: `+${phone}` } }, include: { customer: true } }),
    );
    expect(order.status).toBe('aprovada');
    expect(order.customer.name).toBe('Carlos Souza');

    const row = await waitFor(
      async () => (await outbound(shop, phone)).find((m) => m.channelMessageId === quote.id),
      (m) => m?.status === 'sent',
    );
    const receipt = (status: 'delivered' | 'read') => fake.webhook(target, statusWebhook(shop.phoneNumberId, [{ id: quote.id, status, recipientId: phone }]));
    expect((await receipt('delivered')).status).toBe(200);
    expect((await outbound(shop, phone)).find((m) => m.id === row!.id)?.status).toBe('delivered');
    await receipt('read');
    await receipt('delivered'); // late and out of order: never moves a receipt back
    expect((await outbound(shop, phone)).find((m) => m.id === row!.id)?.status).toBe('read');
  });

  it('records a failed delivery with its error on the outbound row', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    await say(shop, phone, { type: 'text', text: { body: 'oi' } });
    const [row] = await waitFor(() => outbound(shop, phone), (m) => m.length >= 1 && m[0]!.status === 'sent');
    await fake.webhook(
      target,
      statusWebhook(shop.phoneNumberId, [{ id: row!.channelMessageId!, status: 'failed', recipientId: phone, errors: [{ code: 131026, title: 'Message undeliverable' }] }]),
    );
    const [after] = await outbound(shop, phone);
    expect(after).toMatchObject({ status: 'failed', error: expect.stringContaining('131026') });
  });

  /** Drives a customer to an approved quote, then asks for Pix; returns the Pix reply's row once it settles. */
  const pixConversation = async (shop: WaShop, phone: string, settled: (row: { status: string } | undefined) => boolean) => {
    await say(shop, phone, { type: 'text', text: { body: 'oi, quanto fica a troca de óleo da minha titan 2019?' } });
    await waitFor(async () => sentTo(phone), (s) => s.length >= 1);
    await say(shop, phone, { type: 'text', text: { body: 'uns 32 mil' } });
    await waitFor(async () => sentTo(phone), (s) => s.some((m) => /Orçamento da OS/.test(textOf(m))));
    await say(shop, phone, { type: 'text', text: { body: 'pode fazer' } });
    await waitFor(async () => sentTo(phone), (s) => s.some((m) => /Aprovado/.test(textOf(m))));
    await say(shop, phone, { type: 'text', text: { body: 'quero pagar no pix' } });
    const pixRow = async () => (await outbound(shop, phone)).find((m) => (m.payload as { copyText?: string } | null)?.copyText);
    return (await waitFor(pixRow, settled, 15_000))!;
  };
  const isPixCode = (phone: string) => (b: (typeof fake.sent)[number]['body']) => b.to === phone && b.type === 'text' && /^000201/.test(b.text?.body ?? '');
  const copyTextOf = (row: { payload: unknown }) => (row.payload as { copyText: string }).copyText;
  const pixTextOf = (row: { text: string | null }) => row.text!;

  it('a Pix reply whose code failed (500) resumes on retry: the text and the code each reach the customer once', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    fake.failNext('server_error_500', 1, isPixCode(phone));
    const rejectedBefore = fake.rejected.length;
    // While the code waits for its retry the row is 'failed' with its first part's id: a
    // receipt for that part must not stop the retry.
    const waiting = await pixConversation(shop, phone, (m) => m?.status === 'failed' || m?.status === 'sent');
    expect(waiting).toMatchObject({ status: 'failed', partsSent: 1, attempts: 1 });
    const firstPart = sentTo(phone).find((m) => textOf(m).startsWith(pixTextOf(waiting)))!;
    expect(waiting.channelMessageId).toBe(firstPart.id);
    await fake.webhook(target, statusWebhook(shop.phoneNumberId, [{ id: firstPart.id, status: 'delivered', recipientId: phone }]));

    const row = await waitFor(async () => (await outbound(shop, phone)).find((m) => m.id === waiting.id)!, (m) => m.status === 'sent', 15_000);
    expect(fake.rejected.length).toBe(rejectedBefore + 1);
    expect(sentTo(phone).filter((m) => textOf(m).startsWith(pixTextOf(row)))).toHaveLength(1);
    expect(sentTo(phone).filter((m) => textOf(m) === copyTextOf(row))).toHaveLength(1);
    expect(row).toMatchObject({ partsSent: 2, attempts: 2, error: null, channelMessageId: firstPart.id });
    // Receipts follow the reply's first part, as before.
    await fake.webhook(target, statusWebhook(shop.phoneNumberId, [{ id: firstPart.id, status: 'read', recipientId: phone }]));
    expect((await outbound(shop, phone)).find((m) => m.id === row.id)?.status).toBe('read');
  });

  it('a code refused for good after the text dead-letters with its progress; the retry button sends only the code', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    fake.failNext('invalid_parameter_100', 1, isPixCode(phone));
    const dead = await pixConversation(shop, phone, (m) => m?.status === 'dead' || m?.status === 'sent');
    expect(dead).toMatchObject({ status: 'dead', partsSent: 1 });
    expect(dead.error).toMatch(/100/);
    const firstPart = sentTo(phone).find((m) => textOf(m).startsWith(pixTextOf(dead)))!;
    expect(dead.channelMessageId).toBe(firstPart.id);
    const letter = await p.tdb.withTenant(shop.tenantId, (tx) => tx.deadLetter.findFirst({ where: { queue: 'send', jobId: dead.id } }));
    expect(letter).not.toBeNull();
    expect(sentTo(phone).filter((m) => textOf(m) === copyTextOf(dead))).toHaveLength(0);

    // What the admin's retry button does: the row queued again, a fresh send job.
    await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.update({ where: { id: dead.id }, data: { status: 'queued', error: null } }));
    await p.queues.add<SendJob>(QUEUES.send, { tenantId: shop.tenantId, messageId: dead.id }, { jobId: safeJobId('send', dead.id, 'retry') });
    const row = await waitFor(async () => (await outbound(shop, phone)).find((m) => m.id === dead.id)!, (m) => m.status === 'sent');
    expect(sentTo(phone).filter((m) => textOf(m).startsWith(pixTextOf(row)))).toHaveLength(1);
    expect(sentTo(phone).filter((m) => textOf(m) === copyTextOf(row))).toHaveLength(1);
    expect(row).toMatchObject({ partsSent: 2, channelMessageId: firstPart.id });
  });

  it('rejects a wrong or missing signature with 401 and stores nothing', async () => {
    const shop = await seedWaShop();
    const id = wamid();
    const body = customerMessageWebhook({ phoneNumberId: shop.phoneNumberId, from: newCustomerPhone(), id, message: { type: 'text', text: { body: 'oi' } } });
    expect((await fake.webhook(target, body, { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await fake.webhook(target, body, { signature: null })).status).toBe(401);
    expect((await fake.webhook(target, body, { signature: 'sha1=abc' })).status).toBe(401);
    await settle(200);
    expect(await inboundCount(shop, id)).toBe(0);
  });

  it('stores a webhook delivered twice once and answers it once', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    const id = wamid();
    const results = await Promise.all([1, 2].map(() => say(shop, phone, { type: 'text', text: { body: 'oi' } }, { id })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect((await say(shop, phone, { type: 'text', text: { body: 'oi' } }, { id })).status).toBe(200);
    await waitFor(async () => sentTo(phone), (s) => s.length >= 1);
    await settle();
    expect(await inboundCount(shop, id)).toBe(1);
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('answers malformed, foreign-shaped and oversized bodies with 4xx', async () => {
    expect((await fake.webhook(target, null, { raw: '{"object": "whatsapp_business_account", "entry": [' })).status).toBe(400);
    expect((await fake.webhook(target, { object: 'page', entry: [] })).status).toBe(400);
    expect((await fake.webhook(target, { hello: 'world' })).status).toBe(400);
    const huge = await fake.webhook(target, null, { raw: JSON.stringify({ object: 'whatsapp_business_account', pad: 'a'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
  });

  it('acknowledges but ignores a number no shop owns', async () => {
    const phone = newCustomerPhone();
    const r = await fake.webhook(
      target,
      customerMessageWebhook({ phoneNumberId: `99${randomDigits(13)}`, from: phone, message: { type: 'text', text: { body: 'oi' } } }),
    );
    expect(r.status).toBe(200);
    await settle();
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('retries a send throttled by Graph (429) and delivers it later', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    fake.failNext('rate_limit_429');
    const rejectedBefore = fake.rejected.length;
    await say(shop, phone, { type: 'text', text: { body: 'oi, quanto fica a troca de óleo da minha titan 2019?' } });
    const [row] = await waitFor(() => outbound(shop, phone), (m) => m[0]?.status === 'sent', 15_000);
    expect(fake.rejected.length).toBe(rejectedBefore + 1);
    expect(row!.attempts).toBe(2);
    expect(sentTo(phone)).toHaveLength(1);
    expect(textOf(sentTo(phone)[0]!)).toMatch(/km/i);
  });

  it('outside the 24-hour window sends the approved template instead of free text', async () => {
    const shop = await seedWaShop({ templates: { followUp: 'retomar_conversa' } });
    const phone = newCustomerPhone();
    await say(shop, phone, { type: 'text', text: { body: 'oi' } }, { timestamp: new Date(Date.now() - 25 * 3600_000) });
    await waitFor(async () => sentTo(phone), (s) => s.length >= 1);
    expect(sentTo(phone)[0]!.body).toMatchObject({ type: 'template', template: { name: 'retomar_conversa', language: { code: 'pt_BR' } } });
  });

  it('outside the window with no template configured dead-letters the send at once, with a clear error', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    await say(shop, phone, { type: 'text', text: { body: 'oi' } }, { timestamp: new Date(Date.now() - 25 * 3600_000) });
    const [row] = await waitFor(() => outbound(shop, phone), (m) => m[0]?.status === 'dead');
    expect(row!.attempts).toBeLessThanOrEqual(1); // permanent: no retries burnt
    expect(row!.error).toMatch(/24 horas/);
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('falls back to the template when Graph answers 131047 (re-engagement required)', async () => {
    const shop = await seedWaShop({ templates: { followUp: 'retomar_conversa' } });
    const phone = newCustomerPhone();
    fake.failNext('reengagement_131047');
    await say(shop, phone, { type: 'text', text: { body: 'oi' } });
    await waitFor(async () => sentTo(phone), (s) => s.length >= 1);
    expect(sentTo(phone)[0]!.body.type).toBe('template');
  });

  it('downloads a voice note through the Graph media endpoints', async () => {
    const shop = await seedWaShop();
    const phone = newCustomerPhone();
    const bytes = Buffer.from('OggS-fake-voice-note');
    fake.addMedia('1003383421387256', bytes, 'audio/ogg');
    const id = wamid();
    await say(shop, phone, { type: 'audio', audio: { id: '1003383421387256', mime_type: 'audio/ogg; codecs=opus', voice: true } }, { id });
    const stored = await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findFirstOrThrow({ where: { channelMessageId: id } }));
    const media = stored.media as { kind: string; ref: string };
    expect(media).toMatchObject({ kind: 'audio', ref: '1003383421387256' });
    const got = await wa.media(p.runtime).fetch({ channelAccountId: shop.waAccountId, mediaId: media.ref });
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.mimeType).toBe('audio/ogg');
  });

  it('answers Meta\'s verification handshake only with the right token', async () => {
    const ok = await request(p.app).get('/webhooks/whatsapp').query({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    const bad = await request(p.app).get('/webhooks/whatsapp').query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1158201444' });
    expect(bad.status).toBe(403);
    expect((await request(p.app).get('/webhooks/whatsapp')).status).toBe(403);
  });
});
