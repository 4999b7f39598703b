import { z } from 'zod';

/**
 * Phone numbers in E.164. Customers are looked up by phone, and the same person
 * reaches us as "(11) 98765-4321" typed by staff, "5511987654321@s.whatsapp.net"
 * from WhatsApp and "+55 11 8765-4321" from an old spreadsheet, so everything is
 * reduced to one canonical spelling: Brazilian mobiles always carry the ninth digit.
 */
export type PhoneResult = { ok: true; e164: string } | { ok: false; code: 'INVALID_PHONE' };

/**
 * `'BR'`: numbers without a country code are Brazilian (DDD + number).
 * `null`: bare digits already include the country code (as in WhatsApp ids).
 */
export type DefaultCountry = 'BR' | null;

/** All 67 Brazilian area codes (DDD) in service, per Anatel's numbering plan. */
export const BRAZILIAN_DDDS: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19',
  '21', '22', '24', '27', '28',
  '31', '32', '33', '34', '35', '37', '38',
  '41', '42', '43', '44', '45', '46', '47', '48', '49',
  '51', '53', '54', '55',
  '61', '62', '63', '64', '65', '66', '67', '68', '69',
  '71', '73', '74', '75', '77', '79',
  '81', '82', '83', '84', '85', '86', '87', '88', '89',
  '91', '92', '93', '94', '95', '96', '97', '98', '99',
]);

const INVALID: PhoneResult = { ok: false, code: 'INVALID_PHONE' };
const BR_CC = '55';
// Multi-device JIDs carry a device suffix: "5511987654321:12@s.whatsapp.net".
const WHATSAPP_JID = /^(\d+)(?::\d+)?@(?:s\.whatsapp\.net|c\.us)$/i;
const HUMAN_PHONE = /^\+?[\d\s().-]+$/;

/** `national` = DDD + subscriber number, digits only. */
const fromBrazilianNational = (national: string): PhoneResult => {
  const ddd = national.slice(0, 2);
  const subscriber = national.slice(2);
  if (!BRAZILIAN_DDDS.has(ddd)) return INVALID;
  if (/^9\d{8}$/.test(subscriber)) return { ok: true, e164: `+${BR_CC}${ddd}${subscriber}` };
  // Landlines keep 8 digits; 8-digit mobiles predate the ninth digit (and are how
  // WhatsApp still reports many Brazilian mobiles), so the 9 is put back.
  if (/^[2-5]\d{7}$/.test(subscriber)) return { ok: true, e164: `+${BR_CC}${ddd}${subscriber}` };
  if (/^[6-9]\d{7}$/.test(subscriber)) return { ok: true, e164: `+${BR_CC}${ddd}9${subscriber}` };
  return INVALID;
};

/** `digits` include the country code. */
const fromInternational = (digits: string): PhoneResult => {
  if (digits.startsWith(BR_CC)) return fromBrazilianNational(digits.slice(BR_CC.length));
  if (/^[1-9]\d{7,14}$/.test(digits)) return { ok: true, e164: `+${digits}` };
  return INVALID;
};

const fromBareBrazilianDigits = (digits: string): PhoneResult => {
  // Trunk prefix as dialled inside Brazil: "0 11 98765-4321".
  if (/^0\d{10,11}$/.test(digits)) return fromBrazilianNational(digits.slice(1));
  if (digits.length === 10 || digits.length === 11) return fromBrazilianNational(digits);
  // A national number is at most 11 digits, so 12–13 digits starting 55 carry the country code.
  if ((digits.length === 12 || digits.length === 13) && digits.startsWith(BR_CC)) {
    return fromInternational(digits);
  }
  return INVALID;
};

/**
 * Normalises a phone number as typed by a person or sent by a channel to E.164.
 * Brazilian mobiles come out with the ninth digit (+55DDD9XXXXXXXX); landlines
 * unchanged; other countries accepted as "+" and 8–15 digits.
 */
export const normalizePhone = (raw: string, defaultCountry: DefaultCountry = 'BR'): PhoneResult => {
  let text = raw.trim();
  if (text.length === 0 || text.length > 64) return INVALID;
  const jid = WHATSAPP_JID.exec(text);
  if (jid) return fromInternational(jid[1] ?? '');
  text = text.replace(/^(?:whatsapp|tel):/i, '').trim();
  if (!HUMAN_PHONE.test(text)) return INVALID;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+') || defaultCountry === null) return fromInternational(digits);
  return fromBareBrazilianDigits(digits);
};

/** zod schema for boundaries: accepts any spelling `normalizePhone` does, outputs E.164. */
export const PhoneSchema = z.string().transform((raw, ctx) => {
  const result = normalizePhone(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.code });
    return z.NEVER;
  }
  return result.e164;
});

type BrazilianParts = { ddd: string; subscriber: string };

const brazilianParts = (e164: string): BrazilianParts | null =>
  e164.startsWith(`+${BR_CC}`) ? { ddd: e164.slice(3, 5), subscriber: e164.slice(5) } : null;

/**
 * The key customers are looked up by: the canonical E.164, identical whether the
 * input had the ninth digit or not. Null when the input is not a phone number.
 */
export const phoneKey = (e164: string): string | null => {
  const result = normalizePhone(e164);
  return result.ok ? result.e164 : null;
};

/**
 * Every spelling a Brazilian mobile may be stored under (with and without the
 * ninth digit), canonical first, for matching rows written before normalisation.
 * Landlines and foreign numbers have one spelling; invalid input has none.
 */
export const brazilianVariants = (e164: string): string[] => {
  const key = phoneKey(e164);
  if (key === null) return [];
  const parts = brazilianParts(key);
  if (parts && /^9[6-9]\d{7}$/.test(parts.subscriber)) {
    return [key, `+${BR_CC}${parts.ddd}${parts.subscriber.slice(1)}`];
  }
  return [key];
};

/**
 * "+55 11 9****-4321": enough for staff to recognise a customer in logs and
 * the admin UI without exposing the number. Never echoes unparseable input.
 */
export const maskPhone = (e164: string): string => {
  const key = phoneKey(e164);
  if (key === null) return '***';
  const parts = brazilianParts(key);
  if (parts) {
    const { ddd, subscriber } = parts;
    const hidden = '*'.repeat(subscriber.length - 5);
    return `+${BR_CC} ${ddd} ${subscriber.slice(0, 1)}${hidden}-${subscriber.slice(-4)}`;
  }
  const digits = key.slice(1);
  return `+${digits.slice(0, 2)} ${'*'.repeat(digits.length - 6)}${digits.slice(-4)}`;
};
