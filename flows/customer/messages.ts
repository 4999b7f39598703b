import { formatBRL } from '../../core/domain/money';
import { findFamily } from '../../core/domain/motorcycles';
import { SERVICE_LABELS, type ServiceCode } from '../../core/domain/services';
import type { Button } from '../../core/messaging/types';
import type { DraftVehicle, OrderStatus, OrderSummary, QuoteSummary, VehicleSummary } from '../types';
import { toLocal } from './opening-hours';

/** Every pt-BR text the customer flow sends (to customers and, for notifications, to staff). */

const brl = (cents: number): string => formatBRL({ cents });
const firstName = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] ?? null;

export const BUTTON_IDS = {
  quote: 'quote',
  status: 'status',
  human: 'human',
  approve: 'approve',
  reject: 'reject',
  schedule: 'schedule',
  newVehicle: 'vehicle:new',
} as const;

export const MENU_BUTTONS: Button[] = [
  { id: BUTTON_IDS.quote, title: 'Orçamento' },
  { id: BUTTON_IDS.status, title: 'Status da OS' },
  { id: BUTTON_IDS.human, title: 'Falar com atendente' },
];

export const QUOTE_BUTTONS: Button[] = [
  { id: BUTTON_IDS.approve, title: 'Aprovar' },
  { id: BUTTON_IDS.reject, title: 'Recusar' },
  { id: BUTTON_IDS.human, title: 'Falar com atendente' },
];

export const HUMAN_BUTTON: Button = { id: BUTTON_IDS.human, title: 'Falar com atendente' };
export const SCHEDULE_BUTTON: Button = { id: BUTTON_IDS.schedule, title: 'Agendar entrega' };

// ---- vehicles --------------------------------------------------------------

/** "Titan 2019 (ABC1D23)", short enough for a button. */
export const vehicleLabel = (v: VehicleSummary | DraftVehicle): string => {
  const family = v.familyId ? findFamily(v.familyId) : undefined;
  const model = v.model ?? family?.name ?? 'Moto';
  const parts = [model, v.year ? String(v.year) : null, v.plate ? `(${v.plate})` : null].filter(Boolean);
  return parts.join(' ').slice(0, 40);
};

const servicesText = (services: readonly ServiceCode[]): string =>
  services.map((s) => SERVICE_LABELS[s].toLowerCase()).join(', ');

// ---- greeting, goodbye, fallback ------------------------------------------

export const greeting = (name: string | null, shop: string): string => {
  const who = firstName(name);
  return `Oi${who ? `, ${who}` : ''}! Aqui é da ${shop} 🏍️ Posso te passar um orçamento, ver o status da sua OS ou chamar alguém da equipe. Como posso ajudar?`;
};

export const greetingThenQuestion = (name: string | null, shop: string, question: string): string => {
  const who = firstName(name);
  return `Oi${who ? `, ${who}` : ''}! Aqui é da ${shop}. ${question}`;
};

export const goodbye = (name: string | null): string => {
  const who = firstName(name);
  return `Por nada${who ? `, ${who}` : ''}! Qualquer coisa é só chamar 👍`;
};

export const fallback = (): string =>
  'Desculpa, não entendi 😅 Posso te ajudar com orçamento, status da OS, agendamento pra trazer a moto ou chamar alguém da oficina.';

export const fallbackOfferHuman = (): string =>
  'Acho que não estou conseguindo te entender 😕 Quer falar com alguém da oficina?';

export const effectFailed = (): string =>
  'Desculpa, tive um problema aqui do meu lado. Já chamei alguém da oficina pra continuar com você.';

// ---- intake ----------------------------------------------------------------

export const askVehicleChoice = (): string => 'Qual das suas motos é?';
export const askFamily = (): string => 'Qual é a sua moto? (ex.: Titan 160, Biz 125, Fazer 250)';
export const askComplaint = (vehicle: string | null): string =>
  vehicle ? `Beleza! O que precisa fazer na ${vehicle}?` : 'O que precisa fazer na moto?';
