import type { FlowContext, VehicleSummary } from '../../flows/types';
import type { Tx } from '../db/tenant-db';
import { CLOSED_STATUSES, ORDER_JSON, toOrderSummary, type RawOrder } from './summaries';

/**
 * The turn's reads and writes as a handful of plain SQL statements inside the turn's
 * transaction (row-level security applies as to any statement). A turn used to issue
 * ~20 ORM statements; each costs far more client CPU than the database work it asks for.
 * The open order uses the same JSON fragments as summaries.ts (orderSummary).
 */
const q = <R>(tx: Tx, text: string, ...values: unknown[]): Promise<R[]> => tx.$queryRawUnsafe<R[]>(text, ...values);

export interface LockedConversation {
  readonly id: string;
  readonly customerId: string;
  readonly channelAccountId: string;
  readonly channel: string;
  readonly handledBy: string;
  readonly handoffUntil: Date | null;
  readonly state: unknown;
}

/** Locks the conversation row for the turn (turns of one conversation never overlap). */
export const lockConversation = async (tx: Tx, conversationId: string): Promise<LockedConversation | null> => {
  const [c] = await q<{ id: string; customer_id: string; channel_account_id: string; channel: string; handled_by: string; handoff_until: Date | null; state: unknown }>(
    tx,
    `SELECT id, customer_id, channel_account_id, channel, handled_by, handoff_until, state
       FROM conversations WHERE id = $1::uuid FOR UPDATE`,
    conversationId,
  );
  return c
    ? { id: c.id, customerId: c.customer_id, channelAccountId: c.channel_account_id, channel: c.channel, handledBy: c.handled_by, handoffUntil: c.handoff_until, state: c.state }
    : null;
};

export interface PendingMessage {
  readonly id: string;
  text: string | null;
  readonly media: unknown;
  readonly payload: unknown;
  readonly createdAt: Date;
}

interface ContextRow {
  customer: { name: string | null; optedOut: boolean } | null;
  vehicles: VehicleSummary[];
  open_order: RawOrder | null;
}

const CLOSED = CLOSED_STATUSES.map((s) => `'${s}'`).join(', ');

/** Customer, vehicles and open order (latest quote with lines, pending payment), as JSON columns. $1 = customer id. */
const CONTEXT_COLUMNS = `
  (SELECT jsonb_build_object('name', c.name, 'optedOut', c.opted_out_at IS NOT NULL) FROM customers c WHERE c.id = $1::uuid) AS customer,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'familyId', v.family_id, 'brand', v.brand, 'model', v.model,
            'year', v.year, 'plate', v.plate, 'km', v.km) ORDER BY v.updated_at DESC), '[]'::jsonb)
     FROM vehicles v WHERE v.customer_id = $1::uuid) AS vehicles,
  (SELECT ${ORDER_JSON} FROM service_orders o WHERE o.customer_id = $1::uuid AND o.status NOT IN (${CLOSED})
     ORDER BY o.opened_at DESC LIMIT 1) AS open_order`;

export type TurnFacts = Omit<FlowContext, 'now' | 'tenant' | 'channel'>;

const toFacts = (row: ContextRow | undefined): TurnFacts => ({
  customer: { name: row?.customer?.name ?? null, optedOut: row?.customer?.optedOut ?? false, vehicles: row?.vehicles ?? [] },
  openOrder: row?.open_order ? toOrderSummary(row.open_order) : null,
});

/**
 * After the lock: the triggering message's status, the conversation's unprocessed inbound
 * messages (oldest first) and the flow's facts, in one statement. Read after the lock,
 * so a turn that waited for another sees what that one committed.
 */
