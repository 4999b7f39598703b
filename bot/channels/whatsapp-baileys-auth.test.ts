import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferJSON, Curve, initAuthCreds, proto, signedKeyPair } from '@whiskeysockets/baileys';
import { openTestDb, createTestTenant, type TestDb } from '../test-support/db';
import { createSecretBox } from '../security/crypto';
import { createDbAuthState } from './whatsapp-baileys-auth';

let t: TestDb;
const secrets = createSecretBox('1'.repeat(64));

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

const newAccount = async () => {
  const tenant = await createTestTenant(t.tdb);
  const account = await t.tdb.withTenant(tenant.id, (tx) =>
    tx.channelAccount.create({ data: { tenantId: tenant.id, kind: 'whatsapp_baileys', externalId: `5511${randomUUID().slice(0, 8)}` } }),
  );
  return { tenantId: tenant.id, channelAccountId: account.id };
};

const rows = (a: { tenantId: string; channelAccountId: string }) =>
  t.tdb.withTenant(a.tenantId, (tx) => tx.baileysAuthKey.findMany({ where: { channelAccountId: a.channelAccountId } }));

describe('baileys auth state in PostgreSQL', () => {
  it('persists creds made by initAuthCreds and reopens them identical', async () => {
    const a = await newAccount();
    const first = await createDbAuthState({ tdb: t.tdb, secrets, ...a });
    first.state.creds.me = { id: '5511987654321:3@s.whatsapp.net', name: 'Oficina' };
    await first.saveCreds();
    const again = await createDbAuthState({ tdb: t.tdb, secrets, ...a });
    expect(JSON.stringify(again.state.creds, BufferJSON.replacer)).toBe(JSON.stringify(first.state.creds, BufferJSON.replacer));
    expect(Buffer.isBuffer(again.state.creds.noiseKey.private)).toBe(true);
    expect(again.state.creds.me?.id).toBe('5511987654321:3@s.whatsapp.net');
  });

  it('round-trips pre-keys, sessions, sender keys and app-state-sync keys, and deletes on null', async () => {
    const a = await newAccount();
    const { state } = await createDbAuthState({ tdb: t.tdb, secrets, ...a });
    const creds = initAuthCreds();
    const preKey = Curve.generateKeyPair();
    const signed = signedKeyPair(creds.signedIdentityKey, 7);
    const session = new Uint8Array([1, 2, 3, 250]);
    const senderKey = Buffer.from('sender-key-bytes');
    const appKey = proto.Message.AppStateSyncKeyData.fromObject({ keyData: Buffer.from('app-key-data'), timestamp: 1234 });
    await state.keys.set({
      'pre-key': { '1': preKey, '2': signed.keyPair },
      session: { '5511987654321.0': session },
      'sender-key': { 'grupo::5511:0': senderKey },
      'app-state-sync-key': { AAAA: appKey },
    });
    const pre = await state.keys.get('pre-key', ['1', '2', '3']);
    expect(Buffer.from(pre['1']!.private).equals(Buffer.from(preKey.private))).toBe(true);
    expect(Buffer.from(pre['2']!.public).equals(Buffer.from(signed.keyPair.public))).toBe(true);
    expect(pre['3']).toBeUndefined();
    const sess = await state.keys.get('session', ['5511987654321.0']);
    expect(Buffer.from(sess['5511987654321.0']!).equals(Buffer.from(session))).toBe(true);
    const sk = await state.keys.get('sender-key', ['grupo::5511:0']);
    expect(Buffer.from(sk['grupo::5511:0']!).toString()).toBe('sender-key-bytes');
    const app = await state.keys.get('app-state-sync-key', ['AAAA']);
    expect(app.AAAA).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(app.AAAA!.keyData!).toString()).toBe('app-key-data');
    expect(Number(app.AAAA!.timestamp)).toBe(1234);

    await state.keys.set({ 'pre-key': { '1': null }, session: { '5511987654321.0': null } });
    expect(await state.keys.get('pre-key', ['1'])).toEqual({});
    expect(Object.keys(await state.keys.get('pre-key', ['2']))).toEqual(['2']);
    expect(await state.keys.get('session', ['5511987654321.0'])).toEqual({});
  });

  it('stores nothing in plaintext, and another key cannot open it', async () => {
    const a = await newAccount();
    const auth = await createDbAuthState({ tdb: t.tdb, secrets, ...a });
    const preKey = Curve.generateKeyPair();
    await auth.saveCreds();
    await auth.state.keys.set({ 'pre-key': { '9': preKey }, 'lid-mapping': { '5511987654321': '123456789@lid' } });
    const stored = await rows(a);
    expect(stored.map((r) => r.keyType).sort()).toEqual(['creds', 'lid-mapping', 'pre-key']);
    const needles = [
      Buffer.from(preKey.private).toString('base64'),
      Buffer.from(auth.state.creds.noiseKey.private).toString('base64'),
      auth.state.creds.advSecretKey,
      '123456789@lid',
      'Buffer',
    ];
    for (const r of stored) {
      expect(r.valueEnc.startsWith('v1.')).toBe(true);
      for (const n of needles) expect(r.valueEnc).not.toContain(n);
    }
    const other = createSecretBox('2'.repeat(64));
    await expect(createDbAuthState({ tdb: t.tdb, secrets: other, ...a })).rejects.toThrow();
    await auth.clear();
    expect(await rows(a)).toEqual([]);
  });
});
