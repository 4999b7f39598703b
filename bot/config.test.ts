import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('starts with no variables at all (zero-config): embedded database, in-process queues', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.mode).toEqual({ database: 'embedded', queue: 'in-process' });
  });

  it('switches to PostgreSQL and BullMQ when their URLs are set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgresql://u@h/db', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(c.mode).toEqual({ database: 'postgres', queue: 'bullmq' });
  });

  it('stops with a message naming each bad variable', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', BURST_WINDOW_MS: '-1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    for (const v of ['PORT', 'DATABASE_URL', 'BURST_WINDOW_MS']) expect(message).toContain(v);
  });

  it('requires secrets and a real database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEY[\s\S]*JWT_SECRET[\s\S]*DATABASE_URL/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ REDIS_URL: '', DATABASE_URL: '' }).mode).toEqual({ database: 'embedded', queue: 'in-process' });
  });
});
