import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretBox, hashToken, loadOrCreateKey } from './crypto';

const hexKey = randomBytes(32).toString('hex');

describe('SecretBox', () => {
  it('round-trips strings and objects', () => {
    const box = createSecretBox(hexKey);
    expect(box.open(box.seal('token-EAAG123'))).toBe('token-EAAG123');
    const secrets = { accessToken: 'EAAG-abc', appSecret: 'ção 🔑' };
    expect(box.openJson<typeof secrets>(box.seal(secrets))).toEqual(secrets);
  });

  it('accepts the key as base64 too', () => {
    const raw = randomBytes(32);
    const sealed = createSecretBox(raw.toString('base64')).seal('x');
    expect(createSecretBox(raw.toString('hex')).open(sealed)).toBe('x');
    expect(createSecretBox(raw.toString('base64url')).open(sealed)).toBe('x');
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => createSecretBox('abcd')).toThrow(/ENCRYPTION_KEY/);
    expect(() => createSecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('uses the versioned format with a fresh IV each time', () => {
    const box = createSecretBox(hexKey);
    const a = box.seal('same');
    const b = box.seal('same');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
  });

  it('detects tampering with ciphertext, tag, IV or version', () => {
    const box = createSecretBox(hexKey);
    const sealed = box.seal('pix-secret-123456');
    const [v, iv, tag, ct] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string): string => {
      const b = Buffer.from(s, 'base64url');
      b[0] = b[0]! ^ 1;
      return b.toString('base64url');
    };
    expect(() => box.open([v, iv, tag, flip(ct)].join('.'))).toThrow();
    expect(() => box.open([v, iv, flip(tag), ct].join('.'))).toThrow();
    expect(() => box.open([v, flip(iv), tag, ct].join('.'))).toThrow();
    expect(() => box.open(['v2', iv, tag, ct].join('.'))).toThrow();
    expect(() => box.open('garbage')).toThrow();
  });

  it('fails with the wrong key', () => {
    const sealed = createSecretBox(hexKey).seal('segredo');
    expect(() => createSecretBox(randomBytes(32).toString('hex')).open(sealed)).toThrow(/chave errada/);
  });

  it('never contains the plaintext', () => {
    const box = createSecretBox(hexKey);
    const secret = 'SUPER-SECRET-TOKEN-VALUE';
    const sealed = box.seal({ token: secret });
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString('latin1')).not.toContain(secret);
  });
});

describe('loadOrCreateKey', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('creates DATA_DIR/secret.key with mode 0600 once and returns the same key after', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-key-'));
    dirs.push(dir);
    const dataDir = path.join(dir, 'nested', 'data');
    const key = await loadOrCreateKey(dataDir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'secret.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(key);
    expect(await loadOrCreateKey(dataDir)).toBe(key);
    const box = createSecretBox(key);
    expect(box.open(box.seal('ok'))).toBe('ok');
  });

  it('agrees with itself when called concurrently', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-key-'));
    dirs.push(dir);
    const keys = await Promise.all(Array.from({ length: 5 }, () => loadOrCreateKey(dir)));
    expect(new Set(keys).size).toBe(1);
  });
});

describe('hashToken', () => {
  it('is sha256 hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
