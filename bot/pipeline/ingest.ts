import type { Logger } from 'pino';
import { inboundMessageSchema, type InboundMessage } from '../../core/messaging/types';
import type { TenantDb } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { annotateContext } from '../observability/context';
import { resolveCustomer, identityOf } from './resolve-customer';
import { QUEUES, type TurnJob } from './jobs';
import { ttlCache } from './ttl-cache';

export type IngestResult =
  | { readonly status: 'accepted'; readonly messageId: string; readonly conversationId: string; readonly tenantId: string }
  | { readonly status: 'duplicate' }
  | { readonly status: 'invalid'; readonly issues: string[] }
  | { readonly status: 'unknown_channel' }
  | { readonly status: 'channel_disabled' };

export interface IngestDeps {
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly logger: Logger;
  readonly burstWindowMs: number;
}

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'P2002';

/** A unique violation on the message's (channel account, channel message id): a redelivery. */
const isDuplicateMessage = (err: unknown): boolean =>
  isUniqueViolation(err) && /channel_message_id|channelMessageId/.test(JSON.stringify((err as { meta?: unknown }).meta ?? {}));

const MAX_RACE_RETRIES = 3;

/**
 * Step 2-3 of the message path: store the inbound message durably and schedule its
 * conversation turn. The tenant comes from the channel account only. The stored row
 * is the dedupe: (channel account, channel message id) is unique, so a redelivered
 * message is recognised and logged, never processed twice. Returns once the message
 * is committed, so a channel may acknowledge its vendor right after.
 */
export const createIngest = (deps: IngestDeps) => {
  // Which tenant owns a channel account changes (almost) never; its status rarely.
  const accounts = ttlCache<string, Awaited<ReturnType<IngestDeps['tdb']['lookup']['channelAccountById']>>>(10_000);
  const ingest = async (input: unknown, attempt = 0): Promise<IngestResult> => {
  const parsed = inboundMessageSchema.safeParse(input);
  if (!parsed.success) {
    return { status: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const msg: InboundMessage = parsed.data;
  const account = await accounts.get(msg.channelAccountId, () => deps.tdb.lookup.channelAccountById(msg.channelAccountId));
  if (!account) {
    deps.logger.warn({ channelAccountId: msg.channelAccountId }, 'inbound for unknown channel account dropped');
    return { status: 'unknown_channel' };
  }
  if (account.status !== 'active') return { status: 'channel_disabled' };
  annotateContext({ tenantId: account.tenantId });

  try {
    const stored = await deps.tdb.withTenant(account.tenantId, async (tx) => {
      // No read-before-write: the unique index on (channel account, channel message id)
      // decides, and a redelivery rolls this transaction back (caught below).
      const { customerId } = await resolveCustomer(tx, account.tenantId, msg.from);
      const conversation = await tx.conversation.upsert({
        where: {
          tenantId_customerId_channelAccountId: { tenantId: account.tenantId, customerId, channelAccountId: msg.channelAccountId },
        },
        create: {
          tenantId: account.tenantId,
          customerId,
          channelAccountId: msg.channelAccountId,
          channel: account.kind,
          replyTo: msg.from.address,
          lastInboundAt: new Date(msg.receivedAt),
        },
        update: { replyTo: msg.from.address, lastInboundAt: new Date(msg.receivedAt) },
        select: { id: true },
      });
      const message = await tx.message.create({
        data: {
          tenantId: account.tenantId,
          conversationId: conversation.id,
          channelAccountId: msg.channelAccountId,
          direction: 'in',
          channelMessageId: msg.externalMessageId,
          text: msg.text ?? msg.media?.transcript ?? msg.media?.caption ?? msg.choice?.title ?? null,
          media: msg.media ?? undefined,
          payload: { choice: msg.choice ?? null, location: msg.location ?? null, receivedAt: msg.receivedAt },
          status: 'received',
          createdAt: new Date(),
        },
        select: { id: true },
      });
      return { messageId: message.id, conversationId: conversation.id };
    });
    await scheduleTurn(deps, { tenantId: account.tenantId, conversationId: stored.conversationId, messageId: stored.messageId });
    return { status: 'accepted', tenantId: account.tenantId, ...stored };
  } catch (err) {
    if (isDuplicateMessage(err)) {
      deps.logger.info(
        { channelAccountId: msg.channelAccountId, externalMessageId: msg.externalMessageId, reason: 'duplicate', kind: identityOf(msg.from).kind },
        'inbound message dropped as duplicate',
      );
      return { status: 'duplicate' };
    }
    // Another unique constraint (a customer or conversation created concurrently by
    // another server): the other side committed, so a retry finds it. Never drop.
    if (isUniqueViolation(err) && attempt < MAX_RACE_RETRIES) return ingest(input, attempt + 1);
    throw err;
  }
  };
  return (input: unknown) => ingest(input);
};

export const scheduleTurn = (deps: Pick<IngestDeps, 'queues' | 'burstWindowMs'>, job: TurnJob, delayMs = deps.burstWindowMs) =>
  deps.queues.add<TurnJob>(QUEUES.turn, job, { jobId: safeJobId('turn', job.messageId), delayMs, attempts: 6, backoffMs: 500 });
