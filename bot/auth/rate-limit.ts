import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Failed-login counters over a sliding window, per account and per client IP. Redis
 * (shared by every web process) when configured, else process memory.
 */
export interface LoginLimiter {
  /** Milliseconds until another attempt is allowed, or 0. */
  retryAfter(email: string, ip: string, now: number): Promise<number>;
  recordFailure(email: string, ip: string, now: number): Promise<void>;
  recordSuccess(email: string): Promise<void>;
  close(): Promise<void>;
}

export interface LimiterOptions {
  readonly windowMs: number;
  readonly maxPerAccount: number;
  readonly maxPerIp: number;
  /** REDIS_URL; absent → in-memory. */
  readonly redisUrl?: string;
  /** Key prefix in Redis, default `mg:login`. */
  readonly prefix?: string;
}

interface WindowStore {
  /** Timestamps in the window (oldest first), after dropping expired ones. */
  hits(key: string, now: number): Promise<number[]>;
  add(key: string, now: number): Promise<void>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

const memoryStore = (windowMs: number): WindowStore => {
  const map = new Map<string, number[]>();
  return {
    hits: async (key, now) => {
      const kept = (map.get(key) ?? []).filter((t) => t > now - windowMs);
      if (kept.length) map.set(key, kept);
      else map.delete(key);
      return kept;
    },
    add: async (key, now) => {
      map.set(key, [...(map.get(key) ?? []), now]);
    },
    clear: async (key) => {
      map.delete(key);
    },
    close: async () => {},
  };
};

const redisStore = (url: string, prefix: string, windowMs: number): WindowStore => {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  const k = (key: string) => `${prefix}:${key}`;
  return {
    hits: async (key, now) => {
      const res = await redis
        .multi()
        .zremrangebyscore(k(key), 0, now - windowMs)
        .zrange(k(key), 0, -1, 'WITHSCORES')
        .exec();
      const flat = (res?.[1]?.[1] ?? []) as string[];
      return flat.filter((_, i) => i % 2 === 1).map(Number);
    },
    add: async (key, now) => {
      await redis
        .multi()
        .zadd(k(key), now, `${now}:${randomUUID()}`)
        .pexpire(k(key), windowMs)
        .exec();
    },
    clear: async (key) => {
      await redis.del(k(key));
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
};

export const createLoginLimiter = (o: LimiterOptions): LoginLimiter => {
  const store = o.redisUrl ? redisStore(o.redisUrl, o.prefix ?? 'mg:login', o.windowMs) : memoryStore(o.windowMs);
  const acct = (email: string) => `acct:${email.toLowerCase()}`;
  const ipKey = (ip: string) => `ip:${ip}`;
  const wait = (hits: number[], max: number, now: number): number =>
    hits.length >= max ? Math.max(1, hits[hits.length - max]! + o.windowMs - now) : 0;
  return {
    retryAfter: async (email, ip, now) => {
      const [a, i] = await Promise.all([store.hits(acct(email), now), store.hits(ipKey(ip), now)]);
      return Math.max(wait(a, o.maxPerAccount, now), wait(i, o.maxPerIp, now));
    },
    recordFailure: async (email, ip, now) => {
      await Promise.all([store.add(acct(email), now), store.add(ipKey(ip), now)]);
    },
    recordSuccess: (email) => store.clear(acct(email)),
    close: () => store.close(),
  };
};
