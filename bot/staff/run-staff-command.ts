import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Button, OutboundMessage } from '../../core/messaging/types';
import { customerMessages } from '../../flows/customer';
import { tzOffsetMinutes } from '../../flows/customer/opening-hours';
import { customerNoticeFor, parseStaffCommand, staffMessages, transition, type NewQuoteItem, type StaffCommand } from '../../flows/staff';
import type { OrderStatus } from '../../flows/types';
import type { Prisma } from '../db/generated/client';
import type { TenantDb, Tx } from '../db/tenant-db';
import { confirmPaymentManually } from '../payments/confirm-payment';
import { QUEUES, type EffectJob, type SendJob } from '../pipeline/jobs';
import type { StaffNotifier } from '../pipeline/run-effect';
import { audit, type Actor } from '../pipeline/audit';
import { quoteContentHash } from '../pipeline/apply-db-effect';
import { setOrderStatus } from '../pipeline/order-status';
import { CLOSED_STATUSES, orderSummary, quoteSummary } from '../pipeline/summaries';
import type { QueueSystem } from '../queue/types';
import { safeJobId } from '../queue/types';
import { hashToken } from '../security/crypto';

/**
 * Staff commands from Telegram (or any staff channel): authorises the sender through
 * their TelegramLink, parses the command and applies it in one tenant transaction.
 * Customer messages are stored as queued outbound rows in that transaction and the
 * send/effect jobs are enqueued after the commit, as the message pipeline does.
 */

export interface StaffCommandDeps {
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly now?: () => Date;
  /**
   * Staff notifiers woken when /pago confirms a payment (the "💰 Pagamento confirmado"
   * notice). A getter, because the platform builds its notifiers after this runner.
   */
  readonly notifiers?: () => readonly StaffNotifier[];
  readonly logger?: Logger;
}

export interface StaffCommandInput {
  readonly tenantId: string;
  readonly telegramUserId: string;
  readonly text: string;
  /** The Telegram chat to answer in; defaults to the user's private chat (same id). */
  readonly chatId?: string;
  readonly username?: string | null;
}

export interface StaffCommandReply {
  readonly reply: string;
  readonly buttons?: Button[];
}

export type RunStaffCommand = (input: StaffCommandInput) => Promise<StaffCommandReply>;

export const STAFF_TEXTS = {
  notLinked: 'Este Telegram não está vinculado a nenhum membro da equipe desta oficina. Peça ao dono um código de vínculo no painel.',
  linkUsage: 'Mande o código de vínculo que aparece no painel, ex.: /vincular ABC123',
  linkInvalid: 'Código de vínculo inválido, expirado ou já usado. Peça um novo código ao dono no painel.',
  linked: (name: string) => `Pronto, ${name}! Este Telegram agora está vinculado à equipe da oficina. Mande /ajuda pra ver os comandos.`,
  noQuote: (n: number) => `A OS #${n} ainda não tem orçamento.`,
  orderClosed: (n: number) => `A OS #${n} já foi encerrada; não dá pra mudar o orçamento.`,
  noSuchLine: (n: number, line: number, count: number) => `A OS #${n} não tem o item ${line} (o orçamento tem ${count} ${count === 1 ? 'item' : 'itens'}).`,
  lastLine: (n: number) => `Esse é o único item do orçamento da OS #${n}. Para desistir do serviço use /status ${n} cancelada.`,
  newVersionSent: (n: number, version: number) => ` Nova versão (v${version}) enviada ao cliente para aprovação.`,
  noConversation: (n: number) => `A OS #${n} não tem conversa com o cliente; não consegui avisar.`,
  noApprovedQuote: (n: number) => `A OS #${n} não tem orçamento aprovado pra cobrar.`,
  noPixKey: 'A oficina ainda não tem chave Pix cadastrada. Cadastre no painel pra poder cobrar.',
  noConversationToTake: 'Não achei conversa pra assumir. Use /assumir 123 com o número da OS.',
  notAssigned: 'Você não está com nenhuma conversa assumida.',
  botBack: 'Voltei! 🤖 Sou o assistente da oficina de novo. Se precisar de algo, é só mandar.',
  tookOverOrder: (n: number) => ` (OS #${n})`,
} as const;

