import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { TenantDb } from '../db/tenant-db';
import { summarize, type Summary } from './stats';

/**
 * The architecture floor: the pipeline's durable steps with no application logic, on the
 * same PostgreSQL, Redis and BullMQ. Per message: store it (ingest_inbound, one tenant
 * transaction), a turn job, a turn (lock the conversation, read the pending input, mark
 * it processed and insert a reply, one tenant transaction), a send job and a send (mark
 * the reply sent). No NLU, no flow, no ORM. Whatever the real pipeline does, it cannot
 * beat this on the same machine: it is what "durable, ordered, exactly-once per message
 * through a queue" costs here.
 */
export interface SkeletonResult {
  readonly messages: number;
  readonly seconds: number;
  readonly msgsPerSecond: number;
  readonly latency: Summary;
}

export const measureSkeleton = async (opts: {
  tdb: TenantDb;
  redisUrl: string;
  prefix: string;
  accounts: readonly { tenantId: string; channelAccountId: string }[];
  customers: number;
  messagesPerCustomer: number;
  concurrency: number;
  timeoutMs: number;
}): Promise<SkeletonResult> => {
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const wconn = connection.duplicate();
  const sconn = connection.duplicate();
  const turnQ = new Queue('sk_turn', { connection, prefix: opts.prefix });
  const sendQ = new Queue('sk_send', { connection, prefix: opts.prefix });
  const jobOpts = { attempts: 6, removeOnComplete: { age: 86_400, count: 100_000 }, removeOnFail: { age: 604_800 } };
  const waiting = new Map<string, (ms: number) => void>();
  const started = new Map<string, number>();

  const turnWorker = new Worker(
    'sk_turn',
    async (job) => {
      const { tenantId, conversationId, messageId } = job.data as { tenantId: string; conversationId: string; messageId: string };
      const replyId = await opts.tdb.withTenantSql(tenantId, async (sql) => {
        await sql.query('SELECT id FROM conversations WHERE id = $1::uuid FOR UPDATE', [conversationId]);
        const [row] = await sql.query<{ reply: string | null }>(
          `WITH p AS (UPDATE messages SET status = 'processed' WHERE conversation_id = $1::uuid AND direction = 'in' AND status = 'received' RETURNING id),
                s AS (UPDATE conversations SET revision = revision + 1 WHERE id = $1::uuid RETURNING channel_account_id)
           INSERT INTO messages (tenant_id, conversation_id, channel_account_id, direction, text, status)
           SELECT $2::uuid, $1::uuid, s.channel_account_id, 'out', 'ok', 'queued' FROM s WHERE EXISTS (SELECT 1 FROM p)
           RETURNING id AS reply`,
          [conversationId, tenantId],
        );
        return row?.reply ?? null;
      });
      if (replyId) {
        await sendQ.add('send', { tenantId, messageId: replyId }, { ...jobOpts, jobId: `s_${replyId}` });
        const t = started.get(messageId);
        if (t !== undefined) waiting.get(messageId)?.(performance.now() - t);
      }
    },
    { connection: wconn, prefix: opts.prefix, concurrency: opts.concurrency },
  );
  const sendWorker = new Worker(
    'sk_send',
    async (job) => {
      const { tenantId, messageId } = job.data as { tenantId: string; messageId: string };
      await opts.tdb.withTenantSql(tenantId, (sql) =>
        sql.query(`UPDATE messages SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE id = $1::uuid AND status = 'queued'`, [messageId]),
      );
    },
    { connection: sconn, prefix: opts.prefix, concurrency: opts.concurrency },
  );
  turnWorker.on('error', () => {});
  sendWorker.on('error', () => {});
  await Promise.all([turnWorker.waitUntilReady(), sendWorker.waitUntilReady()]);

  const stamp = Date.now().toString(36);
  let seq = 0;
  const latencies: number[] = [];
  const one = async (account: { tenantId: string; channelAccountId: string }, session: string) => {
    const externalId = `sk-${stamp}-${++seq}`;
    const t0 = performance.now();
    const stored = await opts.tdb.withTenantSql(account.tenantId, async (sql) => {
      const [row] = await sql.query<{ message_id: string; conversation_id: string }>(
        `SELECT message_id, conversation_id FROM ingest_inbound($1, $2, 'webchat', 'webchat', $3, NULL, NULL, NULL, $3, now(), clock_timestamp(), $4, 'oi', NULL, '{}'::jsonb)`,
        [account.tenantId, account.channelAccountId, session, externalId],
      );
      return row!;
    });
    const replied = new Promise<number>((resolve, reject) => {
      waiting.set(stored.message_id, resolve);
      setTimeout(() => reject(new Error('timeout')), opts.timeoutMs).unref();
    });
    started.set(stored.message_id, t0);
    await turnQ.add('turn', { tenantId: account.tenantId, conversationId: stored.conversation_id, messageId: stored.message_id }, { ...jobOpts, jobId: `t_${stored.message_id}` });
    latencies.push(await replied.finally(() => (waiting.delete(stored.message_id), started.delete(stored.message_id))));
  };

  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.customers }, async (_, i) => {
      const account = opts.accounts[i % opts.accounts.length]!;
      for (let m = 0; m < opts.messagesPerCustomer; m++) await one(account, `sk-${stamp}-c${i}`).catch(() => undefined);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all([turnWorker.close(), sendWorker.close()]).catch(() => {});
  await Promise.all([turnQ.close(), sendQ.close()]).catch(() => {});
  await Promise.all([connection, wconn, sconn].map((c) => c.quit().catch(() => {})));
  return { messages: latencies.length, seconds, msgsPerSecond: latencies.length / seconds, latency: summarize(latencies) };
};
