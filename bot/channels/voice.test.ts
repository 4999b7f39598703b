import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { createFakeGraph, type FakeGraph } from '../test-support/fakes/fake-graph';
import { createTestPlatform, seedShop, settle, waitFor, type TestShop } from '../test-support/platform';
import { defaultChannels } from './registry';
import { voiceChannel } from './voice';
import { whatsappCloudChannel } from './whatsapp-cloud';

const HOST = 'voz.oficina.test';
const AUTH_TOKEN = '12345678901234567890123456789012';

interface VoiceShop extends TestShop {
  readonly voiceAccountId: string;
}

const addVoiceAccount = async (p: Platform, shop: TestShop, settings: Record<string, unknown> = {}): Promise<VoiceShop> => {
  const row = await p.tdb.withTenant(shop.tenantId, (tx) =>
    tx.channelAccount.create({
      data: {
        tenantId: shop.tenantId,
        kind: 'voice',
        externalId: shop.slug,
        secretsEnc: p.secrets.seal({ authToken: AUTH_TOKEN }),
        settings: { voice: 'Polly.Camila', ...settings },
      },
    }),
  );
  return { ...shop, voiceAccountId: row.id };
};

const callSid = () => `CA${randomBytes(16).toString('hex')}`;
/** A unique Brazilian mobile per test, as Twilio sends it (E.164). */
const phone = () => `+55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Posts what Twilio would, signed the way Twilio signs (full URL + sorted params, HMAC-SHA1). */
const twilioPost = (p: Platform, path: string, params: Record<string, string>, opts: { base?: string; token?: string; host?: string } = {}) => {
  const url = `${opts.base ?? `http://${HOST}`}${path}`;
  const signature = twilio.getExpectedTwilioSignature(opts.token ?? AUTH_TOKEN, url, params);
  return request(p.app)
    .post(path)
    .set('Host', opts.host ?? HOST)
    .set('X-Twilio-Signature', signature)
    .type('form')
    .send(params);
};

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const saysOf = (xml: string) => [...xml.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => decode(m[1]!));

const storedFor = (p: Platform, shop: VoiceShop, sid: string) =>
  p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { channelAccountId: shop.voiceAccountId, channelMessageId: { startsWith: sid } } }));

describe('voice channel (Twilio-compatible webhooks)', () => {
  let p: Platform;
  let shop: VoiceShop;
  beforeAll(async () => {
    p = await createTestPlatform({ queue: 'bullmq', platform: { channels: [...defaultChannels(), voiceChannel({ replyWaitMs: 8000 })] } });
    await p.startWorkers();
    shop = await addVoiceAccount(p, await seedShop(p), { whatsappNumber: '+55 11 91234-5678' });
  });
  afterAll(async () => p?.close());

  const gather = (sid: string, from: string, turn: number, speech: string) =>
    twilioPost(p, `/webhooks/voice/${shop.slug}/gather?t=${turn}`, {
      AccountSid: 'AC00000000000000000000000000000000',
      CallSid: sid,
      From: from,
      To: '+551130000000',
      CallStatus: 'in-progress',
      SpeechResult: speech,
      Confidence: '0.92',
    });

  it('answers an incoming call with a pt-BR greeting inside a speech Gather', async () => {
    const r = await twilioPost(p, `/webhooks/voice/${shop.slug}`, { CallSid: callSid(), From: phone(), To: '+551130000000', CallStatus: 'ringing' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/xml/);
    expect(r.text).toContain(
      `<Gather input="speech" language="pt-BR" action="/webhooks/voice/${shop.slug}/gather?t=1" method="POST" speechTimeout="auto">`,
    );
    expect(r.text).toMatch(/<Say language="pt-BR" voice="Polly.Camila">Olá! Você ligou para a /);
    expect(saysOf(r.text).at(-1)).toMatch(/continua no WhatsApp, no número 1 1 9 1 2 3 4 5 6 7 8/);
  });

  it('speaks the bot reply to a gather, opens the OS for the caller, and WhatsApp sees the same customer and order', async () => {
    const sid = callSid();
    const from = phone();
    const first = await gather(sid, from, 1, 'quero fazer a revisão da minha bros 2020');
    expect(first.status).toBe(200);
    const said = saysOf(first.text);
    const stored = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.message.findMany({ where: { direction: 'out', conversation: { channelAccountId: shop.voiceAccountId, replyTo: from } } }),
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(said[0]).toContain(stored[0]!.text!.split('\n')[0]!.replace(/[*_]/g, '').trim().slice(0, 20));
    expect(first.text).toContain(`action="/webhooks/voice/${shop.slug}/gather?t=2"`);
    expect(said.at(-1)).toMatch(/WhatsApp/);

    // Answer whatever is asked until the quote is read out.
    let turn = 2;
    let xml = first.text;
    for (const answer of ['uns 15 mil quilômetros', 'Maria Aparecida']) {
      if (/reais/.test(xml)) break;
      const r = await gather(sid, from, turn++, answer);
      expect(r.status).toBe(200);
      xml = r.text;
    }
    const order = await p.tdb.withTenant(shop.tenantId, async (tx) => {
      const id = await tx.customerIdentity.findFirstOrThrow({ where: { kind: 'phone', address: { contains: from.slice(-8) } } });
      return tx.serviceOrder.findFirst({ where: { customerId: id.customerId }, include: { customer: true } });
    });
    expect(order).not.toBeNull();
    expect(order!.customer.phoneE164).toBe(from);
    expect(order!.customer.name).toBe('Maria Aparecida');
    expect(saysOf(xml).join(' ')).toMatch(new RegExp(`OS número ${order!.number}\\b.*Total: \\d+ reais`));

    // Later the same person writes from WhatsApp (here: the shop's other channel account), number typed differently.
    const later = await p.ingest({
      channelAccountId: shop.channelAccountId,
      externalMessageId: randomUUID(),
      from: { kind: 'phone', address: `${from.slice(3, 5)} ${from.slice(5, 10)}-${from.slice(10)}` },
      text: 'e a minha moto, como está?',
      receivedAt: new Date().toISOString(),
    });
    expect(later.status).toBe('accepted');
    const conv = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.conversation.findUniqueOrThrow({ where: { id: later.status === 'accepted' ? later.conversationId : '' } }),
    );
    expect(conv.customerId).toBe(order!.customerId);
    const reply = await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { conversationId: conv.id, direction: 'out' } })),
      (m) => m.length > 0,
    );
    expect(reply[0]!.text).toContain(`#${order!.number}`);
  });

  it('stores a retried gather once and speaks the same reply again', async () => {
    const sid = callSid();
    const from = phone();
    const [a, b] = await Promise.all([gather(sid, from, 1, 'oi, bom dia'), gather(sid, from, 1, 'oi, bom dia')]);
    const c = await gather(sid, from, 1, 'oi, bom dia');
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(saysOf(b.text)).toEqual(saysOf(a.text));
    expect(saysOf(c.text)).toEqual(saysOf(a.text));
    const stored = await storedFor(p, shop, sid);
    expect(stored.filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('rejects a wrong or missing signature with 403 and stores nothing', async () => {
    const sid = callSid();
    const params = { CallSid: sid, From: phone(), SpeechResult: 'quero um orçamento' };
    const wrongToken = await twilioPost(p, `/webhooks/voice/${shop.slug}/gather?t=1`, params, { token: 'f'.repeat(32) });
    expect(wrongToken.status).toBe(403);
    const otherUrl = await twilioPost(p, `/webhooks/voice/${shop.slug}/gather?t=1`, params, { base: 'http://outro.host' });
    expect(otherUrl.status).toBe(403);
    const missing = await request(p.app).post(`/webhooks/voice/${shop.slug}/gather?t=1`).set('Host', HOST).type('form').send(params);
    expect(missing.status).toBe(403);
    const tampered = await twilioPost(p, `/webhooks/voice/${shop.slug}`, { CallSid: sid, From: phone() }).send({ CallSid: sid, From: '+5511900000000', SpeechResult: 'x' });
    expect(tampered.status).toBe(403);
    expect(await storedFor(p, shop, sid)).toHaveLength(0);
  });

  it('answers 404 for an unknown shop, 400 for a malformed gather, and never crashes', async () => {
    const unknown = await twilioPost(p, '/webhooks/voice/oficina-que-nao-existe', { CallSid: callSid(), From: phone() });
    expect(unknown.status).toBe(404);
    const badSlug = await twilioPost(p, '/webhooks/voice/..%2Fadmin', { CallSid: callSid(), From: phone() });
    expect(badSlug.status).toBe(404);
    const noTurn = await twilioPost(p, `/webhooks/voice/${shop.slug}/gather`, { CallSid: callSid(), From: phone(), SpeechResult: 'oi' });
    expect(noTurn.status).toBe(400);
    const noCall = await twilioPost(p, `/webhooks/voice/${shop.slug}/gather?t=1`, { From: phone(), SpeechResult: 'oi' });
    expect(noCall.status).toBe(400);
    const json = await request(p.app).post(`/webhooks/voice/${shop.slug}`).set('Host', HOST).send({ CallSid: callSid() });
    expect(json.status).toBe(415);
    const huge = await twilioPost(p, `/webhooks/voice/${shop.slug}/gather?t=1`, { CallSid: callSid(), From: phone(), SpeechResult: 'a'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('politely hangs up on a withheld number, and listens again after silence', async () => {
    const anon = await gather(callSid(), 'anonymous', 1, 'oi');
    expect(anon.status).toBe(200);
    expect(saysOf(anon.text).join(' ')).toMatch(/WhatsApp/);
    expect(anon.text).toContain('<Hangup/>');
    const sid = callSid();
    const silent = await gather(sid, phone(), 1, '');
    expect(silent.text).toContain(`action="/webhooks/voice/${shop.slug}/gather?t=1"`);
    expect(await storedFor(p, shop, sid)).toHaveLength(0);
  });
});

describe('voice channel when the bot cannot answer in time', () => {
  let p: Platform;
  let shop: VoiceShop;
  const PUBLIC = 'https://bot.oficina.test';
  beforeAll(async () => {
    // Workers are not started: the message is stored, but no turn runs.
    p = await createTestPlatform({ platform: { channels: [...defaultChannels(), voiceChannel({ publicUrl: PUBLIC, replyWaitMs: 300 })] } });
    shop = await addVoiceAccount(p, await seedShop(p), { voice: 'alice' });
  });
  afterAll(async () => p?.close());

  it('signs against the configured public URL and promises the answer on WhatsApp, then hangs up', async () => {
    const sid = callSid();
    const path = `/webhooks/voice/${shop.slug}/gather?t=1`;
    const params = { CallSid: sid, From: phone(), SpeechResult: 'quanto fica a troca de óleo?' };
    const byHost = await twilioPost(p, path, params);
    expect(byHost.status).toBe(403); // the request's own host no longer counts once a public URL is set
    const t0 = Date.now();
    const r = await twilioPost(p, path, params, { base: PUBLIC, host: 'internal:3000' });
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.text).toMatch(/<Say language="pt-BR" voice="alice">[^<]*vou te mandar a resposta no WhatsApp/i);
    expect(r.text).toContain('<Hangup/>');
    expect((await storedFor(p, shop, sid)).filter((m) => m.direction === 'in')).toHaveLength(1);
    const call = await twilioPost(p, `/webhooks/voice/${shop.slug}`, { CallSid: sid, From: params.From }, { base: PUBLIC });
    expect(call.text).toContain(`action="${PUBLIC}/webhooks/voice/${shop.slug}/gather?t=1"`);
  });
});

describe('voice replies that miss the call go to the customer on WhatsApp', () => {
  const TOKEN = `EAAG${randomUUID().replace(/-/g, '')}`;
  const APP_SECRET = `app-secret-${randomUUID()}`;
  let graph: FakeGraph;
  let late: Platform;
  let spoken: Platform;
  beforeAll(async () => {
    graph = await createFakeGraph({ tokens: [TOKEN], appSecret: APP_SECRET });
    const wa = () => whatsappCloudChannel({ appSecret: APP_SECRET, verifyToken: 'v', graphUrl: graph.url, graphVersion: graph.version, timeoutMs: 3000 });
    // The turn waits out an 800 ms burst window, so a 100 ms call wait always misses the reply.
    late = await createTestPlatform({ burstWindowMs: 800, platform: { channels: [...defaultChannels(), wa(), voiceChannel({ replyWaitMs: 100, pollMs: 20 })] } });
    spoken = await createTestPlatform({ platform: { channels: [...defaultChannels(), wa(), voiceChannel({ replyWaitMs: 2000, pollMs: 20 })] } });
    await Promise.all([late.startWorkers(), spoken.startWorkers()]);
  });
  afterAll(async () => {
    await late?.close();
    await spoken?.close();
    await graph?.close();
  });

  /** A shop with a phone line and a WhatsApp Cloud number on which `from` already wrote (and got an answer). */
  const shopWhereCustomerWrote = async (p: Platform, from: string) => {
    const shop = await addVoiceAccount(p, await seedShop(p));
    const wa = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.channelAccount.create({
        data: { tenantId: shop.tenantId, kind: 'whatsapp_cloud', externalId: `10${randomBytes(6).toString('hex')}`, secretsEnc: p.secrets.seal({ accessToken: TOKEN }) },
      }),
    );
    const r = await p.ingest({
      channelAccountId: wa.id,
      externalMessageId: `wamid.${randomUUID()}`,
      from: { kind: 'phone', address: from, name: 'Carlos' },
      text: 'bom dia',
      receivedAt: new Date().toISOString(),
    });
    expect(r.status).toBe('accepted');
    await waitFor(async () => graph.sent.filter((s) => s.body.to === from.slice(1)), (s) => s.length >= 1, 10_000);
    return { ...shop, whatsappAccountId: wa.id };
  };
  const gatherOn = (p: Platform, shop: VoiceShop, from: string, speech: string) =>
    twilioPost(p, `/webhooks/voice/${shop.slug}/gather?t=1`, { CallSid: callSid(), From: from, To: '+551130000000', SpeechResult: speech });
  const whatsappOut = (p: Platform, shop: VoiceShop & { whatsappAccountId: string }) =>
    p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.message.findMany({ where: { channelAccountId: shop.whatsappAccountId, direction: 'out' }, orderBy: { createdAt: 'asc' } }),
    );
  const voiceOut = (p: Platform, shop: VoiceShop) =>
    p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { channelAccountId: shop.voiceAccountId, direction: 'out' } }));

  it('forwards a reply that arrived after the caller was told to expect it on WhatsApp', async () => {
    const from = phone();
    const shop = await shopWhereCustomerWrote(late, from);
    const r = await gatherOn(late, shop, from, 'quanto fica a troca de óleo da minha titan 2019?');
    expect(saysOf(r.text).join(' ')).toMatch(/vou te mandar a resposta no WhatsApp/i);
    const reply = await waitFor(() => voiceOut(late, shop), (m) => m.length >= 1, 10_000);
    const sent = await waitFor(
      async () => graph.sent.filter((s) => s.body.to === from.slice(1)).map((s) => s.body.text?.body ?? s.body.interactive?.body.text ?? ''),
      (t) => t.length >= 2,
      10_000,
    );
    expect(sent[1]).toBe(reply[0]!.text);
    const out = await waitFor(() => whatsappOut(late, shop), (m) => m.length === 2 && m[1]!.status === 'sent');
    expect(out[1]!.text).toBe(reply[0]!.text);
    const voice = await waitFor(() => voiceOut(late, shop), (m) => m.every((x) => x.status === 'sent'));
    expect(voice[0]!.channelMessageId).toBe(`forwarded:${out[1]!.id}`);
  });

  it('does not forward a reply the caller already heard', async () => {
    const from = phone();
    const shop = await shopWhereCustomerWrote(spoken, from);
    const r = await gatherOn(spoken, shop, from, 'quanto fica a troca de óleo da minha titan 2019?');
    const reply = await voiceOut(spoken, shop);
    expect(reply.length).toBeGreaterThan(0);
    expect(saysOf(r.text)[0]).toContain(reply[0]!.text!.split('\n')[0]!.replace(/[*_]/g, '').trim().slice(0, 20));
    await settle(3500); // past the call's wait: a forward would have happened by now
    expect((await whatsappOut(spoken, shop)).length).toBe(1); // only the answer to "bom dia"
    expect(graph.sent.filter((s) => s.body.to === from.slice(1))).toHaveLength(1);
    expect((await voiceOut(spoken, shop)).every((m) => m.status === 'sent' && !m.channelMessageId)).toBe(true);
  });
});