const LINK_COMMAND = /^\/?vincular(?:@\w+)?(?:\s+(.*))?$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEND_OPTS = { attempts: 8, backoffMs: 1000 } as const;

interface Pending {
  readonly sends: string[];
  readonly effects: string[];
}

interface Ctx {
  readonly tx: Tx;
  readonly tenantId: string;
  readonly userId: string;
  readonly actor: Actor;
  readonly now: Date;
  readonly pending: Pending;
}

export const createRunStaffCommand = (deps: StaffCommandDeps): RunStaffCommand => {
  const clock = deps.now ?? (() => new Date());

  const flush = async (tenantId: string, pending: Pending): Promise<void> => {
    await Promise.all([
      ...pending.sends.map((messageId) =>
        deps.queues.add<SendJob>(QUEUES.send, { tenantId, messageId }, { jobId: safeJobId('send', messageId), ...SEND_OPTS }),
      ),
      ...pending.effects.map((effectId) =>
        deps.queues.add<EffectJob>(QUEUES.effect, { tenantId, effectId }, { jobId: safeJobId('effect', effectId), ...SEND_OPTS }),
      ),
    ]);
  };

  const link = async (input: StaffCommandInput, rawCode: string): Promise<StaffCommandReply> => {
    const code = rawCode.trim().toUpperCase();
    if (!code) return { reply: STAFF_TEXTS.linkUsage };
    const found = await deps.tdb.lookup.linkCode(hashToken(code));
    if (!found || found.tenantId !== input.tenantId) return { reply: STAFF_TEXTS.linkInvalid };
    const now = clock();
    const name = await deps.tdb.withTenant(input.tenantId, async (tx) => {
      const row = await tx.linkCode.findUnique({ where: { id: found.linkCodeId } });
      if (!row || row.tenantId !== input.tenantId || row.usedAt || row.expiresAt <= now) return null;
      const user = await tx.user.findUnique({ where: { id: row.userId } });
      if (!user || user.tenantId !== input.tenantId || !user.active || user.blockedAt) return null;
      // Claim the code first: a concurrent use of the same code finds it used.
      const claimed = await tx.linkCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
      if (claimed.count !== 1) return null;
      const chatId = input.chatId ?? input.telegramUserId;
      const username = input.username ?? null;
      const linkRow = await tx.telegramLink.upsert({
        where: { tenantId_telegramUserId: { tenantId: input.tenantId, telegramUserId: input.telegramUserId } },
        create: { tenantId: input.tenantId, userId: user.id, telegramUserId: input.telegramUserId, chatId, username },
        update: { userId: user.id, chatId, username, linkedAt: now },
      });
      await audit(tx, input.tenantId, { type: 'user', id: user.id }, 'telegram.linked', 'telegram_link', linkRow.id, {
        after: { telegramUserId: input.telegramUserId, chatId, linkCodeId: row.id },
      });
      return user.name;
    });
    return { reply: name ? STAFF_TEXTS.linked(name) : STAFF_TEXTS.linkInvalid };
  };

  /**
   * /pago N: the same exactly-once path as the admin web's manual confirmation, in its
   * own tenant transaction (payment paid, order.paid_at, audit, the customer's
   * "Pagamento recebido!" and the staff notification all happen there, once).
   */
  const confirmPayment = async (tenantId: string, userId: string, number: number): Promise<StaffCommandReply> => {
    const order = await deps.tdb.withTenant(tenantId, (tx) =>
      tx.serviceOrder.findUnique({ where: { tenantId_number: { tenantId, number } }, select: { id: true, conversationId: true } }),
    );
    if (!order) return { reply: staffMessages.orderNotFound(number) };
    const result = await confirmPaymentManually(
      deps.tdb,
      { tenantId, orderId: order.id, userId, now: clock() },
      { queues: deps.queues, notifiers: deps.notifiers?.() ?? [], ...(deps.logger ? { logger: deps.logger } : {}) },
    );
    if (!result.ok) return { reply: result.code === 'AMOUNT_MISMATCH' ? staffMessages.paymentNotConfirmed(number) : staffMessages.noPendingPayment(number) };
    const payment = await deps.tdb.withTenant(tenantId, (tx) => tx.payment.findUnique({ where: { id: result.paymentId }, select: { amountCents: true } }));
    if (result.status === 'already_paid') return { reply: staffMessages.paymentAlreadyConfirmed(number, payment?.amountCents ?? null) };
    const reply = staffMessages.paymentConfirmed(number, payment?.amountCents ?? 0, order.conversationId !== null);
    return { reply: order.conversationId ? reply : `${reply}\n${STAFF_TEXTS.noConversation(number)}` };
  };

  return async (input) => {
    const text = input.text.trim();
    const linkCmd = LINK_COMMAND.exec(text);
    if (linkCmd) return link(input, linkCmd[1] ?? '');

    const staff = await deps.tdb.withTenant(input.tenantId, (tx) =>
      tx.telegramLink.findUnique({
        where: { tenantId_telegramUserId: { tenantId: input.tenantId, telegramUserId: input.telegramUserId } },
        include: { user: true },
      }),
    );
    if (!staff || staff.user.tenantId !== input.tenantId || !staff.user.active || staff.user.blockedAt) return { reply: STAFF_TEXTS.notLinked };

    const parsed = parseStaffCommand(text);
    if (!parsed.ok) return { reply: parsed.message };
    if (parsed.command.kind === 'help') return { reply: staffMessages.help() };
    if (parsed.command.kind === 'confirm_payment') return confirmPayment(input.tenantId, staff.userId, parsed.command.orderNumber);

    const pending: Pending = { sends: [], effects: [] };
    const command = parsed.command;
    const result = await deps.tdb.withTenant(
      input.tenantId,
      (tx) => execute({ tx, tenantId: input.tenantId, userId: staff.userId, actor: { type: 'staff', id: staff.userId }, now: clock(), pending }, command),
      { timeout: 30_000 },
    );
    await flush(input.tenantId, pending);
    return result;
  };
};

