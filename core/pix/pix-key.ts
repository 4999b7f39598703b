import { normalizePhone } from '../domain/phone';

/**
 * Pix keys as registered in the DICT: CPF/CNPJ digits only, phone "+55…",
 * e-mail lowercase, random key (EVP) as a lowercase UUID.
 */
export type PixKeyType = 'cpf' | 'cnpj' | 'phone' | 'email' | 'evp';
export type PixKey = { type: PixKeyType; value: string };

export type DetectPixKeyResult =
  | ({ ok: true } & PixKey)
  | { ok: false; code: 'INVALID_PIX_KEY' }
  /** e.g. "11987654321" is both a valid CPF and a valid mobile: ask the owner which. */
  | { ok: false; code: 'AMBIGUOUS_PIX_KEY'; candidates: PixKey[] };

const INVALID: DetectPixKeyResult = { ok: false, code: 'INVALID_PIX_KEY' };

// DICT limit for e-mail keys.
const MAX_EMAIL_LENGTH = 77;
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const EVP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMATTED_CPF = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/;
const FORMATTED_CNPJ = /^[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}$/i;
// Parentheses or inner spaces are how people write phones, never documents.
const PHONE_LOOKING = /[()\s]/;

/** Modulo-11 check digit as used by CPF and CNPJ. Characters count as code − 48. */
const checkDigit = (body: string, weights: readonly number[]): number => {
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    total += (body.charCodeAt(i) - 48) * (weights[i] ?? 0);
  }
  const rest = total % 11;
  return rest < 2 ? 0 : 11 - rest;
};

const allSameChar = (s: string): boolean => /^(.)\1*$/.test(s);

/** `cpf`: 11 digits, no punctuation. */
export const isValidCpf = (cpf: string): boolean => {
  if (!/^\d{11}$/.test(cpf) || allSameChar(cpf)) return false;
  const first = checkDigit(cpf.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(cpf.slice(0, 10), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return cpf.endsWith(`${first}${second}`);
};

const CNPJ_WEIGHTS_1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_WEIGHTS_2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * `cnpj`: 14 characters, no punctuation. Accepts the alphanumeric CNPJ the
 * Receita Federal issues from July 2026 (12 characters 0-9A-Z + 2 check digits).
 */
export const isValidCnpj = (cnpj: string): boolean => {
  if (!/^[0-9A-Z]{12}\d{2}$/.test(cnpj) || allSameChar(cnpj)) return false;
  const first = checkDigit(cnpj.slice(0, 12), CNPJ_WEIGHTS_1);
  const second = checkDigit(cnpj.slice(0, 13), CNPJ_WEIGHTS_2);
  return cnpj.endsWith(`${first}${second}`);
};

const brazilianPhone = (raw: string): string | null => {
  const result = normalizePhone(raw);
  return result.ok && result.e164.startsWith('+55') ? result.e164 : null;
};

const documentCandidates = (text: string): PixKey[] => {
  const compact = text.replace(/[.\-/]/g, '').toUpperCase();
  const found: PixKey[] = [];
  if (isValidCpf(compact)) found.push({ type: 'cpf', value: compact });
  if (isValidCnpj(compact)) found.push({ type: 'cnpj', value: compact });
  return found;
};

const candidatesFor = (text: string): PixKey[] => {
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return EMAIL.test(email) && email.length <= MAX_EMAIL_LENGTH ? [{ type: 'email', value: email }] : [];
  }
  if (EVP.test(text)) return [{ type: 'evp', value: text.toLowerCase() }];
  if (FORMATTED_CPF.test(text) || FORMATTED_CNPJ.test(text)) return documentCandidates(text);
  const phone = brazilianPhone(text);
  const phoneKey: PixKey[] = phone ? [{ type: 'phone', value: phone }] : [];
  if (text.startsWith('+') || PHONE_LOOKING.test(text)) return phoneKey;
  return [...documentCandidates(text), ...phoneKey];
};

/**
 * Works out which kind of Pix key a person typed and returns it in DICT form.
 * CPF and CNPJ must have valid check digits. When the text fits more than one
 * type (a bare 11-digit number can be a CPF and a mobile), pass `hint` with the
 * type the owner chose; without it the result is AMBIGUOUS_PIX_KEY.
 */
export const detectPixKey = (raw: string, hint?: PixKeyType): DetectPixKeyResult => {
  const text = raw.trim();
  if (text.length === 0 || text.length > 100) return INVALID;
  const candidates = candidatesFor(text).filter((c) => hint === undefined || c.type === hint);
  const [only, ...others] = candidates;
  if (!only) return INVALID;
  if (others.length > 0) return { ok: false, code: 'AMBIGUOUS_PIX_KEY', candidates };
  return { ok: true, ...only };
};
