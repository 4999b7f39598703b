/**
 * The service order (OS) statuses, their pt-BR names and the lifecycle between them:
 * one definition for the flows, the server's contracts and the admin web.
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
export const ORDER_STATUSES = [
  'aberta', 'orcamento_enviado', 'aprovada', 'em_execucao', 'aguardando_pecas', 'pronta', 'entregue', 'recusada', 'cancelada',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Readonly<Record<OrderStatus, string>> = {
  aberta: 'Aberta',
  orcamento_enviado: 'Orçamento enviado',
  aprovada: 'Aprovada',
  em_execucao: 'Em execução',
  aguardando_pecas: 'Aguardando peças',
  pronta: 'Pronta',
  entregue: 'Entregue',
  recusada: 'Recusada',
  cancelada: 'Cancelada',
};

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

/** Statuses an order can still leave: the open ones, in lifecycle order. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => ORDER_TRANSITIONS[s].length > 0);