// ---- helpers -------------------------------------------------------------------

const findOrder = (c: Ctx, number: number) =>
  c.tx.serviceOrder.findUnique({ where: { tenantId_number: { tenantId: c.tenantId, number } } });

/** Stores an outbound message to the customer's conversation; its send job is enqueued after commit. */
const tellCustomer = async (c: Ctx, conversationId: string, message: OutboundMessage): Promise<string | null> => {
  const conv = await c.tx.conversation.findUnique({ where: { id: conversationId } });
  if (!conv) return null;
  const row = await c.tx.message.create({
    data: {
      tenantId: c.tenantId,
      conversationId,
      channelAccountId: conv.channelAccountId,
      direction: 'out',
      text: message.text,
      payload: message as Prisma.InputJsonValue,
      status: 'queued',
    },
    select: { id: true },
  });
  c.pending.sends.push(row.id);
  return row.id;
};

const shopOffset = async (c: Ctx): Promise<number> => {
  const tenant = await c.tx.tenant.findUniqueOrThrow({ where: { id: c.tenantId }, select: { timezone: true } });
  return tzOffsetMinutes(tenant.timezone, c.now);
};

const isClosed = (status: string): boolean => CLOSED_STATUSES.includes(status as OrderStatus);

// ---- commands ------------------------------------------------------------------

const execute = async (c: Ctx, cmd: Exclude<StaffCommand, { kind: 'help' | 'confirm_payment' }>): Promise<StaffCommandReply> => {
  switch (cmd.kind) {
    case 'list_orders':
      return listOrders(c);
    case 'show_order':
      return showOrder(c, cmd.orderNumber);
    case 'set_status':
      return setStatus(c, cmd.orderNumber, cmd.status);
    case 'resend_quote':
      return resendQuote(c, cmd.orderNumber);
    case 'add_item':
      return reviseQuote(c, cmd.orderNumber, { add: cmd.item });
    case 'remove_item':
      return reviseQuote(c, cmd.orderNumber, { remove: cmd.lineNumber });
    case 'charge':
      return charge(c, cmd.orderNumber);
    case 'take_over':
      return takeOver(c, cmd.target);
    case 'hand_back':
      return handBack(c);
  }
};

