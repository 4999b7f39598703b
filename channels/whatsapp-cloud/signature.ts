import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs the raw request body: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(body, app secret). */
export const signBody = (rawBody: Buffer | string, appSecret: string): string =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;

/** Constant-time check of the header against the raw bytes; false on anything missing or malformed. */
export const verifySignature = (rawBody: Buffer | undefined, header: string | undefined, appSecret: string): boolean => {
  if (!rawBody || !header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(signBody(rawBody, appSecret), 'utf8');
  const given = Buffer.from(header.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
};

/** Constant-time string equality for the verification handshake token. */
export const sameSecret = (a: string | undefined, b: string): boolean => {
  if (a === undefined) return false;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};
