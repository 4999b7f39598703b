import type { Logger } from 'pino';
import type { ExternalEffect } from '../../flows/types';
import type { Prisma } from '../db/generated/client';
import type { TenantDb, Tx } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { audit } from './audit';
import { QUEUES, type EffectJob, type SendJob } from './jobs';
import { createPaymentLink } from '../payments/create-payment-link';
import type { PaymentOptions } from '../payments/options';
import type { SecretBox } from '../security/crypto';

/** Delivers a staff notification beyond the admin web (e.g. to linked staff on Telegram). */
export interface StaffNotifier {
  notify(tenantId: string, n: { kind: string; text: string; orderId?: string | null; notificationId: string }): Promise<void>;
}

export interface EffectDeps {
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly logger: Logger;
  readonly notifiers: readonly StaffNotifier[];
  readonly secrets: SecretBox;
  readonly paymentOptions: PaymentOptions;
}

type StoredEffect = ExternalEffect & { customerId?: string };

/**
 * A payment request for the order's approved total, with the shop's provider (or its
 * static Pix key), as a reply in the order's conversation. A provider that is down
 * throws, so the effect is retried with backoff.
 */
const requestPayment = async (
  tx: Tx,
  deps: EffectDeps,
  tenantId: string,
  conversationId: string | null,
  orderId: string,
): Promise<string | null> => {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const order = await tx.serviceOrder.findUniqueOrThrow({
    where: { id: orderId },
    include: { quotes: { where: { status: { in: ['approved', 'partially_approved'] } }, orderBy: { version: 'desc' }, take: 1, include: { lines: true } } },
  });
  const quote = order.quotes[0];
  const conversation = conversationId ?? order.conversationId;
  if (!quote || !conversation) return null;
  const amountCents = quote.lines.filter((l) => l.decision === 'approved').reduce((s, l) => s + l.totalCents, 0);
  const link = await createPaymentLink(
    tx,
    { tenant, order: { id: order.id, number: order.number, customerId: order.customerId }, amountCents, quoteId: quote.id },
    { secrets: deps.secrets, options: deps.paymentOptions },
  );
  if (!link.ok) {
    if (link.code === 'PROVIDER_UNAVAILABLE') throw new Error('provedor de pagamento indisponível');
    deps.logger.warn({ orderId, code: link.code }, 'payment link not created');
    return null;
  }
  if (link.created) {
    await audit(tx, tenantId, { type: 'system' }, 'payment.requested', 'service_order', orderId, { after: { amountCents, provider: link.provider } });
  }
  const conv = await tx.conversation.findUniqueOrThrow({ where: { id: conversation } });
  const msg = await tx.message.create({
    data: {
      tenantId,
      conversationId: conversation,
      channelAccountId: conv.channelAccountId,
      direction: 'out',
      text: link.reply.text,
      payload: link.reply as Prisma.InputJsonValue,
      status: 'queued',
    },
    select: { id: true },
  });
  return msg.id;
};

/**
 * Executes one outbox effect exactly once in effect: the row is marked done in the
 * same transaction as its database writes, and notifications carry the effect id as
 * idempotency key, so a retried job changes nothing twice.
 */
export const createRunEffect = (deps: EffectDeps) => async (job: EffectJob): Promise<'done' | 'skipped'> => {
  // Staff notifications, the common effect, in one short transaction of plain SQL; the
  // notification's idempotency key is the effect id, so a retry finds the same row.
  const fast = await deps.tdb.withTenantSql(job.tenantId, async (sql) => {
    const [row] = await sql.query<{ kind: string; status: string }>('SELECT kind, status FROM outbox_effects WHERE id = $1::uuid FOR UPDATE', [job.effectId]);
    if (!row || row.status === 'done') return { skipped: true as const };
    if (row.kind !== 'notify_staff') return null;
    const [n] = await sql.query<{ id: string; kind: string; text: string; order_id: string | null }>(
      `WITH e AS (SELECT id, conversation_id, payload FROM outbox_effects WHERE id = $1::uuid),
            n AS (INSERT INTO notifications (tenant_id, kind, text, order_id, conversation_id, idempotency_key)
                  SELECT $2::uuid, e.payload->>'kind', e.payload->>'text', (e.payload->>'orderId')::uuid, e.conversation_id, e.id::text FROM e
                  ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET kind = notifications.kind
                  RETURNING id, kind, text, order_id),
            d AS (UPDATE outbox_effects SET status = 'done', done_at = now(), attempts = attempts + 1 WHERE id = $1::uuid RETURNING id)
       SELECT n.id, n.kind, n.text, n.order_id FROM n, d`,
      [job.effectId, job.tenantId],
    );
    return { skipped: false as const, notification: n ? { id: n.id, kind: n.kind, text: n.text, orderId: n.order_id } : null };
  });
  if (fast?.skipped) return 'skipped';
  const result = fast ? { sendId: null, notification: fast.notification } : await deps.tdb.withTenant(job.tenantId, async (tx) => {
    const row = await tx.outboxEffect.findUnique({ where: { id: job.effectId } });
    if (!row || row.status === 'done') return null;
    const effect = row.payload as unknown as StoredEffect;
    let sendId: string | null = null;
    let notification: { id: string; kind: string; text: string; orderId: string | null } | null = null;
    if (effect.type === 'notify_staff') {
      const n = await tx.notification.upsert({
        where: { tenantId_idempotencyKey: { tenantId: job.tenantId, idempotencyKey: row.id } },
        create: {
          tenantId: job.tenantId,
          kind: effect.kind,
          text: effect.text,
          orderId: effect.orderId ?? null,
          conversationId: row.conversationId,
          idempotencyKey: row.id,
        },
        update: {},
      });
      notification = { id: n.id, kind: n.kind, text: n.text, orderId: n.orderId };
    } else if (effect.type === 'request_payment') {
      sendId = await requestPayment(tx, deps, job.tenantId, row.conversationId, effect.orderId);
    }
    await tx.outboxEffect.update({ where: { id: row.id }, data: { status: 'done', doneAt: new Date(), attempts: { increment: 1 } } });
    return { sendId, notification };
  });
  if (!result) return 'skipped';
  if (result.sendId) {
    await deps.queues.add<SendJob>(QUEUES.send, { tenantId: job.tenantId, messageId: result.sendId }, { jobId: safeJobId('send', result.sendId) });
  }
  if (result.notification) {
    const n = result.notification;
    await Promise.all(
      deps.notifiers.map((notifier) =>
        notifier.notify(job.tenantId, { kind: n.kind, text: n.text, orderId: n.orderId, notificationId: n.id }).catch((err: Error) => {
          deps.logger.warn({ err: err.message, notificationId: n.id }, 'staff notifier failed');
        }),
      ),
    );
  }
  return 'done';
};
