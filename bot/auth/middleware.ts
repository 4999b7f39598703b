import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { featuresOf, type BooleanFeature } from '../../core/plans/plans';
import type { Role } from '../../core/contracts/common';
import type { TenantDb } from '../db/tenant-db';
import { HttpError } from '../http/errors';
import { AUTH_MESSAGES as M } from './messages';
import type { AccessTokens } from './tokens';

export const COOKIES = { access: 'mg_at', refresh: 'mg_rt', csrf: 'mg_csrf' } as const;
export const CSRF_HEADER = 'x-csrf-token';

/** Who is calling, established once per request from the token and the database. */
export interface AuthContext {
  readonly userId: string;
  readonly tenantId: string;
  readonly role: Role;
  readonly plan: string;
  readonly jti: string;
  readonly exp: number;
  readonly familyId: string;
  readonly via: 'cookie' | 'bearer';
}

export const authOf = (res: Response): AuthContext => {
  const a = res.locals.auth as AuthContext | undefined;
  if (!a) throw new Error('route used without authenticate()');
  return a;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length >= 16 && timingSafeEqual(x, y);
};

/** Double-submit: the header must repeat the readable mg_csrf cookie. Bearer clients are exempt. */
export const checkCsrf = (req: Request): void => {
  const cookie = (req.cookies as Record<string, string> | undefined)?.[COOKIES.csrf];
  const header = req.get(CSRF_HEADER);
  if (!cookie || !header || !sameToken(cookie, header)) throw new HttpError(403, 'CSRF_FAILED', M.csrf);
};

/**
 * Verifies the token, then asks the database (one plain query, no transaction: the
 * auth_session_state function answers only for this user in this tenant) whether the jti
 * is revoked, the user blocked or the tenant suspended: all take effect on the next request.
 */
export const authenticate = (deps: { tdb: TenantDb; tokens: AccessTokens; now: () => Date }): RequestHandler =>
  async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = (req.cookies as Record<string, string> | undefined)?.[COOKIES.access];
    const token = bearer ?? cookie;
    if (!token) throw new HttpError(401, 'UNAUTHENTICATED', M.unauthenticated);
    const v = await deps.tokens.verify(token, deps.now());
    if (!v.ok) throw new HttpError(401, v.code, v.code === 'TOKEN_EXPIRED' ? M.tokenExpired : M.tokenInvalid);
    const c = v.claims;
    const row = await deps.tdb.lookup.sessionState(c.sub, c.tid, c.jti);
    if (!row) throw new HttpError(401, 'TOKEN_INVALID', M.tokenInvalid);
    if (row.revoked) throw new HttpError(401, 'TOKEN_REVOKED', M.tokenRevoked);
    if (row.tenantStatus === 'blocked') throw new HttpError(401, 'TENANT_BLOCKED', M.tenantBlocked);
    if (row.blocked || !row.active) throw new HttpError(401, 'USER_BLOCKED', M.userBlocked);
    const auth: AuthContext = {
      userId: c.sub,
      tenantId: c.tid,
      role: row.role === 'owner' ? 'owner' : 'staff',
      plan: row.plan,
      jti: c.jti,
      exp: c.exp,
      familyId: c.fid,
      via: bearer ? 'bearer' : 'cookie',
    };
    res.locals.auth = auth;
    if (auth.via === 'cookie' && UNSAFE.has(req.method)) checkCsrf(req);
    next();
  };

export const requireRole = (...roles: Role[]): RequestHandler => (_req, res, next) => {
  if (!roles.includes(authOf(res).role)) throw new HttpError(403, 'FORBIDDEN', M.forbidden);
  next();
};
export const ownerOnly = requireRole('owner');

const FEATURE_LABELS: Record<BooleanFeature, string> = {
  aiQuotes: 'orçamento com IA',
  voice: 'atendimento por voz',
  paymentProviders: 'provedores de pagamento',
  automations: 'automações',
  whatsappCloud: 'WhatsApp oficial',
  csvImport: 'importação de catálogo',
  auditLog: 'histórico de auditoria',
};

/** Plan gating on the server: the current plan (read per request), not the one in the token. */
export const requireFeature = (feature: BooleanFeature): RequestHandler => (_req, res, next) => {
  if (!featuresOf(authOf(res).plan)[feature]) throw new HttpError(403, 'FEATURE_NOT_IN_PLAN', M.featureNotInPlan(FEATURE_LABELS[feature]));
  next();
};
