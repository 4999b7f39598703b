import { z } from 'zod';
import type { NluResult } from '../core/nlu/types';
import type { OutboundMessage } from '../core/messaging/types';
import type { ServiceCode } from '../core/domain/services';

/**
 * The contract between the conversation flows (pure) and the worker that runs them.
 * A flow is `step(state, event, ctx) → { state, effects }`. Effects are data: the
 * worker applies database effects in the same transaction as the new state and feeds
 * their results back as events (e.g. `create_quote` → `quote_created`); external
 * effects (sending, notifying staff) go through the outbox, each idempotent.
 */

export type WeekdayKey = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
/** e.g. { mon: [["08:00","12:00"],["13:00","18:00"]], sun: [] } in the shop's time zone. */
export type OpeningHours = Partial<Record<WeekdayKey, [string, string][]>>;

export interface VehicleSummary {
  readonly id: string;
  readonly familyId: string | null;
  readonly brand: string | null;
  readonly model: string | null;
  readonly year: number | null;
  readonly plate: string | null;
  readonly km: number | null;
}

export type { OrderStatus } from '../core/domain/order-status';
import type { OrderStatus } from '../core/domain/order-status';

export interface QuoteLineSummary {
  /** 1-based, as shown to the customer. */
  readonly number: number;
  readonly description: string;
  readonly kind: 'part' | 'labour';
  readonly quantity: number;
  readonly totalCents: number;
  readonly optional: boolean;
  readonly decision: 'pending' | 'approved' | 'rejected';
}

export interface QuoteSummary {
  readonly id: string;
  readonly version: number;
  readonly status: string;
  readonly totalCents: number;
  readonly validUntil: string; // ISO date
  readonly lines: readonly QuoteLineSummary[];
  readonly unpriced: readonly string[]; // pt-BR descriptions of what staff must price
  readonly needsStaffReview: boolean;
  /** A short pt-BR explanation of the work for the customer (written by the model; never numbers). */
  readonly explanation?: string | null;
}

export interface OrderSummary {
  readonly id: string;
  readonly number: number;
  readonly status: OrderStatus;
  readonly complaint: string | null;
  readonly scheduledAt: string | null;
  readonly quote: QuoteSummary | null;
  readonly paymentPending?: { amountCents: number; pixCode: string | null; linkUrl: string | null } | null;
  /** Signed link to the customer portal for this order (quote, approval, Pix), when available. */
  readonly portalUrl?: string | null;
}

export interface FlowContext {
  readonly now: Date;
  readonly tenant: {
    readonly name: string;
    readonly timezone: string;
    readonly openingHours: OpeningHours;
    readonly phone: string | null;
    readonly address: string | null;
  };
  readonly customer: {
    readonly name: string | null;
    readonly optedOut: boolean;
    readonly vehicles: readonly VehicleSummary[];
  };
  /** The customer's most recent order that is not delivered/cancelled/refused, if any. */
  readonly openOrder: OrderSummary | null;
  readonly channel: { readonly buttons: boolean };
}

export type FlowEvent =
  | { readonly type: 'message'; readonly messageId: string; readonly text: string; readonly nlu: NluResult; readonly choiceId?: string }
  | { readonly type: 'order_opened'; readonly order: OrderSummary }
  | { readonly type: 'quote_created'; readonly order: OrderSummary; readonly quote: QuoteSummary }
  | { readonly type: 'quote_decided'; readonly order: OrderSummary; readonly quote: QuoteSummary; readonly decision: 'approved' | 'rejected' | 'partial' }
  | { readonly type: 'effect_failed'; readonly effect: Effect['type']; readonly code: string };

export interface DraftVehicle {
  readonly familyId?: string;
  readonly brand?: string;
  readonly model?: string;
  readonly year?: number;
  readonly km?: number;
  readonly plate?: string;
}

/** Database effects: applied by the worker inside the turn's transaction. */
export type DbEffect =
  | { readonly type: 'save_customer'; readonly name?: string }
  | { readonly type: 'save_vehicle'; readonly vehicle: DraftVehicle }
  | { readonly type: 'open_order'; readonly complaint: string; readonly services: readonly ServiceCode[]; readonly vehicle: DraftVehicle }
  | { readonly type: 'create_quote'; readonly orderId: string; readonly services: readonly ServiceCode[]; readonly familyId: string | null }
  | { readonly type: 'decide_quote'; readonly quoteId: string; readonly decision: 'approved' | 'rejected' | 'partial'; readonly lineNumbers?: readonly number[]; readonly messageId: string }
  | { readonly type: 'schedule_dropoff'; readonly orderId: string | null; readonly at: string /* ISO */ }
  | { readonly type: 'cancel_order'; readonly orderId: string }
  | { readonly type: 'handoff'; readonly reason: string }
  | { readonly type: 'opt_out'; readonly messageId: string; readonly evidence: string };

/** External effects: committed to the outbox with the turn, executed after it. */
export type ExternalEffect =
  | { readonly type: 'reply'; readonly message: OutboundMessage }
  | { readonly type: 'notify_staff'; readonly kind: 'new_order' | 'quote_review' | 'approved' | 'rejected' | 'handoff' | 'payment' | 'schedule' | 'cancelled'; readonly text: string; readonly orderId?: string }
  | { readonly type: 'request_payment'; readonly orderId: string };

export type Effect = DbEffect | ExternalEffect;

export const DB_EFFECTS: ReadonlySet<Effect['type']> = new Set([
  'save_customer',
  'save_vehicle',
  'open_order',
  'create_quote',
  'decide_quote',
  'schedule_dropoff',
  'cancel_order',
  'handoff',
  'opt_out',
]);

export interface StepResult<S> {
  readonly state: S;
  readonly effects: readonly Effect[];
}

export interface Flow<S> {
  readonly id: string;
  readonly version: number;
  readonly stateSchema: z.ZodType<S>;
  readonly initial: () => S;
  /** Migrates a stored state of an older version (or garbage) to the current one. */
  readonly load: (stored: unknown) => S;
  readonly step: (state: S, event: FlowEvent, ctx: FlowContext) => StepResult<S>;
}
