import type { OrderStatus, OrderSummary } from '../types';
import * as msg from './messages';

/**
 * The service order (OS) lifecycle:
 *
 *   aberta → orcamento_enviado → aprovada → em_execucao ⇄ aguardando_pecas
 *                                           em_execucao → pronta → entregue
 *   aberta | orcamento_enviado → recusada
 *   anything not yet entregue/recusada/cancelada → cancelada
 *
 * Why so strict: CDC art. 39 VI forbids work without an approved quote, so there is no
 * path into execution that skips `aprovada`; parts arrive back into execution (not
 * straight to `pronta`) so the mechanic confirms the job was finished. `entregue`,
 * `recusada` and `cancelada` are final: a refused customer who changes their mind gets
 * a new quote on a new order, which keeps the approval record clean.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  aberta: ['orcamento_enviado', 'recusada', 'cancelada'],
  orcamento_enviado: ['aprovada', 'recusada', 'cancelada'],
  aprovada: ['em_execucao', 'cancelada'],
  em_execucao: ['aguardando_pecas', 'pronta', 'cancelada'],
  aguardando_pecas: ['em_execucao', 'cancelada'],
  pronta: ['entregue', 'cancelada'],
  entregue: [],
  recusada: [],
  cancelada: [],
};

export type TransitionResult =
  | { readonly ok: true; readonly from: OrderStatus; readonly to: OrderStatus }
  | {
      readonly ok: false;
      readonly code: 'INVALID_TRANSITION';
      /** pt-BR, for the staff member who typed the command. */
      readonly message: string;
      readonly allowed: readonly OrderStatus[];
    };

export const allowedTransitions = (from: OrderStatus): readonly OrderStatus[] => ORDER_TRANSITIONS[from];

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

export const transition = (from: OrderStatus, to: OrderStatus): TransitionResult => {
  if (canTransition(from, to)) return { ok: true, from, to };
  const allowed = ORDER_TRANSITIONS[from];
  return { ok: false, code: 'INVALID_TRANSITION', message: msg.invalidTransition(from, to, allowed), allowed };
};

/** The pt-BR message to send the customer when their order moves to `to` (from `order.status`). */
export const customerNoticeFor = (order: OrderSummary, to: OrderStatus): string => msg.customerNotice(order, to);
