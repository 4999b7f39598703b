import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { fakeMediaServer, fakeSocketFactory, type FakeBaileysSocket } from '../test-support/fakes/fake-baileys-socket';
import { startFakeOpenAI, type FakeOpenAI } from '../test-support/fakes/fake-openai';
import { createTestPlatform, seedShop, waitFor } from '../test-support/platform';
import { baileysMessages } from '../../channels/whatsapp-baileys/messages';
import { defaultChannels } from './registry';
import { whatsappBaileysChannel } from './whatsapp-baileys';
import { createLocalLeaseStore } from './whatsapp-baileys-lease';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** WhatsApp Web voice notes: kept by the session that received them, downloaded and transcribed in the turn. */
describe('voice notes on WhatsApp Web (Baileys)', () => {
  const ours = new Set<string>();
  const fake = fakeSocketFactory((s) => setTimeout(() => s.open(), 5));
  const media = fakeMediaServer();
  const channel = whatsappBaileysChannel(
    { scanIntervalMs: 100, minGapMs: 0, typingMinMs: 0, typingMsPerChar: 0, typingMaxMs: 0 },
    { makeSocket: fake.makeSocket, downloadMedia: media.downloadMedia, leases: createLocalLeaseStore(), accountFilter: (id) => ours.has(id) },
  );
  let p: Platform;
  let ai: FakeOpenAI;
  let transcript: string | null = null;
  const heard: number[] = [];

  beforeAll(async () => {
    ai = await startFakeOpenAI({ apiKey: 'sk-test' });
    // The chat NLU endpoint fails, so understanding falls back to the offline module: only transcription is under test.
    ai.route('POST', '/v1/chat/completions', () => ({ status: 500, body: { error: { message: 'indisponível' } } }));
    ai.route('POST', '/v1/audio/transcriptions', () => {
      heard.push(Date.now());
      return transcript ? { status: 200, body: { text: transcript } } : { status: 500, body: { error: { message: 'falhou' } } };
    });
    p = await createTestPlatform({
      queue: 'in-process',
      loops: ['whatsapp_baileys'],
      env: { OPENAI_BASE_URL: ai.url, OPENAI_API_KEY: 'sk-test', OPENAI_TIMEOUT_MS: '800' },
      platform: { channels: [...defaultChannels(), channel] },
    });
    await p.startWorkers();
  });
  afterAll(async () => {
    await p?.close();
    await ai?.close();
  });

  const shopWithNumber = async () => {
    const shop = await seedShop(p);
    const account = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.channelAccount.create({ data: { tenantId: shop.tenantId, kind: 'whatsapp_baileys', externalId: `5511${randomUUID().slice(0, 8)}` } }),
    );
    ours.add(account.id);
    const sock = await waitFor(async () => fake.sockets.find((s) => s.cfg.channelAccountId === account.id), (s) => s !== undefined);
    await waitFor(async () => channel.getPairingState(account.id)?.status, (st) => st === 'open');
    return { ...shop, accountId: account.id, sock: sock! };
  };
  const voiceNote = (sock: FakeBaileysSocket, jid: string) => {
    const id = `3EB0${digits(16)}`;
    sock.receive([
      {
        key: { id, remoteJid: jid, fromMe: false },
        message: { audioMessage: media.addAudio(Buffer.from('OggS-baileys-voice-note')) },
        messageTimestamp: Math.floor(Date.now() / 1000),
        pushName: 'Carlos',
      },
    ]);
    return id;
  };

  it('answers what the customer said in a voice note', async () => {
    const shop = await shopWithNumber();
    const jid = `55119${digits(8)}@s.whatsapp.net`;
    transcript = 'oi, quanto fica a troca de óleo da minha titan 2019?';
    const id = voiceNote(shop.sock, jid);
    const replies = await waitFor(async () => shop.sock.sent.filter((s) => s.jid === jid), (s) => s.length >= 1, 15_000);
    expect(replies[0]!.text).toMatch(/km/i); // understood model, year and service from the audio
    expect(replies[0]!.text).not.toMatch(/não consegui entender/i);
    const stored = await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findFirstOrThrow({ where: { channelAccountId: shop.accountId, channelMessageId: id } }));
    expect(stored.text).toBe(transcript);
    expect(stored.media).toMatchObject({ kind: 'audio', ref: id, transcript });
    expect(JSON.stringify(stored.media)).not.toContain('mediaKey'); // the decryption key never reaches the database
  });

  it('asks politely for text when the voice note cannot be transcribed', async () => {
    const shop = await shopWithNumber();
    const jid = `55119${digits(8)}@s.whatsapp.net`;
    transcript = null;
    const before = media.downloads.length;
    voiceNote(shop.sock, jid);
    const replies = await waitFor(async () => shop.sock.sent.filter((s) => s.jid === jid), (s) => s.length >= 1, 15_000);
    expect(replies[0]!.text).toMatch(/não consegui entender o seu áudio/i);
    expect(media.downloads.length).toBeGreaterThan(before); // downloaded, but the transcriber failed
  });

  it('asks for text when this process does not have the voice note (received elsewhere or long ago)', async () => {
    const shop = await shopWithNumber();
    const phone = `+55119${digits(8)}`;
    transcript = 'isto não deveria ser usado';
    const calls = heard.length;
    const r = await p.runtime.ingest({
      channelAccountId: shop.accountId,
      externalMessageId: `3EB0${digits(16)}`,
      from: { kind: 'phone', address: phone },
      media: { kind: 'audio', ref: 'NEVER-SEEN-HERE', mimeType: 'audio/ogg' },
      receivedAt: new Date().toISOString(),
    });
    expect(r.status).toBe('accepted');
    const jid = `${phone.slice(1)}@s.whatsapp.net`;
    const replies = await waitFor(async () => shop.sock.sent.filter((s) => s.jid === jid), (s) => s.length >= 1, 15_000);
    expect(replies[0]!.text).toMatch(/não consegui entender o seu áudio/i);
    expect(heard.length).toBe(calls);
    await expect(channel.fetchMedia!(p.runtime)(randomUUID(), 'X')).rejects.toThrow(baileysMessages.notOwned);
    await expect(channel.fetchMedia!(p.runtime)(shop.accountId, 'NEVER-SEEN-HERE')).rejects.toThrow(baileysMessages.audioUnknown);
  });
});