export const askYear = (): string => 'Qual o ano dela? (se não souber, tudo bem)';
export const askKm = (): string => 'E quantos km ela tem mais ou menos? (se não souber, tudo bem)';
export const askName = (): string => 'Pra eu registrar aqui, qual o seu nome?';
export const askQuoteStart = (): string => 'Claro! Me conta qual é a moto e o que precisa fazer.';

export const buildingQuote = (name: string | null): string => {
  const who = firstName(name);
  return `Valeu${who ? `, ${who}` : ''}! Já estou montando seu orçamento, só um instante ⏳`;
};

export const requoteExistingOrder = (orderNumber: number): string =>
  `Você já tem a OS #${orderNumber} aberta com a gente. Vou atualizar o orçamento nela, só um instante ⏳`;

export const newOrderStaff = (draftVehicle: DraftVehicle, services: readonly ServiceCode[], complaint: string, name: string | null): string =>
  `Nova OS pelo WhatsApp: ${name ?? 'cliente sem nome'} · ${vehicleLabel(draftVehicle)} · ${servicesText(services) || 'sem serviço definido'} · "${complaint}"`;

// ---- quote -----------------------------------------------------------------

/** "2026-03-24" → "24/03" (the date as the shop wrote it, no time-zone shift). */
export const formatDayMonth = (isoDate: string, offsetMinutes: number): string => {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (plain) return `${plain[3]}/${plain[2]}`;
  const d = new Date(isoDate);
  if (Number.isNaN(d.getTime())) return isoDate;
  const l = toLocal(d, offsetMinutes);
  return `${String(l.day).padStart(2, '0')}/${String(l.month).padStart(2, '0')}`;
};

const quantityPrefix = (q: number): string => (q === 1 ? '' : `${String(q).replace('.', ',')}x `);

export const quoteText = (order: OrderSummary, quote: QuoteSummary, offsetMinutes: number, withButtons: boolean): string => {
  const lines = quote.lines.map(
    (l) => `${l.number}. ${quantityPrefix(l.quantity)}${l.description} — ${brl(l.totalCents)}${l.optional ? ' (opcional)' : ''}`,
  );
  const pending = quote.unpriced.length ? [`A confirmar na oficina: ${quote.unpriced.join(', ')}.`] : [];
  const optional = quote.lines.filter((l) => l.optional).map((l) => l.number);
  const extras = optional.length
    ? [`Os itens opcionais são sugestões e só entram se você pedir: diga todos os números que quer (ex.: "${[...quote.lines.filter((l) => !l.optional).map((l) => l.number), optional[0]!].join(', ').replace(/, (\d+)$/, ' e $1')}").`]
    : [];
  const how = withButtons
    ? 'Pode aprovar tudo, recusar, ou aprovar só alguns itens (ex.: "só o 1 e o 3").'
    : 'Responda *sim* pra aprovar, *não* pra recusar, ou diga só os itens que quer (ex.: "só o 1 e o 3").';
  return [
    `Orçamento da OS #${order.number}:`,
    ...(quote.explanation ? [quote.explanation] : []),
    ...lines,
    `*Total: ${brl(quote.totalCents)}*`,
    ...pending,
    ...extras,
    `Válido até ${formatDayMonth(quote.validUntil, offsetMinutes)}. ${how}`,
  ].join('\n');
};

export const quoteUnderReview = (orderNumber: number): string =>
  `Anotei tudo na OS #${orderNumber}! A oficina vai confirmar o valor e te mando o orçamento em seguida 👍`;

export const quoteReviewStaff = (orderNumber: number, quote: QuoteSummary): string =>
  `OS #${orderNumber}: orçamento precisa de revisão antes de ir pro cliente${quote.unpriced.length ? ` (sem preço: ${quote.unpriced.join(', ')})` : ''}. Total parcial ${brl(quote.totalCents)}.`;

