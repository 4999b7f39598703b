import { parseBRL } from '../../core/domain/money';
import type { OrderStatus } from '../types';
import * as msg from './messages';

/** Staff commands, as typed on Telegram (or any channel): `/status 123 pronta`, `os`, `/os@MinhaOficinaBot`. */

export interface NewQuoteItem {
  readonly kind: 'part' | 'labour';
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export type TakeOverTarget = { readonly kind: 'order'; readonly orderNumber: number } | { readonly kind: 'conversation'; readonly conversationId: string };

export type StaffCommand =
  | { readonly kind: 'list_orders' }
  | { readonly kind: 'show_order'; readonly orderNumber: number }
  | { readonly kind: 'set_status'; readonly orderNumber: number; readonly status: OrderStatus }
  | { readonly kind: 'resend_quote'; readonly orderNumber: number }
  | { readonly kind: 'add_item'; readonly orderNumber: number; readonly item: NewQuoteItem }
  | { readonly kind: 'remove_item'; readonly orderNumber: number; readonly lineNumber: number }
  | { readonly kind: 'charge'; readonly orderNumber: number }
  /** Staff saw the money arrive (static Pix, cash): the order's pending payment becomes paid. */
  | { readonly kind: 'confirm_payment'; readonly orderNumber: number }
  /** No target: the conversation the staff member is replying to (the worker decides). */
  | { readonly kind: 'take_over'; readonly target: TakeOverTarget | null }
  | { readonly kind: 'hand_back' }
  | { readonly kind: 'help' };

export type ParseStaffCommandResult =
  | { readonly ok: true; readonly command: StaffCommand }
  | { readonly ok: false; readonly code: 'EMPTY' | 'UNKNOWN_COMMAND' | 'INVALID_ARGUMENTS'; readonly message: string };

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const COMMANDS: Record<string, msg.UsageKey> = {
  os: 'os',
  status: 'status',
  orcamento: 'orcamento',
  orc: 'orcamento',
  item: 'item',
  itens: 'item',
  cobrar: 'cobrar',
  cobranca: 'cobrar',
  pago: 'pago',
  pagou: 'pago',
  assumir: 'assumir',
  devolver: 'devolver',
  ajuda: 'ajuda',
  help: 'ajuda',
  start: 'ajuda',
};

const STATUS_WORDS: ReadonlyArray<[RegExp, OrderStatus]> = [
  [/^abert[ao]$/, 'aberta'],
  [/^(?:orcamento(?: enviado)?|enviad[ao])$/, 'orcamento_enviado'],
  [/^aprovad[ao]$/, 'aprovada'],
  [/^(?:em )?(?:execucao|execucao|executando|andamento|servico)$/, 'em_execucao'],
  [/^(?:aguardando|esperando)(?: (?:a |as )?pecas?)?$|^pecas?$/, 'aguardando_pecas'],
  [/^pront[ao]$/, 'pronta'],
  [/^entregue$/, 'entregue'],
  [/^recusad[ao]$/, 'recusada'],
  [/^cancelad[ao]$|^cancelar$/, 'cancelada'],
];

/** "em execução", "EM_EXECUCAO", "aguardando peças", "pronto" → OrderStatus. */
export const parseOrderStatus = (text: string): OrderStatus | null => {
  const t = fold(text).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return STATUS_WORDS.find(([re]) => re.test(t))?.[1] ?? null;
};

const ORDER_NUMBER = /^#?(\d{1,9})$/;
const readOrderNumber = (token: string | undefined): number | null => {
  const m = token ? ORDER_NUMBER.exec(token) : null;
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
};

const ok = (command: StaffCommand): ParseStaffCommandResult => ({ ok: true, command });
const invalid = (problem: string, key: msg.UsageKey): ParseStaffCommandResult => ({
  ok: false,
  code: 'INVALID_ARGUMENTS',
  message: msg.usageError(problem, key),
});

const withOrder = (args: string, key: msg.UsageKey, build: (n: number, rest: string) => ParseStaffCommandResult): ParseStaffCommandResult => {
  const [first, ...rest] = args.split(/\s+/).filter(Boolean);
  if (!first) return invalid('Falta o número da OS.', key);
  const n = readOrderNumber(first);
  if (!n) return invalid(`"${first}" não é um número de OS.`, key);
  return build(n, rest.join(' '));
};

// ---- /item -------------------------------------------------------------------

const KIND_PREFIX = /^(pe[cç]as?|m[aã]o de obra|m\.?o\.?|servi[cç]o)(?=\s|$|")\s*/i;
const QTY = /^(?:(\d+(?:[.,]\d+)?)x|x(\d+(?:[.,]\d+)?))$/i;
const PLAIN_QTY = /^\d{1,2}(?:,\d+)?$/;

const toQuantity = (s: string): number => Number(s.replace(',', '.'));

/** `Pastilha dianteira 2x 45,90`, `peca "Pastilha" 1 45,90`, `mo "Troca de óleo" 40`. */
export const parseNewItem = (text: string): NewQuoteItem | string => {
  let s = text.trim();
  let kind: NewQuoteItem['kind'] = 'part';
  let impliedDescription: string | null = null;
  const k = KIND_PREFIX.exec(s);
  if (k) {
    const word = fold(k[1] ?? '');
    if (!word.startsWith('pec')) {
      kind = 'labour';
      impliedDescription = 'Mão de obra';
    }
    s = s.slice(k[0].length);
  }
  let description = '';
  let tail: string[];
  const quoted = /^["“”'](.+?)["“”']\s*(.*)$/.exec(s);
  if (quoted) {
    description = (quoted[1] ?? '').trim();
    tail = (quoted[2] ?? '').split(/\s+/).filter(Boolean);
  } else {
    tail = s.split(/\s+/).filter(Boolean);
  }
  // Price: the last token, maybe split as "R$ 45,90".
  let priceText = tail.pop() ?? '';
  if (tail.at(-1)?.toLowerCase() === 'r$') priceText = `${tail.pop() ?? ''}${priceText}`;
  const price = parseBRL(priceText);
  if (price === null || price <= 0) return priceText ? `Não entendi o preço "${priceText}" (ex.: 45,90).` : 'Falta o preço (ex.: 45,90).';
  let quantity = 1;
  const qtyAt = (i: number): boolean => {
    const t = tail[i];
    if (!t) return false;
    const m = QTY.exec(t);
    if (m) {
      quantity = toQuantity(m[1] ?? m[2] ?? '1');
      tail.splice(i, 1);
      return true;
    }
    // A bare number right before the price is a quantity when a description exists apart from it.
    if (i === tail.length - 1 && PLAIN_QTY.test(t) && (description || tail.length > 1)) {
      quantity = toQuantity(t);
      tail.splice(i, 1);
      return true;
    }
    return false;
  };
  if (!qtyAt(tail.length - 1) && !description) qtyAt(0);
  if (!(quantity > 0)) return 'A quantidade precisa ser maior que zero.';
  if (!description) description = tail.join(' ').trim();
  if (!description) description = impliedDescription ?? '';
  if (!description) return 'Falta a descrição do item.';
  return { kind, description, quantity, unitPriceCents: price };
};

const parseItem = (n: number, rest: string): ParseStaffCommandResult => {
  const body = rest.trim();
  const removal = /^(?:-|remover|remove|tirar|excluir)\s*#?(\d+)$/i.exec(body);
  if (removal) {
    const line = Number(removal[1]);
    return line > 0 ? ok({ kind: 'remove_item', orderNumber: n, lineNumber: line }) : invalid('O número do item começa em 1.', 'item');
  }
  const addText = body.replace(/^(?:\+|adicionar|add)\s*/i, '');
  if (!addText) return invalid('Falta o item.', 'item');
  const item = parseNewItem(addText);
  return typeof item === 'string' ? invalid(item, 'item') : ok({ kind: 'add_item', orderNumber: n, item });
};

// ---- dispatcher --------------------------------------------------------------

export const parseStaffCommand = (text: string): ParseStaffCommandResult => {
  // NUL bytes cannot be stored (PostgreSQL text): a pasted one must not fail the command.
  const trimmed = text.replaceAll('\u0000', '').trim();
  if (!trimmed || trimmed === '/') return { ok: false, code: 'EMPTY', message: msg.emptyCommand() };
  const space = trimmed.search(/\s/);
  const head = space < 0 ? trimmed : trimmed.slice(0, space);
  const args = space < 0 ? '' : trimmed.slice(space + 1).trim();
  const name = fold(head.replace(/^\//, '').replace(/@\w+$/, ''));
  const key = COMMANDS[name];
  if (!key) return { ok: false, code: 'UNKNOWN_COMMAND', message: msg.unknownCommand(head) };
  switch (key) {
    case 'os':
      if (!args) return ok({ kind: 'list_orders' });
      return withOrder(args, 'os', (n, rest) => (rest ? invalid(`Não entendi "${rest}".`, 'os') : ok({ kind: 'show_order', orderNumber: n })));
    case 'status':
      return withOrder(args, 'status', (n, rest) => {
        if (!rest) return invalid('Falta o novo status.', 'status');
        const status = parseOrderStatus(rest);
        return status ? ok({ kind: 'set_status', orderNumber: n, status }) : invalid(`Não conheço o status "${rest}".`, 'status');
      });
    case 'orcamento':
      return withOrder(args, 'orcamento', (n, rest) => (rest ? invalid(`Não entendi "${rest}".`, 'orcamento') : ok({ kind: 'resend_quote', orderNumber: n })));
    case 'item':
      return withOrder(args, 'item', parseItem);
    case 'cobrar':
      return withOrder(args, 'cobrar', (n, rest) => (rest ? invalid(`Não entendi "${rest}".`, 'cobrar') : ok({ kind: 'charge', orderNumber: n })));
    case 'pago':
      return withOrder(args, 'pago', (n, rest) => (rest ? invalid(`Não entendi "${rest}".`, 'pago') : ok({ kind: 'confirm_payment', orderNumber: n })));
    case 'assumir': {
      if (!args) return ok({ kind: 'take_over', target: null });
      if (/\s/.test(args)) return invalid(`Não entendi "${args}".`, 'assumir');
      const n = readOrderNumber(args);
      return ok({ kind: 'take_over', target: n ? { kind: 'order', orderNumber: n } : { kind: 'conversation', conversationId: args } });
    }
    case 'devolver':
      return ok({ kind: 'hand_back' });
    case 'ajuda':
      return ok({ kind: 'help' });
  }
};
