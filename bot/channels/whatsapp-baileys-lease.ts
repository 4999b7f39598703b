import { Redis } from 'ioredis';

/** Exclusive, expiring ownership of one session key. */
export interface LeaseStore {
  /** True when we now hold it (newly or already). */
  acquire(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Extends only if we still hold it; false means we lost it. */
  renew(key: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Deletes only if we still hold it. */
  release(key: string, holder: string): Promise<void>;
  holder(key: string): Promise<string | null>;
  close(): Promise<void>;
}

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Leases in Redis: SET NX PX to take, compare-and-extend to renew, compare-and-delete to release. */
export const createRedisLeaseStore = (url: string, prefix: string): LeaseStore => {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', () => {}); // surfaced as failed commands; a lost lease stops the session
  const k = (key: string) => `${prefix}:${key}`;
  return {
    acquire: async (key, holder, ttlMs) => {
      const ok = await redis.set(k(key), holder, 'PX', ttlMs, 'NX');
      if (ok === 'OK') return true;
      return (await redis.eval(RENEW, 1, k(key), holder, String(ttlMs))) === 1;
    },
    renew: async (key, holder, ttlMs) => (await redis.eval(RENEW, 1, k(key), holder, String(ttlMs))) === 1,
    release: async (key, holder) => {
      await redis.eval(RELEASE, 1, k(key), holder);
    },
    holder: (key) => redis.get(k(key)),
    close: async () => {
      redis.disconnect();
    },
  };
};

/** Zero-config (no Redis): one process, so leases are an in-memory map with expiry. */
export const createLocalLeaseStore = (): LeaseStore => {
  const leases = new Map<string, { holder: string; until: number }>();
  const live = (key: string) => {
    const l = leases.get(key);
    return l && l.until > Date.now() ? l : null;
  };
  return {
    acquire: async (key, holder, ttlMs) => {
      const l = live(key);
      if (l && l.holder !== holder) return false;
      leases.set(key, { holder, until: Date.now() + ttlMs });
      return true;
    },
    renew: async (key, holder, ttlMs) => {
      const l = live(key);
      if (!l || l.holder !== holder) return false;
      l.until = Date.now() + ttlMs;
      return true;
    },
    release: async (key, holder) => {
      if (live(key)?.holder === holder) leases.delete(key);
    },
    holder: async (key) => live(key)?.holder ?? null,
    close: async () => {},
  };
};
