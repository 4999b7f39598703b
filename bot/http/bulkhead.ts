import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/**
 * A bulkhead: at most `limit` requests of one class run at a time; the others wait in
 * line (first come, first served) before doing any work, and are refused with 503 once
 * `maxQueue` are already waiting.
 *
 * Why: the admin's reads (dashboard, lists) are CPU work spread over this process's event
 * loop and PostgreSQL. When 20 of them run at once on a 2-core machine, every other
 * request's steps (a login's queries, its password hash on the thread pool) wait behind
 * all of their callbacks and share the CPU with all of them. Queued here instead, reads
 * cost nothing until their turn, and requests outside the bulkhead keep their latency;
 * reads' own throughput does not drop (bot/bench/api.ts measures both).
 */
export interface Bulkhead {
  /** Express middleware: admits the request now or when a slot frees; 503 when the line is full. */
  readonly middleware: RequestHandler;
  /** Takes a slot outside HTTP (waits like a request would); call the returned function to free it. */
  acquire(): Promise<() => void>;
  stats(): { readonly active: number; readonly queued: number; readonly limit: number };
}

export interface BulkheadOptions {
  /** Requests running at once (≥ 1). */
  readonly limit: number;
  /** Requests allowed to wait; beyond that, 503. Default 1000. */
  readonly maxQueue?: number;
  /** pt-BR message of the 503. */
  readonly busyMessage?: string;
  /** Seconds for the 503's Retry-After. Default 2. */
  readonly retryAfterSeconds?: number;
}

export const BUSY_MESSAGE = 'O sistema está ocupado agora. Tente de novo em alguns segundos.';

export const createBulkhead = (options: BulkheadOptions): Bulkhead => {
  const { limit } = options;
  const maxQueue = options.maxQueue ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`bulkhead limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(maxQueue) || maxQueue < 0) throw new Error(`bulkhead maxQueue must be a non-negative integer, got ${maxQueue}`);
  let active = 0;
  // Entries are set to null when their request goes away while waiting (cheaper than splicing).
  const waiting: ({ admit: () => void } | null)[] = [];
  let queued = 0;

  const release = (): void => {
    while (waiting.length) {
      const next = waiting.shift();
      if (next) {
        queued--;
        next.admit(); // the slot passes straight to the next in line
        return;
      }
    }
    active--;
  };
  const slot = (): (() => void) => {
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      release();
    };
  };
  /** Resolves with the slot's release, or null when the line is full. */
  const enter = (): { ready: Promise<() => void>; cancel: () => void } | null => {
    if (active < limit && queued === 0) {
      active++;
      return { ready: Promise.resolve(slot()), cancel: () => {} };
    }
    if (queued >= maxQueue) return null;
    let resolve!: (free: () => void) => void;
    const ready = new Promise<() => void>((r) => (resolve = r));
    const entry = { admit: () => resolve(slot()) };
    waiting.push(entry);
    queued++;
    return {
      ready,
      cancel: () => {
        const i = waiting.indexOf(entry);
        if (i >= 0) {
          waiting[i] = null;
          queued--;
        }
      },
    };
  };

  return {
    middleware: (_req, res, next) => {
      const entry = enter();
      if (!entry) {
        res.setHeader('retry-after', String(options.retryAfterSeconds ?? 2));
        next(new HttpError(503, 'SERVER_BUSY', options.busyMessage ?? BUSY_MESSAGE));
        return;
      }
      let gone = false;
      // A client that leaves while waiting gives its place up (the response closes before
      // it was sent); one that leaves while running frees its slot the same way.
      const onGone = () => {
        gone = true;
        entry.cancel();
      };
      res.once('close', onGone);
      void entry.ready.then((free) => {
        res.off('close', onGone);
        if (gone) {
          free();
          return;
        }
        res.once('finish', free);
        res.once('close', free);
        next();
      });
    },
    acquire: async () => {
      const entry = enter();
      if (!entry) throw new HttpError(503, 'SERVER_BUSY', options.busyMessage ?? BUSY_MESSAGE);
      return entry.ready;
    },
    stats: () => ({ active, queued, limit }),
  };
};
