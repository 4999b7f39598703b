import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { createTestPlatform, seedShop, settle, waitFor, type TestShop } from '../test-support/platform';
import { fakeSocketFactory, type FakeBaileysSocket } from '../test-support/fakes/fake-baileys-socket';
import type { Platform } from '../platform';
import { defaultChannels } from './registry';
import { whatsappBaileysChannel } from './whatsapp-baileys';
import { createLocalLeaseStore } from './whatsapp-baileys-lease';
import { createDbAuthState } from './whatsapp-baileys-auth';
import { PermanentSendError } from '../pipeline/senders';
import { createTtlCache } from './whatsapp-baileys-session';

const ours = new Set<string>();
const manualOpen = new Set<string>();
const fake = fakeSocketFactory((s) => {
  if (!manualOpen.has(s.cfg.channelAccountId)) setTimeout(() => s.open(), 5);
});
const channel = whatsappBaileysChannel(
  { scanIntervalMs: 100, backoffBaseMs: 100, backoffMaxMs: 1000, minGapMs: 300, typingMinMs: 0, typingMsPerChar: 0, typingMaxMs: 0 },
  { makeSocket: fake.makeSocket, leases: createLocalLeaseStore(), accountFilter: (id) => ours.has(id) },
);
let platform: Platform;

beforeAll(async () => {
  platform = await createTestPlatform({ loops: ['whatsapp_baileys'], platform: { channels: [...defaultChannels(), channel] } });
  await platform.startWorkers();
});
afterAll(async () => {
  await platform?.close();
});

interface BaileysShop extends TestShop {
  readonly accountId: string;
}

/** A shop with a paired WhatsApp Web number whose session this test's process runs. */
const shopWithNumber = async (): Promise<BaileysShop> => {
  const shop = await seedShop(platform);
  const account = await platform.tdb.withTenant(shop.tenantId, (tx) =>
    tx.channelAccount.create({
      data: { tenantId: shop.tenantId, kind: 'whatsapp_baileys', externalId: `5511${randomUUID().slice(0, 8)}`, displayName: 'WhatsApp da oficina' },
    }),
  );
  ours.add(account.id);
  return { ...shop, accountId: account.id };
};

const socketsOf = (accountId: string) => fake.sockets.filter((s) => s.cfg.channelAccountId === accountId);
const openSocket = async (accountId: string): Promise<FakeBaileysSocket> => {
  const socks = await waitFor(async () => socketsOf(accountId), (s) => s.length > 0);
  await waitFor(async () => channel.getPairingState(accountId)?.status, (st) => st === 'open');
  return socks[socks.length - 1]!;
};

const CUSTOMER = '5511987654321@s.whatsapp.net';
/** A reply nothing of which went out yet, as the send path passes it. */
const fresh = { fromPart: 0, onPartSent: async () => {} };
const text = (id: string, body: string, key: Record<string, unknown> = { remoteJid: CUSTOMER }) => ({
  key: { id, fromMe: false, ...key },
  message: { conversation: body },
  messageTimestamp: Math.floor(Date.now() / 1000),
  pushName: 'Carlos',
});

const inbound = (shop: BaileysShop) =>
  platform.tdb.withTenant(shop.tenantId, (tx) =>
    tx.message.findMany({ where: { channelAccountId: shop.accountId, direction: 'in' }, orderBy: { createdAt: 'asc' } }),
  );

