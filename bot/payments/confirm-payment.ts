import type { Logger } from 'pino';
import type { Prisma } from '../db/generated/client';
import type { TenantDb, Tx } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { audit, type Actor } from '../pipeline/audit';
import { QUEUES, type SendJob } from '../pipeline/jobs';
import type { StaffNotifier } from '../pipeline/run-effect';
import { paymentMessages } from './messages';

export type PaymentRef = { paymentId: string } | { txid: string } | { provider: string; providerRef: string };

export interface PaymentEventInput {
  readonly tenantId: string;
  /** Who told us: mercadopago | asaas | stripe | manual. */
  readonly source: string;
  /** Unique per (tenant, source): a redelivery carries the same id and changes nothing. */
  readonly eventId: string;
  readonly payload: unknown;
  readonly ref: PaymentRef;
  /** Whether this event says the money arrived; anything else is recorded only. */
  readonly paid: boolean;
  /** What the provider says was paid, when it says; a different amount is not accepted as paid. */
  readonly paidAmountCents?: number | null;
  readonly actor: Actor;
  readonly now: Date;
}

export type PaymentEventStatus = 'paid' | 'duplicate' | 'already_paid' | 'recorded' | 'amount_mismatch' | 'not_found';

export interface PaymentEventOutcome {
  readonly status: PaymentEventStatus;
  readonly paymentId?: string;
  readonly sendMessageId?: string | null;
  readonly notification?: { id: string; kind: string; text: string; orderId: string | null } | null;
}

const findPayment = (tx: Tx, ref: PaymentRef) => {
  if ('paymentId' in ref) return tx.payment.findUnique({ where: { id: ref.paymentId } });
  if ('txid' in ref) return tx.payment.findFirst({ where: { txid: ref.txid } });
  return tx.payment.findFirst({ where: { provider: ref.provider, providerRef: ref.providerRef } });
};

const tellCustomer = async (tx: Tx, tenantId: string, conversationId: string | null, text: string): Promise<string | null> => {
  if (!conversationId) return null;
  const conv = await tx.conversation.findUnique({ where: { id: conversationId } });
  if (!conv) return null;
  const msg = await tx.message.create({
    data: {
      tenantId,
      conversationId,
      channelAccountId: conv.channelAccountId,
      direction: 'out',
      text,
      payload: { text } as Prisma.InputJsonValue,
      status: 'queued',
    },
    select: { id: true },
  });
  return msg.id;
};

/**
 * Applies one payment notification inside the tenant's transaction, exactly once:
 * the event row is unique per (tenant, source, event id), and a payment moves only
 * from pending to paid, so redeliveries and late or out-of-order events (a "pending"
 * after "paid") change nothing. When it does become paid: order.paid_at, audit, a
 * queued "Pagamento recebido!" reply in the order's conversation and a staff notification.
 */
