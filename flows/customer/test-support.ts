import { understand } from '../../core/nlu/understand';
import type { Effect, FlowContext, FlowEvent, OrderSummary, QuoteSummary, VehicleSummary } from '../types';
import { customerStateSchema, type CustomerState } from './state';
import { customerFlow } from './flow';

/** Factories and a tiny conversation driver for flow tests (real NLU, fixed clock). */

/** Wednesday 11/03/2026, 10:00 in São Paulo. */
export const NOW = new Date('2026-03-11T13:00:00.000Z');

type CtxOverrides = {
  now?: Date;
  customer?: Partial<FlowContext['customer']>;
  openOrder?: OrderSummary | null;
  buttons?: boolean;
};

export const makeCtx = (o: CtxOverrides = {}): FlowContext => ({
  now: o.now ?? NOW,
  tenant: {
    name: 'Oficina do Zé',
    timezone: 'America/Sao_Paulo',
    openingHours: {
      mon: [['08:00', '18:00']],
      tue: [['08:00', '18:00']],
      wed: [['08:00', '18:00']],
      thu: [['08:00', '18:00']],
      fri: [['08:00', '18:00']],
      sat: [['08:00', '12:00']],
      sun: [],
    },
    phone: '+5511999990000',
    address: 'Rua das Motos, 100',
  },
  customer: { name: null, optedOut: false, vehicles: [], ...o.customer },
  openOrder: o.openOrder ?? null,
  channel: { buttons: o.buttons ?? true },
});

export const vehicle = (o: Partial<VehicleSummary> = {}): VehicleSummary => ({
  id: 'veh-1',
  familyId: 'cg160',
  brand: 'Honda',
  model: 'Titan 160',
  year: 2019,
  plate: 'ABC1D23',
  km: 21000,
  ...o,
});

export const quote = (o: Partial<QuoteSummary> = {}): QuoteSummary => ({
  id: 'quote-1',
  version: 1,
  status: 'sent',
  totalCents: 11490,
  validUntil: '2026-03-21',
  lines: [
    { number: 1, description: 'Óleo 10W30 semissintético', kind: 'part', quantity: 1, totalCents: 4590, optional: false, decision: 'pending' },
    { number: 2, description: 'Filtro de óleo', kind: 'part', quantity: 1, totalCents: 2900, optional: false, decision: 'pending' },
    { number: 3, description: 'Mão de obra: troca de óleo e filtro', kind: 'labour', quantity: 1, totalCents: 4000, optional: false, decision: 'pending' },
  ],
  unpriced: [],
  needsStaffReview: false,
  ...o,
});

export const order = (o: Partial<OrderSummary> = {}): OrderSummary => ({
  id: 'order-1',
  number: 12,
  status: 'aberta',
  complaint: 'troca de óleo',
  scheduledAt: null,
  quote: null,
  ...o,
});

let seq = 0;
export const msgEvent = (text: string, choiceId?: string): FlowEvent => ({
  type: 'message',
  messageId: `wamid.${++seq}`,
  text,
  nlu: understand(text),
  ...(choiceId ? { choiceId } : {}),
});

/** Runs one event and returns the new state, the effects and the reply texts. */
export const run = (state: CustomerState, event: FlowEvent, ctx: FlowContext) => {
  const result = customerFlow.step(state, event, ctx);
  // Every state the flow produces must survive a round trip through storage.
  const reloaded = customerStateSchema.parse(JSON.parse(JSON.stringify(result.state)));
  return { ...result, state: reloaded, replies: replies(result.effects) };
};

export const replies = (effects: readonly Effect[]): string[] =>
  effects.flatMap((e) => (e.type === 'reply' ? [e.message.text] : []));

export const effectTypes = (effects: readonly Effect[]): string[] => effects.map((e) => e.type);

export const find = <T extends Effect['type']>(effects: readonly Effect[], type: T): Extract<Effect, { type: T }> | undefined =>
  effects.find((e): e is Extract<Effect, { type: T }> => e.type === type);
