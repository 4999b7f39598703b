import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two strings (different lengths compare unequal without leaking where). */
export const safeEqual = (a: string, b: string): boolean => {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
};

const hmacHex = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest('hex');

/** Splits `k=v,k=v` headers (x-signature, Stripe-Signature) into pairs, keeping repeated keys. */
const headerPairs = (header: string): [string, string][] =>
  header
    .split(',')
    .map((part) => {
      const i = part.indexOf('=');
      return i < 0 ? null : ([part.slice(0, i).trim(), part.slice(i + 1).trim()] as [string, string]);
    })
    .filter((p): p is [string, string] => p !== null);

/**
 * Mercado Pago: `x-signature: ts=<ts>,v1=<hex>` where v1 = HMAC-SHA256(secret, manifest)
 * and manifest = `id:<data.id>;request-id:<x-request-id>;ts:<ts>;`. data.id comes from
 * the notification URL's query string and is lower-cased when alphanumeric; a part that
 * is absent from the notification is left out of the manifest.
 */
export const mercadopagoManifest = (dataId: string | undefined, requestId: string | undefined, ts: string): string => {
  const id = dataId && /^[a-z0-9]+$/i.test(dataId) ? dataId.toLowerCase() : dataId;
  return `${id ? `id:${id};` : ''}${requestId ? `request-id:${requestId};` : ''}ts:${ts};`;
};

export const signMercadopago = (secret: string, dataId: string | undefined, requestId: string | undefined, ts: string): string =>
  `ts=${ts},v1=${hmacHex(secret, mercadopagoManifest(dataId, requestId, ts))}`;

export const verifyMercadopago = (
  secret: string,
  header: string | undefined,
  dataId: string | undefined,
  requestId: string | undefined,
): boolean => {
  if (!header) return false;
  const pairs = headerPairs(header);
  const ts = pairs.find(([k]) => k === 'ts')?.[1];
  const v1 = pairs.find(([k]) => k === 'v1')?.[1];
  if (!ts || !v1) return false;
  return safeEqual(hmacHex(secret, mercadopagoManifest(dataId, requestId, ts)), v1.toLowerCase());
};

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, v1 = HMAC-SHA256(secret,
 * `${t}.${rawBody}`); any v1 may match (secret rotation); t must be within tolerance.
 */
export const signStripe = (secret: string, rawBody: string | Buffer, t: number): string =>
  `t=${t},v1=${hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), Buffer.from(rawBody)]))}`;

export type StripeVerdict = 'ok' | 'malformed' | 'stale' | 'mismatch';

export const verifyStripe = (
  secret: string,
  header: string | undefined,
  rawBody: Buffer,
  nowSeconds: number,
  toleranceSeconds: number,
): StripeVerdict => {
  if (!header) return 'malformed';
  const pairs = headerPairs(header);
  const t = pairs.find(([k]) => k === 't')?.[1];
  const v1s = pairs.filter(([k]) => k === 'v1').map(([, v]) => v.toLowerCase());
  if (!t || !/^\d{1,12}$/.test(t) || v1s.length === 0) return 'malformed';
  const expected = hmacHex(secret, Buffer.concat([Buffer.from(`${t}.`), rawBody]));
  if (!v1s.some((v) => safeEqual(expected, v))) return 'mismatch';
  if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return 'stale';
  return 'ok';
};