export const applyPaymentEvent = async (tx: Tx, e: PaymentEventInput): Promise<PaymentEventOutcome> => {
  const payment = await findPayment(tx, e.ref);
  if (!payment) return { status: 'not_found' };
  const inserted = await tx.paymentEvent.createMany({
    data: [{ tenantId: e.tenantId, provider: e.source, eventId: e.eventId.slice(0, 200), paymentId: payment.id, payload: (e.payload ?? {}) as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (inserted.count === 0) return { status: 'duplicate', paymentId: payment.id };
  if (!e.paid) return { status: 'recorded', paymentId: payment.id };
  if (e.paidAmountCents != null && e.paidAmountCents !== payment.amountCents) {
    await audit(tx, e.tenantId, e.actor, 'payment.amount_mismatch', 'payment', payment.id, {
      after: { expectedCents: payment.amountCents, paidCents: e.paidAmountCents, source: e.source },
    });
    return { status: 'amount_mismatch', paymentId: payment.id };
  }
  const moved = await tx.payment.updateMany({
    where: { id: payment.id, status: 'pending' },
    data: { status: 'paid', paidAt: e.now, confirmedBy: e.actor.type === 'system' ? e.source : `${e.actor.type}:${e.actor.id ?? ''}` },
  });
  if (moved.count === 0) return { status: 'already_paid', paymentId: payment.id };

  const order = await tx.serviceOrder.findUniqueOrThrow({ where: { id: payment.orderId } });
  if (!order.paidAt) await tx.serviceOrder.update({ where: { id: order.id }, data: { paidAt: e.now } });
  await audit(tx, e.tenantId, e.actor, 'payment.paid', 'payment', payment.id, {
    before: { status: payment.status },
    after: { status: 'paid', amountCents: payment.amountCents, source: e.source, orderId: order.id },
  });
  const sendMessageId = await tellCustomer(tx, e.tenantId, order.conversationId, paymentMessages.customerPaid(order.number, payment.amountCents));
  const text = paymentMessages.staffPaid(order.number, payment.amountCents, paymentMessages.providerName(e.source));
  const n = await tx.notification.upsert({
    where: { tenantId_idempotencyKey: { tenantId: e.tenantId, idempotencyKey: `payment_paid:${payment.id}` } },
    create: { tenantId: e.tenantId, kind: 'payment_received', text, orderId: order.id, conversationId: order.conversationId, idempotencyKey: `payment_paid:${payment.id}` },
    update: {},
  });
  return { status: 'paid', paymentId: payment.id, sendMessageId, notification: { id: n.id, kind: n.kind, text: n.text, orderId: n.orderId } };
};

export interface PublishDeps {
  readonly queues: QueueSystem;
  readonly notifiers?: readonly StaffNotifier[];
  readonly logger?: Logger;
}

/** After commit: queue the customer's reply and wake the staff notifiers (Telegram…). */
export const publishPaymentOutcome = async (deps: PublishDeps, tenantId: string, outcome: PaymentEventOutcome): Promise<void> => {
  if (outcome.status !== 'paid') return;
  if (outcome.sendMessageId) {
    await deps.queues.add<SendJob>(QUEUES.send, { tenantId, messageId: outcome.sendMessageId }, { jobId: safeJobId('send', outcome.sendMessageId) });
  }
  const n = outcome.notification;
  if (!n) return;
  await Promise.all(
    (deps.notifiers ?? []).map((notifier) =>
      notifier.notify(tenantId, { kind: n.kind, text: n.text, orderId: n.orderId, notificationId: n.id }).catch((err: Error) => {
        deps.logger?.warn({ err: err.message, notificationId: n.id }, 'staff notifier failed');
      }),
    ),
  );
};

export type ManualConfirmation = {
  readonly tenantId: string;
  readonly userId: string;
  readonly now?: Date;
} & ({ readonly paymentId: string } | { readonly orderId: string });

export type ManualConfirmResult =
  | { ok: true; status: 'paid' | 'already_paid'; paymentId: string }
  | { ok: false; code: 'PAYMENT_NOT_FOUND' | 'AMOUNT_MISMATCH' };

/**
 * Staff confirm a payment by hand (static Pix, cash at the counter): the same
 * exactly-once path as a provider's webhook. By order, the latest pending payment is
 * confirmed (or the paid one, making a repeated confirmation a no-op).
 */
export const confirmPaymentManually = async (tdb: TenantDb, cmd: ManualConfirmation, deps: PublishDeps): Promise<ManualConfirmResult> => {
  const outcome = await tdb.withTenant(cmd.tenantId, async (tx) => {
    const payment =
      'paymentId' in cmd
        ? await tx.payment.findUnique({ where: { id: cmd.paymentId } })
        : ((await tx.payment.findFirst({ where: { orderId: cmd.orderId, status: 'pending' }, orderBy: { createdAt: 'desc' } })) ??
          (await tx.payment.findFirst({ where: { orderId: cmd.orderId, status: 'paid' }, orderBy: { createdAt: 'desc' } })));
    if (!payment) return { status: 'not_found' } as PaymentEventOutcome;
    return applyPaymentEvent(tx, {
      tenantId: cmd.tenantId,
      source: 'manual',
      eventId: `manual:${payment.id}`,
      payload: { userId: cmd.userId },
      ref: { paymentId: payment.id },
      paid: true,
      actor: { type: 'staff', id: cmd.userId },
      now: cmd.now ?? new Date(),
    });
  });
  await publishPaymentOutcome(deps, cmd.tenantId, outcome);
  if (outcome.status === 'not_found' || !outcome.paymentId) return { ok: false, code: 'PAYMENT_NOT_FOUND' };
  if (outcome.status === 'amount_mismatch') return { ok: false, code: 'AMOUNT_MISMATCH' };
  return { ok: true, status: outcome.status === 'paid' ? 'paid' : 'already_paid', paymentId: outcome.paymentId };
};
