import type { OrderStatus } from '../../flows/types';
import type { Tx } from '../db/tenant-db';
import { audit, type Actor } from './audit';

const TIMESTAMP_FOR: Partial<Record<OrderStatus, 'readyAt' | 'deliveredAt' | 'closedAt'>> = {
  pronta: 'readyAt',
  entregue: 'deliveredAt',
  cancelada: 'closedAt',
  recusada: 'closedAt',
};

/**
 * Moves an order to a new status, recording who, when, from and to (order event +
 * audit). Validation of the move itself is the caller's (the order state machine).
 */
export const setOrderStatus = async (
  tx: Tx,
  tenantId: string,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  note?: string,
): Promise<{ from: OrderStatus; to: OrderStatus } | null> => {
  const order = await tx.serviceOrder.findUnique({ where: { id: orderId }, select: { status: true } });
  if (!order) return null;
  const from = order.status as OrderStatus;
  if (from === to) return { from, to };
  const now = new Date();
  const stamp = TIMESTAMP_FOR[to];
  await tx.serviceOrder.update({
    where: { id: orderId },
    data: { status: to, statusChangedAt: now, ...(stamp ? { [stamp]: now } : {}), ...(to === 'entregue' ? { closedAt: now } : {}) },
  });
  await tx.orderEvent.create({
    data: { tenantId, orderId, fromState: from, toState: to, actorType: actor.type, actorId: actor.id ?? null, note: note ?? null },
  });
  await audit(tx, tenantId, actor, 'order.status_changed', 'service_order', orderId, { before: { status: from }, after: { status: to } });
  return { from, to };
};

/** Next per-tenant number (OS #1, #2, ...), gap-free within committed transactions. */
export const nextOrderNumber = async (tx: Tx, tenantId: string): Promise<number> => {
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO tenant_counters (tenant_id, name, value) VALUES (${tenantId}::uuid, 'service_order', 1)
    ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1
    RETURNING value`;
  return rows[0]!.value;
};
