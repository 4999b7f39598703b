import { Router } from 'express';
import type { Database } from '../db/database';
import type { QueueSystem } from '../queue/types';

const timed = async (fn: () => Promise<unknown>, timeoutMs: number): Promise<{ ok: boolean; latencyMs: number; error?: string }> => {
  const t = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))]);
    return { ok: true, latencyMs: Math.round((performance.now() - t) * 10) / 10 };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - t), error: (err as Error).message };
  }
};

/** /healthz: the process is alive. /readyz: database and queue answer, with latency; 503 when not. */
export const healthRoutes = (deps: { db: Database; queues: QueueSystem; startedAt: Date }): Router => {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000) });
  });
  r.get('/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([
      timed(() => deps.db.pool.query('SELECT 1'), 2000),
      timed(() => deps.queues.ping(), 2000),
    ]);
    const ok = database.ok && queue.ok;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ready' : 'unavailable',
      checks: { database: { ...database, kind: deps.db.kind }, queue: { ...queue, kind: deps.queues.kind } },
    });
  });
  return r;
};
