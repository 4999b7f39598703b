import { detectPixKey, type PixKeyType } from './pix-key';

/**
 * Static Pix "copia e cola" (BR Code, EMV QRCPS-MPM) as specified by the Banco
 * Central "Manual de Padrões para Iniciação do Pix". Each field is a TLV:
 * 2-digit id, 2-digit length, value; the payload ends with a CRC16 (field 63).
 */

export type BuildPixCodeInput = {
  key: string;
  /** When the owner already told us which type the key is (see `detectPixKey`). */
  keyType?: PixKeyType;
  amountCents?: number;
  merchantName: string;
  merchantCity: string;
  txid?: string;
  description?: string;
};

export type BuildPixCodeError =
  | 'INVALID_PIX_KEY'
  | 'AMBIGUOUS_PIX_KEY'
  | 'INVALID_AMOUNT'
  | 'INVALID_MERCHANT_NAME'
  | 'INVALID_MERCHANT_CITY'
  | 'TXID_TOO_LONG'
  | 'FIELD_TOO_LONG'
  | 'PAYLOAD_TOO_LONG';

export type BuildPixCodeResult =
  | { ok: true; brcode: string }
  | { ok: false; code: BuildPixCodeError; field?: string };

export type PixCodeFields = {
  /** Absent in dynamic codes, which carry `url` instead. */
  key?: string;
  url?: string;
  description?: string;
  amountCents?: number;
  merchantName: string;
  merchantCity: string;
  txid: string;
};

export type ParsePixCodeResult =
  /** `ok` means well-formed; check `crcValid` before trusting the contents. */
  | { ok: true; fields: PixCodeFields; crcValid: boolean }
  | { ok: false; code: 'MALFORMED_BRCODE' | 'NOT_A_PIX_CODE' };

export const PIX_GUI = 'br.gov.bcb.pix';
const ID = {
  payloadFormat: '00',
  merchantAccount: '26',
  categoryCode: '52',
  currency: '53',
  amount: '54',
  country: '58',
  merchantName: '59',
  merchantCity: '60',
  additionalData: '62',
  crc: '63',
} as const;
const ACCOUNT = { gui: '00', key: '01', description: '02', url: '25' } as const;
const ADDITIONAL = { txid: '05' } as const;
const MAX_NAME = 25;
const MAX_CITY = 15;
const MAX_TXID = 25;
const MAX_AMOUNT_LENGTH = 13;
const MAX_PAYLOAD = 512;
const DEFAULT_TXID = '***';

/** CRC16-CCITT-FALSE (poly 0x1021, init 0xFFFF) over the UTF-8 bytes, 4 uppercase hex digits. */
export const crc16ccittFalse = (text: string): string => {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
};

class FieldTooLong extends Error {
  constructor(readonly field: string) {
    super(`BR Code field ${field} exceeds 99 characters`);
  }
}

const tlv = (id: string, value: string): string => {
  if (value.length > 99) throw new FieldTooLong(id);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
};

// Bank apps reject anything outside plain ASCII in these fields, so accents are
// removed by hand (no Intl/ICU dependency) and other symbols dropped.
const ACCENTS: Record<string, string> = {
  á: 'a', à: 'a', â: 'a', ã: 'a', ä: 'a', å: 'a', é: 'e', è: 'e', ê: 'e', ë: 'e',
  í: 'i', ì: 'i', î: 'i', ï: 'i', ó: 'o', ò: 'o', ô: 'o', õ: 'o', ö: 'o',
  ú: 'u', ù: 'u', û: 'u', ü: 'u', ç: 'c', ñ: 'n', ý: 'y', ÿ: 'y',
};

const stripAccents = (text: string): string =>
  text.replace(/[^\x00-\x7f]/g, (ch) => {
    const plain = ACCENTS[ch.toLowerCase()];
    if (plain === undefined) return '';
    return ch === ch.toLowerCase() ? plain : plain.toUpperCase();
  });