// ---- approval --------------------------------------------------------------

export const noPendingQuote = (): string =>
  'Não tem nenhum orçamento esperando aprovação agora. Quer que eu faça um orçamento?';

export const quoteReminder = (orderNumber: number | null): string =>
  `Não entendi 😅 Sobre o orçamento${orderNumber ? ` da OS #${orderNumber}` : ''}: responda *sim* pra aprovar, *não* pra recusar, ou diga os itens que quer (ex.: "só o 1 e o 3").`;

export const invalidLines = (count: number): string =>
  `Não achei esses itens no orçamento. Ele tem itens de 1 a ${count}; me diz quais você quer aprovar.`;

export const approved = (orderNumber: number, totalCents: number): string =>
  `Aprovado! ✅ OS #${orderNumber}, total ${brl(totalCents)}. Pode trazer a moto quando quiser no nosso horário, ou me diz um dia e horário que eu já agendo.`;

export const partiallyApproved = (orderNumber: number, lineNumbers: readonly number[], totalCents: number): string =>
  `Combinado! ✅ Na OS #${orderNumber} vamos fazer só ${lineNumbers.length === 1 ? 'o item' : 'os itens'} ${joinPt(lineNumbers.map(String))}, total ${brl(totalCents)}. Quer agendar pra trazer a moto?`;

export const rejected = (orderNumber: number): string =>
  `Tudo bem, orçamento da OS #${orderNumber} recusado. Se mudar de ideia ou quiser ver outra opção, é só chamar 👍`;

export const decisionStaff = (orderNumber: number, decision: 'approved' | 'rejected' | 'partial', totalCents: number, lines: readonly number[]): string =>
  decision === 'rejected'
    ? `OS #${orderNumber}: cliente RECUSOU o orçamento.`
    : decision === 'partial'
      ? `OS #${orderNumber}: cliente aprovou só os itens ${joinPt(lines.map(String))} (${brl(totalCents)}).`
      : `OS #${orderNumber}: cliente APROVOU o orçamento (${brl(totalCents)}).`;

const joinPt = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} e ${items.at(-1) ?? ''}`;

// ---- order status ----------------------------------------------------------

export const STATUS_WORDS: Record<OrderStatus, string> = {
  aberta: 'aberta, aguardando o orçamento',
  orcamento_enviado: 'com o orçamento enviado, esperando sua aprovação',
  aprovada: 'aprovada, na fila pra começar',
  em_execucao: 'em execução',
  aguardando_pecas: 'aguardando peças',
  pronta: 'pronta pra retirada 🎉',
  entregue: 'entregue',
  recusada: 'recusada',
  cancelada: 'cancelada',
};

const SHOW_TOTAL: ReadonlySet<OrderStatus> = new Set(['orcamento_enviado', 'aprovada', 'em_execucao', 'aguardando_pecas', 'pronta']);

export const orderStatus = (order: OrderSummary): string => {
  const total = order.quote && SHOW_TOTAL.has(order.status) ? ` Total do orçamento: ${brl(order.quote.totalCents)}.` : '';
  return `Sua OS #${order.number} está ${STATUS_WORDS[order.status]}.${total}`;
};

export const noOpenOrder = (): string => 'Não encontrei nenhuma OS aberta no seu nome. Quer que eu faça um orçamento?';

// ---- schedule --------------------------------------------------------------

const WEEKDAYS = ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'];

/** "sexta, 14/03 às 14h" / "sábado, 15/03 às 9h30". */
export const formatDayTime = (at: Date, offsetMinutes: number): string => {
  const l = toLocal(at, offsetMinutes);
  const time = `${l.hour}h${l.minute ? String(l.minute).padStart(2, '0') : ''}`;
  return `${WEEKDAYS[l.weekday] ?? ''}, ${String(l.day).padStart(2, '0')}/${String(l.month).padStart(2, '0')} às ${time}`;
};