const listOrders = async (c: Ctx): Promise<StaffCommandReply> => {
  const rows = await c.tx.serviceOrder.findMany({
    where: { tenantId: c.tenantId, status: { notIn: [...CLOSED_STATUSES] } },
    orderBy: { number: 'asc' },
    take: 50,
    select: { id: true },
  });
  const orders = [];
  for (const r of rows) {
    const s = await orderSummary(c.tx, r.id);
    if (s) orders.push(s);
  }
  return { reply: staffMessages.orderList(orders) };
};

const showOrder = async (c: Ctx, number: number): Promise<StaffCommandReply> => {
  const order = await c.tx.serviceOrder.findUnique({
    where: { tenantId_number: { tenantId: c.tenantId, number } },
    include: { customer: true, vehicle: true },
  });
  const summary = order ? await orderSummary(c.tx, order.id) : null;
  if (!order || !summary) return { reply: staffMessages.orderNotFound(number) };
  const v = order.vehicle;
  const vehicle = v ? [v.brand, v.model, v.year, v.plate].filter(Boolean).join(' ') || null : null;
  return { reply: staffMessages.orderDetail(summary, { customerName: order.customer.name, vehicle }) };
};

const setStatus = async (c: Ctx, number: number, to: OrderStatus): Promise<StaffCommandReply> => {
  const order = await findOrder(c, number);
  const before = order ? await orderSummary(c.tx, order.id) : null;
  if (!order || !before) return { reply: staffMessages.orderNotFound(number) };
  const t = transition(before.status, to);
  if (!t.ok) return { reply: t.message };
  await setOrderStatus(c.tx, c.tenantId, order.id, to, c.actor);
  if (!order.conversationId) return { reply: `${staffMessages.statusChanged(number, to).replace(' Cliente avisado.', '')}\n${STAFF_TEXTS.noConversation(number)}` };
  const sent = await tellCustomer(c, order.conversationId, { text: customerNoticeFor(before, to) });
  if (sent) await audit(c.tx, c.tenantId, c.actor, 'order.customer_notified', 'service_order', order.id, { after: { status: to, messageId: sent } });
  return { reply: staffMessages.statusChanged(number, to) };
};

const resendQuote = async (c: Ctx, number: number): Promise<StaffCommandReply> => {
  const order = await findOrder(c, number);
  const summary = order ? await orderSummary(c.tx, order.id) : null;
  if (!order || !summary) return { reply: staffMessages.orderNotFound(number) };
  const quote = summary.quote;
  if (!quote) return { reply: STAFF_TEXTS.noQuote(number) };
  if (!order.conversationId) return { reply: STAFF_TEXTS.noConversation(number) };
  const awaiting = quote.status === 'sent';
  const text = customerMessages.quoteText(summary, quote, await shopOffset(c), awaiting);
  const sent = await tellCustomer(c, order.conversationId, { text, ...(awaiting ? { buttons: approvalButtons() } : {}) });
  if (!sent) return { reply: STAFF_TEXTS.noConversation(number) };
  await audit(c.tx, c.tenantId, c.actor, 'quote.resent', 'quote', quote.id, { after: { version: quote.version, messageId: sent } });
  return { reply: staffMessages.quoteResent(number) };
};

const approvalButtons = (): Button[] =>
  customerMessages.QUOTE_BUTTONS.filter((b) => b.id === customerMessages.BUTTON_IDS.approve || b.id === customerMessages.BUTTON_IDS.reject);

interface DraftLine {
  kind: string;
  serviceCode: string | null;
  sku: string | null;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  optional: boolean;
}

/**
 * Any change to a quote is a new version the customer must approve again (CDC art. 40):
 * the lines are copied, changed, re-totalled and re-hashed; the previous version is superseded.
 */
