import { z } from 'zod';

/**
 * Money is always integer centavos (BRL). Floats never hold money: R$ 0,10 + R$ 0,20
 * must be exactly R$ 0,30 on every quote and receipt.
 */
export const MoneySchema = z.object({ cents: z.number().int() });
export type Money = z.infer<typeof MoneySchema>;

export const ZERO: Money = Object.freeze({ cents: 0 });

const assertCents = (cents: number, op: string): number => {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`${op}: cents must be a safe integer, got ${String(cents)}`);
  }
  // Normalise -0 so that formatting and equality never see it.
  return cents === 0 ? 0 : cents;
};

/** Builds a Money value. A non-integer amount is a programming bug, so it throws. */
export const money = (cents: number): Money => ({ cents: assertCents(cents, 'money') });

export const add = (a: Money, b: Money): Money => ({
  cents: assertCents(a.cents + b.cents, 'add'),
});

export const sum = (items: readonly Money[]): Money => items.reduce(add, ZERO);

/**
 * `n` as an exact decimal fraction numerator / 10^scale, read from the shortest
 * round-trip text of the number, so 1.15 is 115/100 and not 1.149999…
 */
const toDecimal = (n: number): { numerator: bigint; scale: number } => {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!match) throw new RangeError(`multiply: qty must be a finite number, got ${String(n)}`);
  const [, sign = '', intPart = '0', fracPart = '', expPart = '0'] = match;
  const exponent = Number(expPart);
  let digits = BigInt(intPart + fracPart);
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { numerator: sign === '-' ? -digits : digits, scale };
};

/**
 * Price × quantity, where quantity may be fractional (1.5 h of labour, 0.75 L of oil).
 * Rounds half away from zero to the centavo (R$ 19,99 × 1,5 = R$ 29,985 → R$ 29,99),
 * symmetric so that a discount line is the exact negative of the same charge.
 */
export const multiply = (m: Money, qty: number): Money => {
  if (!Number.isFinite(qty)) {
    throw new RangeError(`multiply: qty must be a finite number, got ${String(qty)}`);
  }
  const { numerator, scale } = toDecimal(qty);
  const product = BigInt(assertCents(m.cents, 'multiply')) * numerator;
  const divisor = 10n ** BigInt(scale);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let quotient = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) quotient += 1n;
  const cents = Number(negative ? -quotient : quotient);
  return { cents: assertCents(cents, 'multiply') };
};

const groupThousands = (digits: string): string =>
  digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * "R$ 1.234,56" / "-R$ 10,00". Built by hand rather than with Intl so the output
 * (plain space, no NBSP) is identical on every Node build and in snapshot tests.
 */
export const formatBRL = (m: Money): string => {
  const cents = assertCents(m.cents, 'formatBRL');
  const abs = Math.abs(cents);
  const reais = groupThousands(String(Math.floor(abs / 100)));
  const centavos = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}R$ ${reais},${centavos}`;
};

// Integer part either plain digits or grouped by thousands.
const INTEGER_PART = String.raw`(?:\d{1,3}(?:\.\d{3})+|\d+)`;
const BR_AMOUNT = new RegExp(`^(${INTEGER_PART})(?:,(\\d{1,2}))?$`);
const US_GROUPED_AMOUNT = /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/;
const DOT_DECIMAL_AMOUNT = /^(\d+)\.(\d{1,2})$/;

const splitAmount = (text: string): { reais: string; centavos: string } | null => {
  // "89.90" / "89.9": a dot followed by one or two digits can only be a decimal point,
  // while "1.234" is one thousand two hundred and thirty-four reais, as in Brazil.
  const dot = DOT_DECIMAL_AMOUNT.exec(text);
  if (dot) return { reais: dot[1] ?? '', centavos: dot[2] ?? '' };
  const br = BR_AMOUNT.exec(text);
  if (br) return { reais: (br[1] ?? '').replaceAll('.', ''), centavos: br[2] ?? '' };
  const us = US_GROUPED_AMOUNT.exec(text);
  if (us) return { reais: (us[1] ?? '').replaceAll(',', ''), centavos: us[2] ?? '' };
  return null;
};

/**
 * Reads an amount typed by a person: "1.234,56", "R$ 89,90", "89.90", "89",
 * "-R$ 10,00". Returns integer centavos, or null when the text is not an amount
 * or is ambiguous (e.g. "1,234" or three decimal places).
 */
export const parseBRL = (raw: string): number | null => {
  let text = raw.replace(/[\s\u00a0\u202f]+/g, '');
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  if (/^r\$/i.test(text)) text = text.slice(2);
  if (!negative && text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  const parts = splitAmount(text);
  if (!parts) return null;
  const cents = Number(parts.reais) * 100 + Number(parts.centavos.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
};
