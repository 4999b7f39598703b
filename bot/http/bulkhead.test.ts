import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BUSY_MESSAGE, createBulkhead, type Bulkhead } from './bulkhead';
import { errorHandler } from './errors';

/** A server whose /work handler waits until the test lets it finish; /boom throws. */
const serve = async (bulkhead: Bulkhead) => {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const app = express();
  app.get('/work/:id', bulkhead.middleware, async (req, res) => {
    const id = String(req.params.id);
    started.push(id);
    await new Promise<void>((r) => gates.set(id, r));
    res.json({ id });
  });
  app.get('/boom', bulkhead.middleware, () => {
    throw new Error('falhou');
  });
  app.get('/free', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler(pino({ level: 'silent' })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  /** A GET that can be abandoned (the socket is destroyed, as when a browser tab closes). */
  const get = (path: string) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false });
    const done = new Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null'), headers: res.headers }));
      });
      req.on('error', reject);
    });
    return { done, abort: () => req.destroy() };
  };
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(cond()).toBe(true);
  };
  const finish = (id: string) => {
    gates.get(id)!();
    gates.delete(id);
  };
  return { started, get, until, finish, close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }) };
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('bulkhead', () => {
  it('runs at most `limit` requests at once and admits the others in arrival order', async () => {
    const b = createBulkhead({ limit: 2 });
    const s = await serve(b);
    close = s.close;
    const a = s.get('/work/a');
    await s.until(() => s.started.length === 1);
    const bb = s.get('/work/b');
    await s.until(() => s.started.length === 2);
    const c = s.get('/work/c');
    await s.until(() => b.stats().queued === 1);
    const d = s.get('/work/d');
    await s.until(() => b.stats().queued === 2);
    expect(s.started).toEqual(['a', 'b']);

    s.finish('b');
    expect((await bb.done).body).toEqual({ id: 'b' });
    await s.until(() => s.started.length === 3);
    expect(s.started[2]).toBe('c'); // first come, first served
    expect(b.stats()).toMatchObject({ active: 2, queued: 1 });

    // Requests outside the bulkhead are not held up by the line.
    expect((await s.get('/free').done).status).toBe(200);

    for (const id of ['a', 'c']) s.finish(id);
    await s.until(() => s.started.length === 4);
    s.finish('d');
    expect((await Promise.all([a.done, c.done, d.done])).map((r) => r.body.id)).toEqual(['a', 'c', 'd']);
    expect(b.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('refuses with 503, a pt-BR message and Retry-After when the line is full, and keeps serving', async () => {
    const b = createBulkhead({ limit: 1, maxQueue: 1, retryAfterSeconds: 3 });
    const s = await serve(b);
    close = s.close;
    const a = s.get('/work/a');
    await s.until(() => s.started.length === 1);
    const w = s.get('/work/w');
    await s.until(() => b.stats().queued === 1);
    const refused = await s.get('/work/x').done;
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ code: 'SERVER_BUSY', message: BUSY_MESSAGE });
    expect(refused.headers['retry-after']).toBe('3');
    expect(s.started).toEqual(['a']);

    s.finish('a');
    await s.until(() => s.started.length === 2);
    s.finish('w');
    expect((await a.done).status).toBe(200);
    expect((await w.done).body).toEqual({ id: 'w' });
    const again = s.get('/work/y');
    await s.until(() => s.started.length === 3);
    s.finish('y');
    expect((await again.done).status).toBe(200);
  });

  it('a client that leaves while waiting never runs and gives its place to the next', async () => {
    const b = createBulkhead({ limit: 1 });
    const s = await serve(b);
    close = s.close;
    const a = s.get('/work/a');
    await s.until(() => s.started.length === 1);
    const gone = s.get('/work/gone');
    gone.done.catch(() => {}); // its socket is destroyed on purpose
    await s.until(() => b.stats().queued === 1);
    const next = s.get('/work/next');
    await s.until(() => b.stats().queued === 2);
    gone.abort();
    await s.until(() => b.stats().queued === 1);

    s.finish('a');
    await a.done;
    await s.until(() => s.started.length === 2);
    expect(s.started).toEqual(['a', 'next']);
    s.finish('next');
    await next.done;
    expect(b.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it('frees the slot when the running request fails or its client leaves', async () => {
    const b = createBulkhead({ limit: 1 });
    const s = await serve(b);
    close = s.close;
    expect((await s.get('/boom').done).status).toBe(500);
    expect(b.stats()).toMatchObject({ active: 0 });

    const left = s.get('/work/left');
    left.done.catch(() => {});
    await s.until(() => s.started.length === 1);
    left.abort();
    await s.until(() => b.stats().active === 0);
    const after = s.get('/work/after');
    await s.until(() => s.started.length === 2);
    s.finish('after');
    expect((await after.done).status).toBe(200);
    s.finish('left');
  });

  it('hands out slots outside HTTP too, and refuses a bad limit', async () => {
    const b = createBulkhead({ limit: 1, maxQueue: 0 });
    const free = await b.acquire();
    await expect(b.acquire()).rejects.toMatchObject({ status: 503, code: 'SERVER_BUSY' });
    free();
    free(); // idempotent: a slot is freed once
    expect(b.stats()).toMatchObject({ active: 0, queued: 0 });
    (await b.acquire())();
    expect(() => createBulkhead({ limit: 0 })).toThrow(/limit/);
  });
});
