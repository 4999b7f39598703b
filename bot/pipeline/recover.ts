import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { QUEUES, type EffectJob, type SendJob, type TurnJob } from './jobs';

/**
 * Re-enqueues work whose durable record shows it unfinished: a process killed after
 * storing a message but before its turn ran, or after a commit but before the sends
 * were queued. Job ids are the same as the originals, so work still queued elsewhere
 * is not duplicated, and every handler is idempotent.
 */
export const recoverPendingWork = async (
  deps: { db: Database; queues: QueueSystem; logger: Logger },
  olderThanSeconds = 0,
): Promise<{ turns: number; sends: number; effects: number }> => {
  const { rows } = await deps.db.pool.query<{ kind: string; tenant_id: string; id: string; conversation_id: string | null }>(
    'SELECT * FROM pending_work(make_interval(secs => $1))',
    [olderThanSeconds],
  );
  const counts = { turns: 0, sends: 0, effects: 0 };
  for (const r of rows) {
    if (r.kind === 'turn' && r.conversation_id) {
      await deps.queues.add<TurnJob>(QUEUES.turn, { tenantId: r.tenant_id, conversationId: r.conversation_id, messageId: r.id }, {
        jobId: safeJobId('turn', r.id),
        attempts: 6,
        backoffMs: 500,
      });
      counts.turns++;
    } else if (r.kind === 'send') {
      await deps.queues.add<SendJob>(QUEUES.send, { tenantId: r.tenant_id, messageId: r.id }, { jobId: safeJobId('send', r.id), attempts: 8 });
      counts.sends++;
    } else if (r.kind === 'effect') {
      await deps.queues.add<EffectJob>(QUEUES.effect, { tenantId: r.tenant_id, effectId: r.id }, { jobId: safeJobId('effect', r.id), attempts: 8 });
      counts.effects++;
    }
  }
  if (rows.length) deps.logger.info(counts, 'recovered unfinished work');
  return counts;
};
