import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/**
 * Password hashing at OWASP's recommended parameters. New hashes use Argon2id with
 * m=19 MiB, t=2, p=1 (OWASP's first choice; ~20 ms here), stored in the standard PHC
 * format `$argon2id$v=19$m=19456,t=2,p=1$...`. Hashes made with scrypt (N=2^17, r=8,
 * p=1, stored as `scrypt$N$r$p$saltB64$hashB64`) keep verifying. Hashes run behind a
 * small semaphore, so a login flood queues instead of exhausting memory.
 */
/** OWASP Password Storage Cheat Sheet, Argon2id: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2ID_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const DEFAULT_SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
/** Stored hashes are trusted data, but a corrupted row must not make us allocate gigabytes. */
const MAX_N = 2 ** 20;
/** scrypt's input is hashed first anyway; this only stops absurd request bodies. */
const MAX_PASSWORD_LENGTH = 1024;

export type Kdf = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

const nodeScrypt: Kdf = (password, salt, keylen, options) =>
  new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

/** scrypt needs 128·N·r bytes; leave headroom so Node's maxmem check never trips. */
const maxmemFor = (N: number, r: number): number => 128 * N * r * 2;

export interface PasswordHasherOptions {
  /** Hashes allowed to run at once; the rest wait in line. Default 2. */
  readonly concurrency?: number;
  /**
   * New hashes with scrypt at this cost instead of Argon2id (tests pass a small value for
   * speed). Default: Argon2id at OWASP's parameters.
   */
  readonly N?: number;
  /** The key derivation function; tests wrap it to observe concurrency. */
  readonly kdf?: Kdf;
}

export interface PasswordHasher {
  hash(plain: string): Promise<string>;
  verify(plain: string, stored: string): Promise<boolean>;
  /** Hashes running and waiting right now. */
  stats(): { readonly active: number; readonly queued: number };
}

const createSemaphore = (limit: number) => {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    run: async <T>(fn: () => Promise<T>): Promise<T> => {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve)); // the releaser hands its slot over
      try {
        return await fn();
      } finally {
        release();
      }
    },
    stats: () => ({ active, queued: waiting.length }),
  };
};

interface Parsed {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const isPowerOfTwo = (n: number): boolean => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

const parseStored = (stored: string): Parsed | null => {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!isPowerOfTwo(N) || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) {
    return null;
  }
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
};

export const createPasswordHasher = (options: PasswordHasherOptions = {}): PasswordHasher => {
  const concurrency = options.concurrency ?? 2;
  const useScrypt = options.N !== undefined || options.kdf !== undefined;
  const N = options.N ?? DEFAULT_SCRYPT_N;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  if (!isPowerOfTwo(N) || N > MAX_N) throw new Error(`N must be a power of two up to 2^20, got ${N}`);
  const kdf = options.kdf ?? nodeScrypt;
  const semaphore = createSemaphore(concurrency);
  const derive = (plain: string, salt: Buffer, keylen: number, n: number, r: number, p: number) =>
    semaphore.run(() => kdf(plain, salt, keylen, { N: n, r, p, maxmem: maxmemFor(n, r) }));

  return {
    hash: async (plain) => {
      if (plain.length === 0 || plain.length > MAX_PASSWORD_LENGTH) throw new Error('password length out of range');
      if (!useScrypt) return semaphore.run(() => argon2Hash(plain, ARGON2ID_OPTIONS));
      const salt = randomBytes(SALT_LENGTH);
      const key = await derive(plain, salt, KEY_LENGTH, N, R, P);
      return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
    },
    verify: async (plain, stored) => {
      if (stored.startsWith('$argon2id$')) {
        if (plain.length === 0 || plain.length > MAX_PASSWORD_LENGTH) return false;
        return semaphore.run(() => argon2Verify(stored, plain).catch(() => false));
      }
      const parsed = parseStored(stored);
      if (!parsed || plain.length === 0 || plain.length > MAX_PASSWORD_LENGTH) return false;
      const key = await derive(plain, parsed.salt, parsed.hash.length, parsed.N, parsed.r, parsed.p);
      return timingSafeEqual(key, parsed.hash);
    },
    stats: semaphore.stats,
  };
};

// One semaphore per process: that is the point of the bound.
let defaultHasher: PasswordHasher | undefined;
const getDefault = (): PasswordHasher => (defaultHasher ??= createPasswordHasher());

export const hashPassword = (plain: string): Promise<string> => getDefault().hash(plain);
export const verifyPassword = (plain: string, stored: string): Promise<boolean> => getDefault().verify(plain, stored);

// No 0/O, 1/l/I: passwords are read aloud and typed from a phone screen.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Three groups of five, e.g. `k7Hm2-qRt9w-Zp4nE` (17 chars, ~86 bits). */
export const generatePassword = (): string =>
  Array.from({ length: 3 }, () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-');
