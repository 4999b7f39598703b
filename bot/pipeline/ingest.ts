import type { Logger } from 'pino';
import { inboundMessageSchema, type InboundMessage } from '../../core/messaging/types';
import type { TenantDb } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { annotateContext } from '../observability/context';
import { identityOf } from './resolve-customer';
import { phoneKey } from '../../core/domain/phone';
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

/** PostgreSQL's unique_violation. */
const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === '23505';

/** The value with every U+0000 removed from its strings (and from object keys). */
const withoutNul = <T>(value: T): T => {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
};

/** Thrown inside the transaction when the message is a redelivery, so nothing of it commits. */
class DuplicateInbound extends Error {}

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
  // PostgreSQL text and jsonb cannot hold U+0000; a stray NUL must not turn a message into an error.
  const msg: InboundMessage = withoutNul(parsed.data);
  const account = await accounts.get(msg.channelAccountId, () => deps.tdb.lookup.channelAccountById(msg.channelAccountId));
  if (!account) {
    deps.logger.warn({ channelAccountId: msg.channelAccountId }, 'inbound for unknown channel account dropped');
    return { status: 'unknown_channel' };
  }
  if (account.status !== 'active') return { status: 'channel_disabled' };
  annotateContext({ tenantId: account.tenantId });

  const id = identityOf(msg.from);
  const text = msg.text ?? msg.media?.transcript ?? msg.media?.caption ?? msg.choice?.title ?? null;
  try {
    // One function call stores the message (see migration ingest_inbound): customer found
    // or created under a per-address lock, conversation upserted, message inserted unless
    // (channel account, channel message id) is already there. No read-before-write.
    const stored = await deps.tdb.withTenantSql(account.tenantId, async (sql) => {
      const [row] = await sql.query<{ message_id: string | null; conversation_id: string }>(
        'SELECT message_id, conversation_id FROM ingest_inbound($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb)',
        [
          account.tenantId, msg.channelAccountId, account.kind,
          id.kind, id.address, id.phone, id.phone ? (phoneKey(id.phone) ?? id.phone) : null, msg.from.name ?? null,
          msg.from.address, new Date(msg.receivedAt), new Date(),
          msg.externalMessageId, text, msg.media ? JSON.stringify(msg.media) : null,
          JSON.stringify({ choice: msg.choice ?? null, location: msg.location ?? null, receivedAt: msg.receivedAt }),
        ],
      );
      if (!row?.message_id) throw new DuplicateInbound(); // rolls back the conversation touch too
      return { messageId: row.message_id, conversationId: row.conversation_id };
    });
    await scheduleTurn(deps, { tenantId: account.tenantId, conversationId: stored.conversationId, messageId: stored.messageId });
    return { status: 'accepted', tenantId: account.tenantId, ...stored };
  } catch (err) {
    if (err instanceof DuplicateInbound) {
      deps.logger.info(
        { channelAccountId: msg.channelAccountId, externalMessageId: msg.externalMessageId, reason: 'duplicate', kind: id.kind },
        'inbound message dropped as duplicate',
      );
      return { status: 'duplicate' };
    }
    // Another unique constraint (a conversation created concurrently by another server
    // for a customer that already existed): the other side committed, so a retry finds it.
    if (isUniqueViolation(err) && attempt < MAX_RACE_RETRIES) return ingest(input, attempt + 1);
    throw err;
  }
  };
  return (input: unknown) => ingest(input);
};

export const scheduleTurn = (deps: Pick<IngestDeps, 'queues' | 'burstWindowMs'>, job: TurnJob, delayMs = deps.burstWindowMs) =>
  deps.queues.add<TurnJob>(QUEUES.turn, job, { jobId: safeJobId('turn', job.messageId), delayMs, attempts: 6, backoffMs: 500 });
