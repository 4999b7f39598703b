import { formatBRL } from '../../core/domain/money';
import { ORDER_STATUS_LABELS } from '../../core/domain/order-status';
import type { OrderStatus, OrderSummary, QuoteLineSummary } from '../types';

/** Every pt-BR text of the staff side: command replies, usage, and the customer notices on status changes. */

const brl = (cents: number): string => formatBRL({ cents });

export const STATUS_LABELS = ORDER_STATUS_LABELS;

const label = (s: OrderStatus): string => STATUS_LABELS[s].toLowerCase();

// ---- transitions -----------------------------------------------------------

export const invalidTransition = (from: OrderStatus, to: OrderStatus, allowed: readonly OrderStatus[]): string => {
  if (from === to) return `A OS já está ${label(from)}.`;
  const next = allowed.length ? ` Daqui pode ir para: ${allowed.map(label).join(', ')}.` : ' Essa OS já foi encerrada.';
  return `Não dá pra passar de ${label(from)} para ${label(to)}.${next}`;
};

const total = (order: OrderSummary): string => (order.quote ? `, total ${brl(order.quote.totalCents)}` : '');

export const customerNotice = (order: OrderSummary, to: OrderStatus): string => {
  const n = `OS #${order.number}`;
  switch (to) {
    case 'aberta':
      return `Abrimos a ${n} pra sua moto. Já já te mandamos o orçamento 👍`;
    case 'orcamento_enviado':
      return `O orçamento da ${n} está pronto${total(order)}. Dá uma olhada e me diz se aprova 🙂`;
    case 'aprovada':
      return `Orçamento da ${n} aprovado ✅ Te aviso quando começarmos o serviço.`;
    case 'em_execucao':
      return order.status === 'aguardando_pecas'
        ? `As peças chegaram! O serviço da ${n} voltou pra execução 🔧`
        : `Começamos o serviço na sua moto (${n}) 🔧`;
    case 'aguardando_pecas':
      return `Estamos aguardando peças pra ${n}. Te aviso assim que chegarem.`;
    case 'pronta':
      return `Sua moto está pronta! 🏍️ ${n}${total(order)}. Pode vir buscar no nosso horário de funcionamento.`;
    case 'entregue':
      return `Moto entregue (${n}). Obrigado pela confiança! Qualquer coisa, é só chamar.`;
    case 'recusada':
      return `Tudo certo, o orçamento da ${n} ficou recusado. Se mudar de ideia, é só chamar.`;
    case 'cancelada':
      return `A ${n} foi cancelada. Se precisar de algo, é só chamar.`;
  }
};

// ---- order list and detail -------------------------------------------------

/** "#12 · Em execução · R$ 114,90 · troca de óleo" */
export const orderListLine = (order: OrderSummary): string =>
  [
    `#${order.number}`,
    STATUS_LABELS[order.status],
    order.quote ? brl(order.quote.totalCents) : 'sem orçamento',
    order.complaint ? truncate(order.complaint, 40) : null,
  ]
    .filter(Boolean)
    .join(' · ');

export const orderList = (orders: readonly OrderSummary[]): string =>
  orders.length ? [`OS abertas (${orders.length}):`, ...orders.map(orderListLine)].join('\n') : 'Nenhuma OS aberta no momento 👌';

const DECISION_MARK: Record<QuoteLineSummary['decision'], string> = { pending: '', approved: ' ✅', rejected: ' ❌' };

const quoteLine = (l: QuoteLineSummary): string =>
  `${l.number}. ${l.kind === 'labour' ? '[MO] ' : ''}${l.quantity !== 1 ? `${String(l.quantity).replace('.', ',')}x ` : ''}${l.description} — ${brl(l.totalCents)}${l.optional ? ' (opcional)' : ''}${DECISION_MARK[l.decision]}`;