/** Keeps letters, digits, spaces and a few harmless marks; collapses spaces; truncates. */
const sanitizeText = (text: string, max: number): string =>
  stripAccents(text)
    .replace(/[^A-Za-z0-9 .,\-]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trimEnd();

const formatAmount = (cents: number): string | null => {
  if (!Number.isSafeInteger(cents) || cents <= 0) return null;
  const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return text.length <= MAX_AMOUNT_LENGTH ? text : null;
};

type Prepared = { key: string; amount?: string; name: string; city: string; txid: string; description?: string };

const prepare = (input: BuildPixCodeInput): Prepared | { code: BuildPixCodeError } => {
  const key = detectPixKey(input.key, input.keyType);
  if (!key.ok) return { code: key.code };
  const amount = input.amountCents === undefined ? undefined : formatAmount(input.amountCents);
  if (amount === null) return { code: 'INVALID_AMOUNT' };
  const name = sanitizeText(input.merchantName, MAX_NAME);
  if (name === '') return { code: 'INVALID_MERCHANT_NAME' };
  const city = sanitizeText(input.merchantCity, MAX_CITY).toUpperCase();
  if (city === '') return { code: 'INVALID_MERCHANT_CITY' };
  const txid = (input.txid ?? '').replace(/[^A-Za-z0-9]/g, '');
  if (txid.length > MAX_TXID) return { code: 'TXID_TOO_LONG' };
  const description = input.description === undefined ? '' : sanitizeText(input.description, 99);
  return {
    key: key.value,
    name,
    city,
    txid: txid === '' ? DEFAULT_TXID : txid,
    ...(amount === undefined ? {} : { amount }),
    ...(description === '' ? {} : { description }),
  };
};

const assemble = (p: Prepared): string => {
  const account =
    tlv(ACCOUNT.gui, PIX_GUI) +
    tlv(ACCOUNT.key, p.key) +
    (p.description === undefined ? '' : tlv(ACCOUNT.description, p.description));
  const body =
    tlv(ID.payloadFormat, '01') +
    tlv(ID.merchantAccount, account) +
    tlv(ID.categoryCode, '0000') +
    tlv(ID.currency, '986') +
    (p.amount === undefined ? '' : tlv(ID.amount, p.amount)) +
    tlv(ID.country, 'BR') +
    tlv(ID.merchantName, p.name) +
    tlv(ID.merchantCity, p.city) +
    tlv(ID.additionalData, tlv(ADDITIONAL.txid, p.txid)) +
    `${ID.crc}04`;
  return body + crc16ccittFalse(body);
};

/**
 * Builds a static Pix "copia e cola" code. The key is normalised to its DICT form;
 * name and city lose accents (city is uppercased, the name keeps its case) and are
 * cut to 25 and 15 characters. Over-long fields are reported, never cut silently
 * where that would change meaning (key, txid, description).
 */
export const buildPixCode = (input: BuildPixCodeInput): BuildPixCodeResult => {
  const prepared = prepare(input);
  if ('code' in prepared) return { ok: false, code: prepared.code };
  let brcode: string;
  try {
    brcode = assemble(prepared);
  } catch (error) {
    if (error instanceof FieldTooLong) return { ok: false, code: 'FIELD_TOO_LONG', field: error.field };
    throw error;
  }
  if (brcode.length > MAX_PAYLOAD) return { ok: false, code: 'PAYLOAD_TOO_LONG' };
  return { ok: true, brcode };
};

type Tlv = { id: string; value: string; start: number };

/** Splits a TLV string; null when lengths do not add up exactly. */
const readTlvs = (text: string): Tlv[] | null => {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < text.length) {
    const header = text.slice(pos, pos + 4);
    if (!/^\d{4}$/.test(header)) return null;
    const length = Number(header.slice(2));
    const value = text.slice(pos + 4, pos + 4 + length);
    if (value.length !== length) return null;
    out.push({ id: header.slice(0, 2), value, start: pos });
    pos += 4 + length;
  }
  return out;
};

const findValue = (tlvs: readonly Tlv[], id: string): string | undefined =>
  tlvs.find((t) => t.id === id)?.value;

/** Merchant account templates may sit in any id 26–51; Pix is the one whose GUI is br.gov.bcb.pix. */
const findPixAccount = (tlvs: readonly Tlv[]): Tlv[] | null => {
  for (const t of tlvs) {
    const id = Number(t.id);
    if (id < 26 || id > 51) continue;
    const inner = readTlvs(t.value);
    if (inner && findValue(inner, ACCOUNT.gui)?.toLowerCase() === PIX_GUI) return inner;
  }
  return null;
};

const parseAmount = (text: string): number | null => {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
};

const isCrcValid = (code: string, tlvs: readonly Tlv[]): boolean => {
  const last = tlvs[tlvs.length - 1];
  if (!last || last.id !== ID.crc || last.value.length !== 4) return false;
  return crc16ccittFalse(code.slice(0, last.start + 4)) === last.value.toUpperCase();
};

/**
 * Reads a Pix "copia e cola" code, including the nested merchant account (26)
 * and additional data (62) templates, and checks its CRC.
 */
export const parsePixCode = (raw: string): ParsePixCodeResult => {
  const code = raw.trim();
  const tlvs = readTlvs(code);
  if (!tlvs || tlvs[0]?.id !== ID.payloadFormat || tlvs[0].value !== '01') {
    return { ok: false, code: 'MALFORMED_BRCODE' };
  }
  const account = findPixAccount(tlvs);
  if (!account) return { ok: false, code: 'NOT_A_PIX_CODE' };
  const merchantName = findValue(tlvs, ID.merchantName);
  const merchantCity = findValue(tlvs, ID.merchantCity);
  const additional = readTlvs(findValue(tlvs, ID.additionalData) ?? '');
  const amountText = findValue(tlvs, ID.amount);
  const amountCents = amountText === undefined ? undefined : parseAmount(amountText);
  if (merchantName === undefined || merchantCity === undefined || !additional || amountCents === null) {
    return { ok: false, code: 'MALFORMED_BRCODE' };
  }
  const key = findValue(account, ACCOUNT.key);
  const url = findValue(account, ACCOUNT.url);
  const description = findValue(account, ACCOUNT.description);
  const fields: PixCodeFields = {
    merchantName,
    merchantCity,
    txid: findValue(additional, ADDITIONAL.txid) ?? DEFAULT_TXID,
    ...(key === undefined ? {} : { key }),
    ...(url === undefined ? {} : { url }),
    ...(description === undefined ? {} : { description }),
    ...(amountCents === undefined ? {} : { amountCents }),
  };
  return { ok: true, fields, crcValid: isCrcValid(code, tlvs) };
};