const reviseQuote = async (c: Ctx, number: number, change: { add: NewQuoteItem } | { remove: number }): Promise<StaffCommandReply> => {
  const order = await findOrder(c, number);
  if (!order) return { reply: staffMessages.orderNotFound(number) };
  if (isClosed(order.status)) return { reply: STAFF_TEXTS.orderClosed(number) };
  const previous = await c.tx.quote.findFirst({
    where: { orderId: order.id },
    orderBy: { version: 'desc' },
    include: { lines: { orderBy: { position: 'asc' } } },
  });
  if (!previous && 'remove' in change) return { reply: STAFF_TEXTS.noQuote(number) };
  const lines: DraftLine[] = (previous?.lines ?? []).map((l) => ({
    kind: l.kind,
    serviceCode: l.serviceCode,
    sku: l.sku,
    description: l.description,
    quantity: Number(l.quantity),
    unitPriceCents: l.unitPriceCents,
    totalCents: l.totalCents,
    optional: l.optional,
  }));
  let changeText: string;
  if ('add' in change) {
    const item = change.add;
    const totalCents = Math.round(item.quantity * item.unitPriceCents);
    lines.push({
      kind: item.kind,
      serviceCode: null,
      sku: null,
      description: item.description.slice(0, 500),
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      totalCents,
      optional: false,
    });
    changeText = staffMessages.itemAdded(number, item.description, totalCents).replace(/ Use \/orcamento.*$/, '');
  } else {
    const index = change.remove - 1;
    if (!lines[index]) return { reply: STAFF_TEXTS.noSuchLine(number, change.remove, lines.length) };
    if (lines.length === 1) return { reply: STAFF_TEXTS.lastLine(number) };
    lines.splice(index, 1);
    changeText = staffMessages.itemRemoved(number, change.remove);
  }
  const tenant = await c.tx.tenant.findUniqueOrThrow({ where: { id: c.tenantId } });
  const version = (previous?.version ?? 0) + 1;
  const positioned = lines.map((l, i) => ({ ...l, position: i + 1 }));
  const totalCents = positioned.filter((l) => !l.optional).reduce((s, l) => s + l.totalCents, 0);
  const validUntil = new Date(c.now.getTime() + tenant.quoteValidityDays * 86_400_000);
  await c.tx.quote.updateMany({
    where: { orderId: order.id, status: { in: ['draft', 'pending_review', 'sent', 'approved', 'partially_approved'] } },
    data: { status: 'superseded' },
  });
  const quote = await c.tx.quote.create({
    data: {
      tenantId: c.tenantId,
      orderId: order.id,
      version,
      status: 'sent',
      totalCents,
      validUntil,
      paymentTerms: previous?.paymentTerms ?? 'Pix, dinheiro ou cartão na retirada.',
      confidence: 1,
      source: previous ? (previous.source === 'staff' ? 'staff' : 'mixed') : 'staff',
      explanation: null,
      contentHash: quoteContentHash({ version, totalCents, validUntil, lines: positioned }),
      createdBy: `staff:${c.userId}`,
      sentAt: order.conversationId ? c.now : null,
      lines: { create: positioned.map((l) => ({ ...l, tenantId: c.tenantId })) },
    },
  });
  await audit(c.tx, c.tenantId, c.actor, 'quote.revised', 'quote', quote.id, {
    before: previous ? { quoteId: previous.id, version: previous.version, totalCents: previous.totalCents, status: previous.status } : undefined,
    after: { version, totalCents, status: quote.status, change: 'add' in change ? { add: change.add } : { remove: change.remove } },
  });
  if (!order.conversationId) return { reply: `${changeText}\n${STAFF_TEXTS.noConversation(number)}` };
  const summary = await orderSummary(c.tx, order.id);
  const qs = await quoteSummary(c.tx, quote.id);
  if (!summary || !qs) return { reply: changeText };
  const sent = await tellCustomer(c, order.conversationId, {
    text: customerMessages.quoteText(summary, qs, await shopOffset(c), true),
    buttons: approvalButtons(),
  });
  if (!sent) return { reply: `${changeText}\n${STAFF_TEXTS.noConversation(number)}` };
  return { reply: `${changeText}${STAFF_TEXTS.newVersionSent(number, version)}` };
};

