import type { OutboundMessage } from '../../core/messaging/types';
import type { Prisma } from '../db/generated/client';
import type { Tx } from '../db/tenant-db';
import { QUEUES, type EffectJob, type SendJob } from '../pipeline/jobs';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';

const SEND_OPTS = { attempts: 8, backoffMs: 1000 } as const;

/** Work to enqueue once the transaction that produced it has committed (outbox pattern). */
export interface Pending {
  readonly sends: string[];
  readonly effects: string[];
}
export const newPending = (): Pending => ({ sends: [], effects: [] });

/** Stores a queued outbound message on the conversation; its send job goes out after commit. */
export const tellCustomer = async (tx: Tx, tenantId: string, conversationId: string, message: OutboundMessage, pending: Pending): Promise<string | null> => {
  const conv = await tx.conversation.findUnique({ where: { id: conversationId } });
  if (!conv) return null;
  const row = await tx.message.create({
    data: {
      tenantId, conversationId, channelAccountId: conv.channelAccountId, direction: 'out', text: message.text,
      payload: message as Prisma.InputJsonValue, status: 'queued',
    },
    select: { id: true },
  });
  pending.sends.push(row.id);
  return row.id;
};

export const flush = async (queues: QueueSystem, tenantId: string, pending: Pending, retryTag?: string): Promise<void> => {
  await Promise.all([
    ...pending.sends.map((messageId) =>
      queues.add<SendJob>(QUEUES.send, { tenantId, messageId }, { jobId: safeJobId('send', messageId, ...(retryTag ? [retryTag] : [])), ...SEND_OPTS }),
    ),
    ...pending.effects.map((effectId) =>
      queues.add<EffectJob>(QUEUES.effect, { tenantId, effectId }, { jobId: safeJobId('effect', effectId), ...SEND_OPTS }),
    ),
  ]);
};
