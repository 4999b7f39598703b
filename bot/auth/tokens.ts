import { randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { roleSchema } from '../../core/contracts/common';

const ISSUER = 'motogestor';
const AUDIENCE = 'motogestor-admin';

export const accessClaimsSchema = z.object({
  sub: z.uuid(),
  tid: z.uuid(),
  role: roleSchema,
  plan: z.string(),
  jti: z.uuid(),
  /** Refresh family of the session, so logout can end it without the refresh cookie. */
  fid: z.uuid(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof accessClaimsSchema>;

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; code: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' };

export interface AccessTokens {
  sign(c: Omit<AccessClaims, 'jti' | 'exp'>, now: Date): Promise<{ token: string; jti: string; exp: number }>;
  verify(token: string, now: Date): Promise<VerifyResult>;
}

export const createAccessTokens = (secret: string, ttlSeconds: number): AccessTokens => {
  // Imported once: given raw bytes, jose imports the key again on every sign and verify.
  const raw = new TextEncoder().encode(secret);
  let imported: Promise<CryptoKey> | undefined;
  const hmacKey = () => (imported ??= crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  return {
    sign: async (c, now) => {
      const key = await hmacKey();
      const jti = randomUUID();
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + ttlSeconds;
      const token = await new SignJWT({ tid: c.tid, role: c.role, plan: c.plan, fid: c.fid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(c.sub)
        .setJti(jti)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, jti, exp };
    },
    verify: async (token, now) => {
      try {
        const { payload } = await jwtVerify(token, await hmacKey(), {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: now,
        });
        const claims = accessClaimsSchema.safeParse(payload);
        return claims.success ? { ok: true, claims: claims.data } : { ok: false, code: 'TOKEN_INVALID' };
      } catch (err) {
        return { ok: false, code: err instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID' };
      }
    },
  };
};

/** Opaque, 256-bit, URL-safe: refresh tokens and CSRF tokens. */
export const randomToken = (): string => randomBytes(32).toString('base64url');