describe('WhatsApp Web (Baileys) channel', () => {
  it('stores a customer text once, replies through the socket, and serves it back to Baileys via getMessage', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.receive([text('WAID-1', 'oi, quanto fica a revisão da minha CG 160?')]);
    sock.receive([text('WAID-1', 'oi, quanto fica a revisão da minha CG 160?')]); // redelivered
    await waitFor(async () => sock.sent, (s) => s.length > 0);
    expect(sock.sent[0]!.jid).toBe(CUSTOMER);
    expect(sock.sent[0]!.text).toMatch(/\S/);
    expect(sock.sent[0]!.text).not.toMatch(/undefined|\[object/);
    expect(sock.presence.some((p) => p.type === 'composing' && p.jid === CUSTOMER)).toBe(true);
    const stored = await inbound(shop);
    expect(stored.map((m) => m.channelMessageId)).toEqual(['WAID-1']);
    const out = await waitFor(
      () => platform.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { channelAccountId: shop.accountId, direction: 'out', status: 'sent' } })),
      (r) => r.length > 0,
    );
    expect(out[0]!.channelMessageId).toBe(sock.sent[0]!.id);
    expect(await sock.cfg.getMessage({ id: 'WAID-1', remoteJid: CUSTOMER })).toEqual({ conversation: 'oi, quanto fica a revisão da minha CG 160?' });
    expect(await sock.cfg.getMessage({ id: sock.sent[0]!.id, remoteJid: CUSTOMER, fromMe: true })).toEqual({ conversation: out[0]!.text });
    expect(await sock.cfg.getMessage({ id: 'never-seen' })).toBeUndefined();
  });

  it('keeps Baileys retry counters in a small cache whose entries expire', async () => {
    const cache = createTtlCache(50, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // over capacity: the oldest goes
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get<number>('c')).toBe(3);
    await settle(80);
    expect(cache.get('c')).toBeUndefined();
  });

  it('ignores groups, status broadcasts, newsletters, our own messages and non-notify upserts', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.receive([
      text('G1', 'oi grupo', { remoteJid: '120363025246125486@g.us', participant: CUSTOMER }),
      text('S1', 'status', { remoteJid: 'status@broadcast', participant: CUSTOMER }),
      text('N1', 'news', { remoteJid: '120363144038483540@newsletter' }),
      text('F1', 'eu mesmo', { remoteJid: CUSTOMER, fromMe: true }),
    ]);
    sock.receive([text('A1', 'histórico')], 'append');
    sock.receive([text('OK1', 'bom dia')]);
    await waitFor(() => inbound(shop), (r) => r.length === 1);
    await settle(300);
    expect((await inbound(shop)).map((m) => m.channelMessageId)).toEqual(['OK1']);
  });

  it('maps an @lid sender to their phone when WhatsApp sends it, else keeps the lid address', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.receive([text('L1', 'oi', { remoteJid: '203040506070809@lid', remoteJidAlt: '5521998877665@s.whatsapp.net' })]);
    sock.receive([text('L2', 'oi', { remoteJid: '999888777666555@lid' })]);
    await waitFor(async () => sock.sent.map((s) => s.jid).sort(), (j) => j.length >= 2);
    expect(new Set(sock.sent.map((s) => s.jid))).toEqual(new Set(['5521998877665@s.whatsapp.net', '999888777666555@lid']));
    const ids = await platform.tdb.withTenant(shop.tenantId, (tx) => tx.customerIdentity.findMany({ select: { kind: true, address: true } }));
    expect(ids.some((i) => i.kind === 'phone' && i.address.includes('21'))).toBe(true);
    expect(ids).toContainEqual({ kind: 'whatsapp_lid', address: '999888777666555@lid' });
  });

  it('shows the latest QR and a pairing code for the admin web, and persists creds updates sealed', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.emit('connection.update', { qr: '2@QRDATA,abc' });
    expect(channel.getPairingState(shop.accountId)).toMatchObject({ status: 'qr', qr: '2@QRDATA,abc' });
    expect(await channel.requestPairingCode(shop.accountId, '+55 11 98765-4321')).toBe('PAIR4321');
    expect(channel.getPairingState(shop.accountId)?.pairingCode).toBe('PAIR4321');
    sock.emit('creds.update', { me: { id: '5511912345678:9@s.whatsapp.net', name: 'Oficina' }, registered: true });
    const reopened = await waitFor(
      () => createDbAuthState({ tdb: platform.tdb, secrets: platform.secrets, tenantId: shop.tenantId, channelAccountId: shop.accountId }),
      (a) => a.state.creds.me?.id === '5511912345678:9@s.whatsapp.net',
    );
    expect(reopened.state.creds.registered).toBe(true);
    const rows = await platform.tdb.withTenant(shop.tenantId, (tx) => tx.baileysAuthKey.findMany({ where: { channelAccountId: shop.accountId } }));
    expect(rows.every((r) => !r.valueEnc.includes('5511912345678'))).toBe(true);
  });

  it('reconnects after a lost connection with growing backoff', async () => {
    const shop = await shopWithNumber();
    const first = await openSocket(shop.accountId);
    manualOpen.add(shop.accountId); // the next sockets stay connecting until the test opens them
    const t0 = Date.now();
    first.close(DisconnectReason.connectionLost);
    const two = await waitFor(async () => socketsOf(shop.accountId), (s) => s.length === 2);
    const t1 = Date.now();
    expect(t1 - t0).toBeGreaterThanOrEqual(90);
    expect(channel.getPairingState(shop.accountId)?.status).toBe('connecting');
    two[1]!.close(DisconnectReason.timedOut); // failed again before opening: the wait doubles
    const three = await waitFor(async () => socketsOf(shop.accountId), (s) => s.length === 3);
    const t2 = Date.now();
    expect(t2 - t1).toBeGreaterThanOrEqual(190);
    three[2]!.close(DisconnectReason.connectionClosed);
    const four = await waitFor(async () => socketsOf(shop.accountId), (s) => s.length === 4);
    expect(Date.now() - t2).toBeGreaterThanOrEqual(390);
    four[3]!.open();
    await waitFor(async () => channel.getPairingState(shop.accountId)?.status, (st) => st === 'open');
    four[3]!.receive([text('R1', 'voltou?')]);
    await waitFor(() => inbound(shop), (r) => r.length === 1);
  });

  it('on a bad session forgets the keys and pairs again', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.emit('creds.update', { me: { id: '5511912345678:1@s.whatsapp.net' } });
    await settle(200);
    const before = sock.cfg.auth.creds.noiseKey.public;
    sock.close(DisconnectReason.badSession);
    const socks = await waitFor(async () => socketsOf(shop.accountId), (s) => s.length === 2);
    expect(socks[1]!.cfg.auth.creds.me).toBeUndefined();
    expect(Buffer.from(socks[1]!.cfg.auth.creds.noiseKey.public).equals(Buffer.from(before))).toBe(false);
  });

  it('on logout stops for good, marks the number logged out and notifies the owner', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.close(DisconnectReason.loggedOut);
    await waitFor(async () => channel.getPairingState(shop.accountId)?.status, (s) => s === 'logged_out');
    const account = await waitFor(
      () => platform.tdb.withTenant(shop.tenantId, (tx) => tx.channelAccount.findUniqueOrThrow({ where: { id: shop.accountId } })),
      (a) => a.status === 'logged_out',
    );
    expect(account.status).toBe('logged_out');
    const notes = await platform.tdb.withTenant(shop.tenantId, (tx) => tx.notification.findMany({ where: { kind: 'whatsapp_logged_out' } }));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).toContain('QR code');
    await settle(400);
    expect(socketsOf(shop.accountId)).toHaveLength(1);
    expect(channel.manager()?.owned()).not.toContain(shop.accountId);
  });

  it('refuses to message a number that never wrote to the shop', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    const sender = channel.sender!(platform.runtime);
    const err = await sender
      .send({ account: { id: shop.accountId, externalId: 'x', secrets: {} }, to: '+5511900001111', message: { text: 'Promoção!' }, ...fresh })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect((err as PermanentSendError).code).toBe('COLD_OUTREACH');
    expect(sock.sent).toHaveLength(0);
  });

  it('spaces several replies to one chat by the minimum gap', async () => {
    const shop = await shopWithNumber();
    const sock = await openSocket(shop.accountId);
    sock.receive([text('P1', 'oi')]);
    await waitFor(async () => sock.sent, (s) => s.length === 1);
    const sender = channel.sender!(platform.runtime);
    const account = { id: shop.accountId, externalId: 'x', secrets: {} };
    await Promise.all(['um', 'dois', 'três'].map((t) => sender.send({ account, to: '+5511987654321', message: { text: t }, ...fresh })));
    expect(sock.sent).toHaveLength(4);
    for (let i = 1; i < sock.sent.length; i++) expect(sock.sent[i]!.at - sock.sent[i - 1]!.at).toBeGreaterThanOrEqual(290);
    expect(sock.sent.slice(1).map((s) => s.text).sort()).toEqual(['dois', 'três', 'um']);
  });
});