export const orderDetail = (order: OrderSummary, extra: { customerName?: string | null; vehicle?: string | null } = {}): string => {
  const head = [`OS #${order.number} — ${STATUS_LABELS[order.status]}`];
  if (extra.customerName) head.push(`Cliente: ${extra.customerName}`);
  if (extra.vehicle) head.push(`Moto: ${extra.vehicle}`);
  if (order.complaint) head.push(`Pedido: ${order.complaint}`);
  if (order.scheduledAt) head.push(`Entrega agendada: ${order.scheduledAt}`);
  const q = order.quote;
  if (!q) return [...head, 'Sem orçamento ainda.'].join('\n');
  const parts = q.lines.filter((l) => l.kind === 'part').reduce((s, l) => s + l.totalCents, 0);
  const labour = q.lines.filter((l) => l.kind === 'labour').reduce((s, l) => s + l.totalCents, 0);
  return [
    ...head,
    `Orçamento v${q.version}${q.needsStaffReview ? ' (precisa revisão)' : ''}:`,
    ...(q.lines.length ? q.lines.map(quoteLine) : ['(sem itens)']),
    ...(q.unpriced.length ? [`Sem preço: ${q.unpriced.join(', ')}`] : []),
    `Peças ${brl(parts)} · Mão de obra ${brl(labour)}`,
    `Total: ${brl(q.totalCents)}`,
    ...(order.paymentPending ? [`Pagamento pendente: ${brl(order.paymentPending.amountCents)}`] : []),
  ].join('\n');
};

const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

// ---- command replies ---------------------------------------------------------

export const statusChanged = (orderNumber: number, to: OrderStatus): string => `OS #${orderNumber} agora está ${label(to)} ✔️ Cliente avisado.`;
export const orderNotFound = (orderNumber: number): string => `Não achei a OS #${orderNumber}.`;
export const quoteResent = (orderNumber: number): string => `Orçamento da OS #${orderNumber} reenviado ao cliente.`;
export const itemAdded = (orderNumber: number, description: string, totalCents: number): string =>
  `Adicionado na OS #${orderNumber}: ${description} (${brl(totalCents)}). Use /orcamento ${orderNumber} pra enviar ao cliente.`;
export const itemRemoved = (orderNumber: number, line: number): string => `Item ${line} removido da OS #${orderNumber}.`;
export const chargeSent = (orderNumber: number): string => `Cobrança da OS #${orderNumber} enviada ao cliente.`;
export const paymentConfirmed = (orderNumber: number, amountCents: number, customerTold: boolean): string =>
  `Pagamento da OS #${orderNumber} confirmado (${brl(amountCents)}).${customerTold ? ' O cliente foi avisado.' : ''}`;
export const paymentAlreadyConfirmed = (orderNumber: number, amountCents: number | null): string =>
  `O pagamento da OS #${orderNumber} já estava confirmado${amountCents === null ? '' : ` (${brl(amountCents)})`}. Nada mudou.`;
export const noPendingPayment = (orderNumber: number): string =>
  `A OS #${orderNumber} não tem pagamento pendente pra confirmar. Use /cobrar ${orderNumber} pra enviar a cobrança ao cliente.`;
export const paymentNotConfirmed = (orderNumber: number): string =>
  `Não consegui confirmar o pagamento da OS #${orderNumber}: o valor não confere com a cobrança. Confira no painel.`;
export const confirmPaymentButton = 'Confirmar pagamento';
export const tookOver = (): string => 'Você assumiu a conversa. O bot fica quieto até você usar /devolver.';
export const handedBack = (): string => 'Conversa devolvida ao bot 🤖';

// ---- usage -------------------------------------------------------------------

export const USAGE = {
  os: '/os — lista as OS abertas · /os 123 — detalhes da OS 123',
  status: '/status 123 pronta — muda o status (aberta, aprovada, em execução, aguardando peças, pronta, entregue, cancelada)',
  orcamento: '/orcamento 123 — reenvia o orçamento ao cliente',
  item: '/item 123 + Pastilha dianteira 2x 45,90 — adiciona peça · /item 123 mo "Troca de óleo" 1 40 — mão de obra · /item 123 - 2 — remove o item 2',
  cobrar: '/cobrar 123 — envia a cobrança (Pix) ao cliente',
  pago: '/pago 123 — confirma que o cliente pagou (Pix estático, dinheiro) e avisa o cliente',
  assumir: '/assumir [123] — você assume a conversa do cliente',
  devolver: '/devolver — devolve a conversa ao bot',
  ajuda: '/ajuda — esta lista',
} as const;

export type UsageKey = keyof typeof USAGE;

export const help = (): string => ['Comandos:', ...Object.values(USAGE)].join('\n');

export const usageError = (problem: string, key: UsageKey): string => `${problem}\nUso: ${USAGE[key]}`;
export const unknownCommand = (name: string): string => `Não conheço o comando "${name}". Mande /ajuda pra ver a lista.`;
export const emptyCommand = (): string => 'Mande um comando, ex.: /os. Mande /ajuda pra ver a lista.';