const charge = async (c: Ctx, number: number): Promise<StaffCommandReply> => {
  const order = await findOrder(c, number);
  if (!order) return { reply: staffMessages.orderNotFound(number) };
  if (!order.conversationId) return { reply: STAFF_TEXTS.noConversation(number) };
  const approved = await c.tx.quote.count({ where: { orderId: order.id, status: { in: ['approved', 'partially_approved'] } } });
  if (!approved) return { reply: STAFF_TEXTS.noApprovedQuote(number) };
  const tenant = await c.tx.tenant.findUniqueOrThrow({ where: { id: c.tenantId }, select: { pixKey: true } });
  if (!tenant.pixKey) return { reply: STAFF_TEXTS.noPixKey };
  const conv = await c.tx.conversation.findUnique({ where: { id: order.conversationId }, select: { customerId: true } });
  const effect = await c.tx.outboxEffect.create({
    data: {
      tenantId: c.tenantId,
      conversationId: order.conversationId,
      idempotencyKey: `staff:${randomUUID()}`,
      kind: 'request_payment',
      payload: { type: 'request_payment', orderId: order.id, ...(conv ? { customerId: conv.customerId } : {}) } as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  c.pending.effects.push(effect.id);
  await audit(c.tx, c.tenantId, c.actor, 'payment.charge_requested', 'service_order', order.id, { after: { effectId: effect.id } });
  // Static Pix has no notification: one tap confirms it once the money shows up in the bank.
  return { reply: staffMessages.chargeSent(number), buttons: [{ id: `/pago ${number}`, title: staffMessages.confirmPaymentButton }] };
};

const takeOver = async (c: Ctx, target: Extract<StaffCommand, { kind: 'take_over' }>['target']): Promise<StaffCommandReply> => {
  let conversationId: string | null = null;
  let orderNumber: number | null = null;
  if (target?.kind === 'order') {
    const order = await findOrder(c, target.orderNumber);
    if (!order) return { reply: staffMessages.orderNotFound(target.orderNumber) };
    if (!order.conversationId) return { reply: STAFF_TEXTS.noConversation(target.orderNumber) };
    conversationId = order.conversationId;
    orderNumber = order.number;
  } else if (target?.kind === 'conversation') {
    const conv = UUID.test(target.conversationId) ? await c.tx.conversation.findUnique({ where: { id: target.conversationId } }) : null;
    conversationId = conv?.id ?? null;
  } else {
    // The most recent customer asking for a human that nobody has picked up yet.
    const conv = await c.tx.conversation.findFirst({
      where: { handledBy: 'human', assignedUserId: null },
      orderBy: { updatedAt: 'desc' },
    });
    conversationId = conv?.id ?? null;
  }
  if (!conversationId) return { reply: STAFF_TEXTS.noConversationToTake };
  const before = await c.tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  await c.tx.conversation.update({
    where: { id: conversationId },
    // No deadline: the bot stays quiet until /devolver.
    data: { handledBy: 'human', assignedUserId: c.userId, handoffUntil: null },
  });
  await audit(c.tx, c.tenantId, c.actor, 'conversation.taken_over', 'conversation', conversationId, {
    before: { handledBy: before.handledBy, assignedUserId: before.assignedUserId },
    after: { handledBy: 'human', assignedUserId: c.userId },
  });
  return { reply: orderNumber ? `${staffMessages.tookOver()}${STAFF_TEXTS.tookOverOrder(orderNumber)}` : staffMessages.tookOver() };
};

const handBack = async (c: Ctx): Promise<StaffCommandReply> => {
  const convs = await c.tx.conversation.findMany({ where: { handledBy: 'human', assignedUserId: c.userId } });
  if (!convs.length) return { reply: STAFF_TEXTS.notAssigned };
  for (const conv of convs) {
    await c.tx.conversation.update({ where: { id: conv.id }, data: { handledBy: 'bot', assignedUserId: null, handoffUntil: null } });
    await audit(c.tx, c.tenantId, c.actor, 'conversation.handed_back', 'conversation', conv.id, {
      before: { handledBy: 'human', assignedUserId: c.userId },
      after: { handledBy: 'bot', assignedUserId: null },
    });
    await tellCustomer(c, conv.id, { text: STAFF_TEXTS.botBack });
  }
  return { reply: staffMessages.handedBack() };
};
