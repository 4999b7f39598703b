import type { OrderStatus } from '../../flows/types';
import type { Tx } from '../db/tenant-db';
import type { Actor } from './audit';
import { currentContext } from '../observability/context';

/** The column stamped when an order enters a status (entregue also closes it). */
const STAMPS: Partial<Record<OrderStatus, readonly string[]>> = {
  pronta: ['ready_at'],
  entregue: ['delivered_at', 'closed_at'],
  cancelada: ['closed_at'],
  recusada: ['closed_at'],
};

/**
 * Moves an order to a new status, recording who, when, from and to (order event +
 * audit), in one statement under a row lock. Validation of the move itself is the
 * caller's (the order state machine). Returns null for an unknown order.
 */
export const setOrderStatus = async (
  tx: Tx,
  tenantId: string,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  note?: string,
): Promise<{ from: OrderStatus; to: OrderStatus } | null> => {
  const stamps = (STAMPS[to] ?? []).map((c) => `, ${c} = $3`).join('');
  const [row] = await tx.$queryRawUnsafe<{ from_status: string }[]>(
    `WITH cur AS (SELECT id, status FROM service_orders WHERE id = $1::uuid FOR UPDATE),
          upd AS (UPDATE service_orders o SET status = $2, status_changed_at = $3, updated_at = $3${stamps}
                    FROM cur WHERE o.id = cur.id AND cur.status <> $2 RETURNING cur.status AS from_status),
          ev AS (INSERT INTO order_events (tenant_id, order_id, from_status, to_status, actor_type, actor_id, note)
                 SELECT $4::uuid, $1::uuid, upd.from_status, $2, $5, $6, $7 FROM upd),
          au AS (INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, before, after, trace_id)
                 SELECT $4::uuid, $5, $6, 'order.status_changed', 'service_order', $1, jsonb_build_object('status', upd.from_status),
                        jsonb_build_object('status', $2::text), $8 FROM upd)
     SELECT status AS from_status FROM cur`,
    orderId, to, new Date(), tenantId, actor.type, actor.id ?? null, note ?? null, currentContext()?.traceId ?? null,
  );
  return row ? { from: row.from_status as OrderStatus, to } : null;
};

/** Next per-tenant number (OS #1, #2, ...), gap-free within committed transactions. */
export const nextOrderNumber = async (tx: Tx, tenantId: string): Promise<number> => {
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO tenant_counters (tenant_id, name, value) VALUES (${tenantId}::uuid, 'service_order', 1)
    ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1
    RETURNING value`;
  return rows[0]!.value;
};
