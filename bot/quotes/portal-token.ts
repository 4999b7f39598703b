import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Customer portal links: a signed, expiring capability scoped to one order of one
 * shop. `base64url(JSON payload) + "." + base64url(HMAC-SHA256(secret, payload part))`.
 * Whoever holds the link may see the order and decide its quote, like a chat message
 * from the customer's phone; so links expire and are order-scoped.
 */
export const portalPayloadSchema = z
  .object({
    tenantId: z.string().uuid(),
    orderId: z.string().uuid(),
    /** Expiry, seconds since epoch. */
    exp: z.number().int().positive(),
  })
  .strict();
export type PortalPayload = z.infer<typeof portalPayloadSchema>;

export type VerifyResult =
  | { readonly ok: true; readonly payload: PortalPayload }
  | { readonly ok: false; readonly code: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

const MIN_SECRET_LENGTH = 32;
const MAX_TOKEN_LENGTH = 512;

const assertSecret = (secret: string) => {
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`portal secret must have at least ${MIN_SECRET_LENGTH} characters`);
};

const sign = (secret: string, body: string): Buffer => createHmac('sha256', secret).update(`portal.v1.${body}`).digest();

export const signPortalToken = (secret: string, payload: PortalPayload): string => {
  assertSecret(secret);
  const body = Buffer.from(JSON.stringify(portalPayloadSchema.parse(payload))).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
};

export const verifyPortalToken = (secret: string, token: string, now: Date): VerifyResult => {
  assertSecret(secret);
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, code: 'MALFORMED' };
  const [body, sig] = token.split('.') as [string, string];
  const expected = sign(secret, body);
  const given = Buffer.from(sig, 'base64url');
  // Signature first, in constant time: nothing about an unsigned payload is trusted or parsed.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'BAD_SIGNATURE' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'MALFORMED' };
  }
  const parsed = portalPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'MALFORMED' };
  if (parsed.data.exp * 1000 <= now.getTime()) return { ok: false, code: 'EXPIRED' };
  return { ok: true, payload: parsed.data };
};

/** The link sent to the customer (chat message, SMS): `${baseUrl}/p/${token}`. */
export const portalLink = (
  baseUrl: string,
  secret: string,
  o: { tenantId: string; orderId: string; ttlDays: number },
  now: Date = new Date(),
): string => {
  const exp = Math.floor(now.getTime() / 1000) + Math.round(o.ttlDays * 86_400);
  const token = signPortalToken(secret, { tenantId: o.tenantId, orderId: o.orderId, exp });
  return `${baseUrl.replace(/\/+$/, '')}/p/${token}`;
};