/** "sex 14/03 14h", fits a button. */
export const slotTitle = (at: Date, offsetMinutes: number): string => {
  const l = toLocal(at, offsetMinutes);
  const time = `${l.hour}h${l.minute ? String(l.minute).padStart(2, '0') : ''}`;
  return `${(WEEKDAYS[l.weekday] ?? '').slice(0, 3)} ${String(l.day).padStart(2, '0')}/${String(l.month).padStart(2, '0')} ${time}`;
};

export const askWhen = (): string => 'Que dia e horário fica bom pra você trazer a moto? (ex.: "amanhã cedo", "sexta 14h")';

export const scheduled = (at: Date, offsetMinutes: number): string =>
  `Combinado: ${formatDayTime(at, offsetMinutes)}. Te esperamos! 🏍️`;

export const closedProposeSlots = (requested: Date, slots: readonly Date[], offsetMinutes: number): string => {
  const options = slots.map((s) => formatDayTime(s, offsetMinutes));
  const base = `Nesse horário (${formatDayTime(requested, offsetMinutes)}) a oficina está fechada.`;
  return options.length ? `${base} Pode ser ${joinOr(options)}?` : `${base} Me diz outro dia e horário?`;
};

const joinOr = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ou ${items.at(-1) ?? ''}`;

export const scheduleStaff = (at: Date, offsetMinutes: number, orderNumber: number | null, name: string | null): string =>
  `Agendamento: ${name ?? 'cliente'} vai trazer a moto ${formatDayTime(at, offsetMinutes)}${orderNumber ? ` (OS #${orderNumber})` : ''}.`;

// ---- payment ---------------------------------------------------------------

export const paymentRequested = (order: OrderSummary): string =>
  `Beleza! Já te mando os dados pra pagamento da OS #${order.number}${order.quote ? ` (${brl(order.quote.totalCents)})` : ''}.`;

export const paymentPending = (orderNumber: number, amountCents: number, hasPix: boolean): string =>
  `Pagamento da OS #${orderNumber}: ${brl(amountCents)}.${hasPix ? ' É só copiar o código Pix abaixo 👇' : ''}`;

export const paymentNotYet = (order: OrderSummary): string =>
  `Sua OS #${order.number} está ${STATUS_WORDS[order.status]}. O pagamento fica liberado depois que o orçamento for aprovado.`;

export const paymentNoOrder = (): string => 'Não encontrei nenhuma OS com pagamento em aberto no seu nome.';

// ---- handoff, opt-out, cancel ---------------------------------------------

export const handoff = (): string => 'Vou chamar alguém da oficina pra falar com você, só um momento 🙏';
export const handoffStaff = (name: string | null, reason: string): string =>
  `${name ?? 'Um cliente'} quer falar com alguém da oficina (${reason}). Use /assumir pra responder.`;

export const optedOut = (): string =>
  'Pronto, você não vai mais receber mensagens promocionais da gente. Se precisar da oficina, é só mandar mensagem a qualquer hora 👍';

export const cancelled = (orderNumber: number): string =>
  `Pronto, cancelei a OS #${orderNumber}. Se precisar de algo, é só chamar.`;
export const cancelledStaff = (orderNumber: number): string => `OS #${orderNumber} cancelada pelo cliente no WhatsApp.`;
export const cancelNotPossible = (order: OrderSummary): string =>
  `Sua OS #${order.number} já está ${STATUS_WORDS[order.status]}, então pra cancelar precisa falar com a oficina. Quer que eu chame alguém?`;
export const cancelNothing = (): string => 'Você não tem nenhuma OS aberta pra cancelar 👍';
export const draftDiscarded = (): string => 'Tudo bem, deixei o orçamento de lado. Se precisar, é só chamar!';

/** Title of the customer portal link sent with a quote. */
export const PORTAL_LINK_TITLE = 'Ver orçamento completo';
