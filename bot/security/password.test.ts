import { scrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher, generatePassword, type Kdf } from './password';

const N = 2 ** 10;

describe('password hasher', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hasher = createPasswordHasher({ concurrency: 2, N });
    const stored = await hasher.hash('correct horse battery');
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key, salted per hash', async () => {
    const hasher = createPasswordHasher({ N });
    const stored = await hasher.hash('segredo');
    const parts = stored.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', String(N), '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(64);
    expect(await hasher.hash('segredo')).not.toBe(stored);
  });

  it('uses Argon2id at OWASP parameters by default and still verifies scrypt hashes', async () => {
    const strong = createPasswordHasher();
    const stored = await strong.hash('senha forte');
    expect(stored.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(await strong.verify('senha forte', stored)).toBe(true);
    expect(await strong.verify('senha fraca', stored)).toBe(false);
    // Any hasher verifies it: the algorithm and cost are read from the stored string.
    expect(await createPasswordHasher({ N }).verify('senha forte', stored)).toBe(true);
    // scrypt hashes made earlier (N=2^17) keep working.
    const legacy = await createPasswordHasher({ N: 2 ** 17 }).hash('senha antiga');
    expect(legacy.startsWith(`scrypt$${2 ** 17}$8$1$`)).toBe(true);
    expect(await strong.verify('senha antiga', legacy)).toBe(true);
  });

  it('rejects malformed or absurd stored values without throwing', async () => {
    const hasher = createPasswordHasher({ N });
    expect(await hasher.verify('x', 'not-a-hash')).toBe(false);
    expect(await hasher.verify('x', 'bcrypt$1$2$3$4$5')).toBe(false);
    expect(await hasher.verify('x', `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(88)}`)).toBe(false);
  });

  it('never runs more hashes at once than its concurrency, and queues the rest', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const kdf: Kdf = async (password, salt, keylen, options) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await new Promise<Buffer>((resolve, reject) =>
          scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
        );
      } finally {
        inFlight--;
      }
    };
    const hasher = createPasswordHasher({ concurrency: 2, N, kdf });
    const pending = Array.from({ length: 12 }, (_, i) => hasher.hash(`senha-${i}`));
    expect(hasher.stats()).toEqual({ active: 2, queued: 10 });
    const hashes = await Promise.all(pending);
    expect(maxInFlight).toBe(2);
    expect(hasher.stats()).toEqual({ active: 0, queued: 0 });
    expect(await hasher.verify('senha-7', hashes[7]!)).toBe(true);
  });

  it('releases its slot when a hash fails', async () => {
    let calls = 0;
    const kdf: Kdf = async () => {
      calls++;
      throw new Error('boom');
    };
    const hasher = createPasswordHasher({ concurrency: 1, N, kdf });
    const results = await Promise.allSettled([hasher.hash('a'), hasher.hash('b'), hasher.hash('c')]);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(calls).toBe(3);
    expect(hasher.stats()).toEqual({ active: 0, queued: 0 });
  });
});

describe('generatePassword', () => {
  it('is long, readable and different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p.length).toBeGreaterThanOrEqual(14);
      expect(p).toMatch(/^[a-zA-Z2-9]{5}-[a-zA-Z2-9]{5}-[a-zA-Z2-9]{5}$/);
      expect(p).not.toMatch(/[01OlI]/);
      seen.add(p);
    }
    expect(seen.size).toBe(50);
  });
});
