import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { createFakeGraph, customerMessageWebhook, type FakeGraph } from '../test-support/fakes/fake-graph';
import { startFakeOpenAI, type FakeOpenAI, type FakeRouteHandler } from '../test-support/fakes/fake-openai';
import { createTestPlatform, seedShop, waitFor } from '../test-support/platform';
import { defaultChannels } from './registry';
import { whatsappCloudChannel } from './whatsapp-cloud';
import { telegramChannel } from './telegram';
import { startFakeTelegram, voiceUpdate, type FakeTelegram } from '../test-support/fakes/fake-telegram';
import request from 'supertest';
import { randomInt } from 'node:crypto';

const TOKEN = `EAAG${randomUUID().replace(/-/g, '')}`;
const APP_SECRET = `app-secret-${randomUUID()}`;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** WhatsApp voice notes: downloaded through the Graph API, transcribed by the OpenAI-compatible endpoint. */
describe('voice notes on WhatsApp', () => {
  let p: Platform;
  let graph: FakeGraph;
  let ai: FakeOpenAI;
  let tg: FakeTelegram;
  let server: Server;
  let target: string;
  let transcript: string | null = null;

  beforeAll(async () => {
    graph = await createFakeGraph({ tokens: [TOKEN], appSecret: APP_SECRET });
    ai = await startFakeOpenAI({ apiKey: 'sk-test' });
    tg = await startFakeTelegram();
    // The chat NLU endpoint fails, so understanding falls back to the offline module: only transcription is under test.
    ai.route('POST', '/v1/chat/completions', () => ({ status: 500, body: { error: { message: 'indisponível' } } }));
    const transcribe: FakeRouteHandler = () =>
      transcript ? { status: 200, body: { text: transcript } } : { status: 500, body: { error: { message: 'falhou' } } };
    ai.route('POST', '/v1/audio/transcriptions', transcribe);
    const wa = whatsappCloudChannel({ appSecret: APP_SECRET, verifyToken: 'v', graphUrl: graph.url, graphVersion: graph.version, timeoutMs: 3000 });
    p = await createTestPlatform({
      queue: 'in-process',
      env: { OPENAI_BASE_URL: ai.url, OPENAI_API_KEY: 'sk-test', OPENAI_TIMEOUT_MS: '800' },
      platform: { channels: [...defaultChannels(), wa, telegramChannel({ apiRoot: tg.url })] },
    });
    await p.startWorkers();
    server = p.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await p?.close();
    await graph?.close();
    await ai?.close();
    await tg?.close();
  });

  const shopWithWhatsapp = async () => {
    const shop = await seedShop(p);
    const phoneNumberId = `10${digits(13)}`;
    await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.channelAccount.create({
        data: { tenantId: shop.tenantId, kind: 'whatsapp_cloud', externalId: phoneNumberId, secretsEnc: p.secrets.seal({ accessToken: TOKEN }) },
      }),
    );
    return { ...shop, phoneNumberId };
  };
  const sendVoiceNote = async (phoneNumberId: string, from: string) => {
    const mediaId = digits(16);
    graph.addMedia(mediaId, Buffer.from('OggS-fake-voice-note'), 'audio/ogg');
    const r = await graph.webhook(
      target,
      customerMessageWebhook({ phoneNumberId, from, name: 'Carlos', message: { type: 'audio', audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true } } }),
    );
    expect(r.status).toBe(200);
  };
  const textsTo = (phone: string) => graph.sent.filter((s) => s.body.to === phone).map((s) => s.body.text?.body ?? s.body.interactive?.body.text ?? '');

  it('answers what the customer said in a voice note', async () => {
    const shop = await shopWithWhatsapp();
    const phone = `55119${digits(8)}`;
    transcript = 'oi, quanto fica a troca de óleo da minha titan 2019?';
    await sendVoiceNote(shop.phoneNumberId, phone);
    const replies = await waitFor(async () => textsTo(phone), (t) => t.length >= 1, 15_000);
    expect(replies[0]).toMatch(/km/i); // understood model, year and service from the audio
    const stored = await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findFirstOrThrow({ where: { direction: 'in', conversation: { replyTo: `+${phone}` } } }));
    expect(stored.text).toBe(transcript);
  });

  it('asks politely for text when the voice note cannot be transcribed', async () => {
    const shop = await shopWithWhatsapp();
    const phone = `55119${digits(8)}`;
    transcript = null;
    await sendVoiceNote(shop.phoneNumberId, phone);
    const replies = await waitFor(async () => textsTo(phone), (t) => t.length >= 1, 15_000);
    expect(replies[0]).toMatch(/não consegui entender o seu áudio/i);
  });

  it('transcribes a Telegram voice note (getFile + download) and answers it', async () => {
    const shop = await seedShop(p);
    const botId = randomInt(100_000_000, 2_000_000_000);
    const token = tg.addBot(botId);
    const secret = randomUUID();
    await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.channelAccount.create({
        data: { tenantId: shop.tenantId, kind: 'telegram', externalId: String(botId), secretsEnc: p.secrets.seal({ token, webhookSecret: secret }) },
      }),
    );
    transcript = 'quanto fica a revisão da minha bros 2020?';
    const fileId = `voice${digits(10)}`;
    tg.addVoiceFile(fileId, Buffer.from('OggS-telegram-voice'));
    const customer = { id: randomInt(1e6, 1e9) };
    const r = await request(p.app).post(`/webhooks/telegram/${botId}`).set('X-Telegram-Bot-Api-Secret-Token', secret).send(voiceUpdate(customer, fileId));
    expect(r.status).toBe(200);
    const replies = await waitFor(async () => tg.sent(token).filter((m) => m.chatId === String(customer.id)), (m) => m.length >= 1, 15_000);
    expect(replies[0]!.text).not.toMatch(/não consegui entender/);
    expect(replies[0]!.text).toMatch(/km|nome|ano|revis/i);
  });
});
