import { Router, type CookieOptions, type Request, type Response } from 'express';
import { loginBodySchema, refreshBodySchema, type TokenResponse } from '../../core/contracts/auth';
import { HttpError } from '../http/errors';
import { AUTH_MESSAGES as M } from './messages';
import { authenticate, authOf, checkCsrf, COOKIES } from './middleware';
import type { AuthOptions } from './options';
import type { LoginLimiter } from './rate-limit';
import type { Issued, Sessions } from './sessions';
import type { AccessTokens } from './tokens';
import { randomToken } from './tokens';
import type { TenantDb } from '../db/tenant-db';

export interface AuthRouteDeps {
  readonly tdb: TenantDb;
  readonly sessions: Sessions;
  readonly tokens: AccessTokens;
  readonly limiter: LoginLimiter;
  readonly options: AuthOptions;
  readonly now: () => Date;
}

const FAILURE: Record<string, [number, string]> = {
  INVALID_CREDENTIALS: [401, M.invalidCredentials],
  USER_BLOCKED: [403, M.userBlocked],
  TENANT_BLOCKED: [403, M.tenantBlocked],
  REFRESH_INVALID: [401, M.refreshInvalid],
  REFRESH_REUSED: [401, M.refreshReused],
};
const fail = (code: string): HttpError => {
  const [status, message] = FAILURE[code] ?? [401, M.tokenInvalid];
  return new HttpError(status, code, message);
};

const client = (req: Request) => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });

/** /api/auth/*: login, refresh (rotating), logout, me. Mounted under /api. */
export const authRoutes = (deps: AuthRouteDeps): Router => {
  const { options: o } = deps;
  const base: CookieOptions = { httpOnly: true, secure: o.cookieSecure };
  const refreshMaxAge = o.refreshTtlDays * 86_400_000;

  const setSession = (res: Response, issued: Issued): TokenResponse => {
    const csrfToken = randomToken();
    res.cookie(COOKIES.access, issued.accessToken, { ...base, sameSite: 'lax', path: '/api', maxAge: o.accessTtlSeconds * 1000 });
    // The refresh cookie always travels over TLS only, whatever the access cookie does in development.
    res.cookie(COOKIES.refresh, issued.refreshToken, { ...base, secure: o.cookieSecure, sameSite: 'strict', path: '/api/auth', maxAge: refreshMaxAge });
    res.cookie(COOKIES.csrf, csrfToken, { httpOnly: false, secure: o.cookieSecure, sameSite: 'lax', path: '/', maxAge: refreshMaxAge });
    res.setHeader('cache-control', 'no-store');
    return { ...issued, csrfToken };
  };
  const clearSession = (res: Response) => {
    res.clearCookie(COOKIES.access, { path: '/api' });
    res.clearCookie(COOKIES.refresh, { path: '/api/auth' });
    res.clearCookie(COOKIES.csrf, { path: '/' });
  };

  const r = Router();
  r.post('/auth/login', async (req, res) => {
    const body = loginBodySchema.parse(req.body ?? {});
    const ip = req.ip ?? 'unknown';
    const nowMs = deps.now().getTime();
    const wait = await deps.limiter.retryAfter(body.email, ip, nowMs);
    if (wait > 0) {
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', M.tooManyAttempts(minutes));
    }
    const out = await deps.sessions.login(body.email, body.password, client(req));
    if (!out.ok) {
      if (out.code === 'INVALID_CREDENTIALS') await deps.limiter.recordFailure(body.email, ip, nowMs);
      throw fail(out.code);
    }
    await deps.limiter.recordSuccess(body.email);
    res.json(setSession(res, out.issued));
  });

  r.post('/auth/refresh', async (req, res) => {
    const body = refreshBodySchema.parse(req.body ?? {});
    const cookie = (req.cookies as Record<string, string> | undefined)?.[COOKIES.refresh];
    const token = body.refreshToken ?? cookie;
    if (!token) throw fail('REFRESH_INVALID');
    if (!body.refreshToken) checkCsrf(req); // cookie-borne refresh needs the double-submit header
    const out = await deps.sessions.refresh(token, client(req));
    if (!out.ok) {
      clearSession(res);
      throw fail(out.code);
    }
    res.json(setSession(res, out.issued));
  });

  const auth = authenticate(deps);
  r.post('/auth/logout', auth, async (_req, res) => {
    const a = authOf(res);
    await deps.sessions.logout({ tenantId: a.tenantId, userId: a.userId, jti: a.jti, exp: a.exp, familyId: a.familyId });
    clearSession(res);
    res.json({ ok: true });
  });

  r.get('/auth/me', auth, async (_req, res) => {
    const a = authOf(res);
    const me = await deps.sessions.me(a.tenantId, a.userId);
    if (!me) throw new HttpError(401, 'TOKEN_INVALID', M.tokenInvalid);
    res.json(me);
  });
  return r;
};
