import type { MessageEvent } from './effects';

/** Pure readers for short answers the NLU leaves unlabelled ("15000", "João Silva", "não sei", "só o 1 e o 3"). */

const plain = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[!?.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const DONT_KNOW =
  /^(?:eu )?(?:nao sei|nao lembro|sei la|nem sei|nao faco ideia|nao tenho certeza|nao sei dizer|pula|prefiro nao(?: dizer| informar| falar)?)(?: nao)?(?: \S+)?$/;

/** "não sei", "não lembro", "sei lá", "pula": the customer can't or won't answer. Not a refusal of a quote. */
export const isDontKnow = (text: string): boolean => DONT_KNOW.test(plain(text));

/** Declining a nice-to-have question: "não sei", or just "não". */
export const isSkip = (text: string): boolean => isDontKnow(text) || /^(?:nao|n|nope)$/.test(plain(text));

export const readYear = (ev: MessageEvent, nowYear: number): number | undefined => {
  const fromNlu = ev.nlu.entities.motorcycle?.year;
  if (fromNlu) return fromNlu;
  const m = /\b(19[89]\d|20\d{2})\b/.exec(ev.text);
  const year = m ? Number(m[1]) : NaN;
  return year >= 1980 && year <= nowYear + 1 ? year : undefined;
};

export const readKm = (ev: MessageEvent): number | undefined => {
  if (ev.nlu.entities.km !== undefined) return ev.nlu.entities.km;
  const m = /^\D{0,12}?(\d{1,3}(?:\.\d{3})+|\d+)\s*(mil|k)?\s*(km)?\s*$/i.exec(ev.text.trim());
  if (!m) return undefined;
  const n = Number((m[1] ?? '').replaceAll('.', ''));
  const km = m[2] ? n * 1000 : n;
  return Number.isSafeInteger(km) && km <= 2_000_000 ? km : undefined;
};

const NOT_A_NAME = new Set(['oi', 'ola', 'sim', 'nao', 'ok', 'blz', 'beleza', 'obrigado', 'obrigada', 'valeu', 'bom dia', 'boa tarde', 'boa noite']);

/** A short reply made only of letters, when the bot just asked the customer's name. */
export const readName = (ev: MessageEvent): string | undefined => {
  if (ev.nlu.entities.name) return ev.nlu.entities.name;
  const text = ev.text.trim().replace(/^(?:e |é |eh |sou (?:o |a )?)/i, '');
  if (!/^[\p{L}'’-]+(?: [\p{L}'’-]+){0,3}$/u.test(text)) return undefined;
  if (NOT_A_NAME.has(plain(text))) return undefined;
  return text
    .split(' ')
    .map((w) => (w.length <= 3 && /^(da|de|do|das|dos|e)$/i.test(w) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join(' ');
};

const ORDINALS: Record<string, number> = { primeira: 1, primeiro: 1, segunda: 2, segundo: 2, terceira: 3, terceiro: 3, quarta: 4, quarto: 4 };

/** "1", "a segunda", "2ª": position in a list the bot offered. */
export const readPosition = (text: string): number | undefined => {
  const t = plain(text).replace(/^(?:a|o|e a|e o)\s+/, '');
  const digit = /^(\d)\s*(?:a|o|ª|º)?$/.exec(t);
  if (digit) return Number(digit[1]);
  return ORDINALS[t.split(' ')[0] ?? ''];
};

const SELECTION_FILLER = new Set(['so', 'somente', 'apenas', 'o', 'os', 'a', 'as', 'item', 'itens', 'linha', 'linhas', 'e', 'numero', 'n', 'pode', 'fazer', 'quero', 'aprovo', 'aprova', 'de']);

/** "só o 1 e o 3", "1, 3", "itens 2 e 4": a list of quote line numbers and nothing else. */
export const readLineSelection = (text: string): number[] | undefined => {
  const tokens = plain(text).split(/[\s,/+]+/).filter(Boolean);
  const numbers: number[] = [];
  for (const token of tokens) {
    if (/^\d{1,2}$/.test(token)) numbers.push(Number(token));
    else if (!SELECTION_FILLER.has(token)) return undefined;
  }
  return numbers.length ? [...new Set(numbers)].sort((a, b) => a - b) : undefined;
};

/** A free-text description of a problem, when the bot asked what the moto needs. */
export const readComplaint = (text: string): string | undefined => {
  const t = text.trim();
  return t.length >= 3 && !isDontKnow(t) ? t : undefined;
};

const REMOVAL = /^(?:pode )?(?:tira|tirar|tire|sem|menos|exceto|menos o|nao quero|nao precisa(?: do| da)?|remove|remova)\b(.*)$/;

/** "tira o 2", "sem o 3", "não quero o 2": the quote lines the customer does NOT want. */
export const readLineRemoval = (text: string): number[] | undefined => {
  const m = REMOVAL.exec(plain(text));
  return m ? readLineSelection(m[1] ?? '') : undefined;
};