export const loadTurn = async (
  tx: Tx,
  conversationId: string,
  customerId: string,
  triggerId: string,
): Promise<{ triggerStatus: string | null; pending: PendingMessage[]; facts: TurnFacts }> => {
  const [row] = await q<ContextRow & { trigger_status: string | null; pending: (Omit<PendingMessage, 'createdAt'> & { createdAt: string })[] }>(
    tx,
    `SELECT (SELECT status FROM messages WHERE id = $3::uuid AND conversation_id = $2::uuid) AS trigger_status,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'text', m.text, 'media', m.media, 'payload', m.payload,
                      'createdAt', m.created_at) ORDER BY m.created_at, m.id), '[]'::jsonb)
               FROM messages m WHERE m.conversation_id = $2::uuid AND m.direction = 'in' AND m.status = 'received') AS pending,
            ${CONTEXT_COLUMNS}`,
    customerId,
    conversationId,
    triggerId,
  );
  return {
    triggerStatus: row?.trigger_status ?? null,
    pending: (row?.pending ?? []).map((m) => ({ ...m, createdAt: new Date(m.createdAt) })),
    facts: toFacts(row),
  };
};

/** The flow's facts again, after database effects changed them. */
export const loadFacts = async (tx: Tx, customerId: string): Promise<TurnFacts> => {
  const [row] = await q<ContextRow>(tx, `SELECT ${CONTEXT_COLUMNS}`, customerId);
  return toFacts(row);
};

export const markProcessed = (tx: Tx, ids: readonly string[]) =>
  q(tx, `UPDATE messages SET status = 'processed' WHERE id = ANY($1::uuid[]) AND status = 'received'`, ids);

export interface TurnWrites {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly channelAccountId: string;
  /** New flow state; undefined leaves the conversation untouched. */
  readonly state?: { readonly value: unknown; readonly version: number };
  readonly replies: readonly { readonly text: string | null; readonly payload: unknown }[];
  readonly effects: readonly { readonly idempotencyKey: string; readonly kind: string; readonly payload: unknown }[];
}

/**
 * The turn's outcome in one statement: the conversation's new state, the replies as
 * queued outbound messages and the outbox effects. Returns the new rows' ids, in order.
 */
export const writeTurn = async (tx: Tx, w: TurnWrites): Promise<{ sends: string[]; effects: string[] }> => {
  const [row] = await q<{ sends: string[] | null; effects: string[] | null }>(
    tx,
    `WITH st AS (
       UPDATE conversations SET state = $3::jsonb, state_version = $4, revision = revision + 1, updated_at = now()
        WHERE id = $2::uuid AND $5::boolean RETURNING id),
     r AS (
       INSERT INTO messages (tenant_id, conversation_id, channel_account_id, direction, text, payload, status, created_at)
       SELECT $1::uuid, $2::uuid, $6::uuid, 'out', x.text, x.payload, 'queued', t0.at + (x.ord - 1) * interval '1 millisecond'
         FROM ROWS FROM (jsonb_to_recordset($7::jsonb) AS (text text, payload jsonb)) WITH ORDINALITY AS x(text, payload, ord),
              (SELECT clock_timestamp() AS at) t0
       RETURNING id, created_at),
     e AS (
       INSERT INTO outbox_effects (tenant_id, conversation_id, idempotency_key, kind, payload)
       SELECT $1::uuid, $2::uuid, x.key, x.kind, x.payload
         FROM jsonb_to_recordset($8::jsonb) AS x(key text, kind text, payload jsonb)
       RETURNING id)
     SELECT (SELECT array_agg(id ORDER BY created_at) FROM r) AS sends, (SELECT array_agg(id) FROM e) AS effects`,
    w.tenantId,
    w.conversationId,
    JSON.stringify(w.state?.value ?? {}),
    w.state?.version ?? 0,
    w.state !== undefined,
    w.channelAccountId,
    JSON.stringify(w.replies.map((r) => ({ text: r.text, payload: r.payload }))),
    JSON.stringify(w.effects.map((e) => ({ key: e.idempotencyKey, kind: e.kind, payload: e.payload }))),
  );
  return { sends: row?.sends ?? [], effects: row?.effects ?? [] };
};
