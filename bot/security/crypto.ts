import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets at rest (channel tokens, Baileys keys): AES-256-GCM with a random 12-byte IV,
 * sealed as `v1.<iv>.<tag>.<ciphertext>` (base64url). The version prefix lets the key or
 * algorithm change later while old rows still open.
 */
export interface SecretBox {
  seal(plaintext: string | object): string;
  open(sealed: string): string;
  openJson<T>(sealed: string): T;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const KEY_FILE = 'secret.key';

/** 32 bytes given as 64 hex characters or base64 (standard or url-safe). */
export const parseKey = (keyMaterial: string): Buffer => {
  const s = keyMaterial.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) {
    const key = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === 32) return key;
  }
  throw new SecretBoxError('ENCRYPTION_KEY deve ter 32 bytes, em 64 caracteres hexadecimais ou em base64.');
};

const b64u = (b: Buffer): string => b.toString('base64url');

export const createSecretBox = (keyMaterial: string): SecretBox => {
  const key = parseKey(keyMaterial);
  const aad = Buffer.from(VERSION);
  const open = (sealed: string): string => {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('Segredo em formato desconhecido.');
    const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
    if (iv.length !== IV_LENGTH || tag.length !== TAG_LENGTH) throw new SecretBoxError('Segredo em formato desconhecido.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('Não foi possível abrir o segredo: chave errada ou dado adulterado.');
    }
  };
  return {
    seal: (plaintext) => {
      const data = typeof plaintext === 'string' ? plaintext : JSON.stringify(plaintext);
      const iv = randomBytes(IV_LENGTH);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
      cipher.setAAD(aad);
      const ct = Buffer.concat([cipher.update(data, 'utf8'), cipher.final()]);
      return [VERSION, b64u(iv), b64u(cipher.getAuthTag()), b64u(ct)].join('.');
    },
    open,
    openJson: <T>(sealed: string): T => JSON.parse(open(sealed)) as T,
  };
};

/**
 * Zero-config mode: the key lives in DATA_DIR/secret.key (0600), created on first use.
 * Losing this file means losing every sealed secret, so it is never overwritten.
 */
export const loadOrCreateKey = async (dataDir: string): Promise<string> => {
  const file = path.join(dataDir, KEY_FILE);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  try {
    await writeFile(file, key + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (err) {
    // Another process created it first: theirs wins.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(file, 'utf8')).trim();
    throw err;
  }
};

/** For values looked up by equality (refresh tokens, link codes): never stored in clear. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
