import { randomUUID } from 'node:crypto';
import type { Me } from '../../core/contracts/auth';
import { featuresOf, planIdSchema } from '../../core/plans/plans';
import type { LoginCandidate, TenantDb, Tx } from '../db/tenant-db';
import { currentContext } from '../observability/context';
import { audit } from '../pipeline/audit';
import { hashToken } from '../security/crypto';
import type { PasswordHasher } from '../security/password';
import type { AccessTokens } from './tokens';
import { randomToken } from './tokens';

export interface Issued {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
  readonly me: Me;
}

export type LoginOutcome = { ok: true; issued: Issued } | { ok: false; code: 'INVALID_CREDENTIALS' | 'USER_BLOCKED' | 'TENANT_BLOCKED' };
export type RefreshOutcome =
  | { ok: true; issued: Issued }
  | { ok: false; code: 'REFRESH_INVALID' | 'REFRESH_REUSED' | 'USER_BLOCKED' | 'TENANT_BLOCKED' };

export interface SessionDeps {
  readonly tdb: TenantDb;
  readonly hasher: Pick<PasswordHasher, 'hash' | 'verify'>;
  readonly tokens: AccessTokens;
  readonly accessTtlSeconds: number;
  readonly refreshTtlDays: number;
  readonly now: () => Date;
}

export interface ClientInfo {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

const userWithTenant = (tx: Tx, userId: string) =>
  tx.user.findUnique({ where: { id: userId }, include: { tenant: { select: { id: true, name: true, slug: true, plan: true, status: true } } } });
type UserRow = NonNullable<Awaited<ReturnType<typeof userWithTenant>>>;

/** What a session's `me` is made of: a user row with its tenant (Prisma's or a login candidate's). */
interface MeSource {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly tenant: { readonly id: string; readonly name: string; readonly slug: string; readonly plan: string };
}

export const meOf = (u: MeSource): Me => {
  const plan = planIdSchema.catch('basico').parse(u.tenant.plan);
  return {
    user: { id: u.id, name: u.name, email: u.email, role: u.role === 'owner' ? 'owner' : 'staff' },
    tenant: { id: u.tenant.id, name: u.tenant.name, slug: u.tenant.slug, plan },
    features: featuresOf(plan),
  };
};

const blockedCode = (u: UserRow): 'USER_BLOCKED' | 'TENANT_BLOCKED' | null =>
  u.tenant.status === 'blocked' ? 'TENANT_BLOCKED' : u.blockedAt || !u.active ? 'USER_BLOCKED' : null;
const candidateBlockedCode = (u: LoginCandidate): 'USER_BLOCKED' | 'TENANT_BLOCKED' | null =>
  u.tenant.status === 'blocked' ? 'TENANT_BLOCKED' : u.blocked || !u.active ? 'USER_BLOCKED' : null;

/**
 * A login's writes in one statement (inside the tenant's transaction): last_login_at,
 * the audit row (as audit() writes it) and the new refresh token, whose family starts here.
 */
const LOGIN_WRITES = `
  WITH u AS (UPDATE users SET last_login_at = $3 WHERE id = $1 RETURNING id),
  a AS (INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity, entity_id, after, trace_id)
        VALUES ($2, 'user', $4, 'auth.login', 'user', $4, $5, $6)),
  r AS (INSERT INTO refresh_tokens (tenant_id, user_id, family_id, token_hash, expires_at, ip, user_agent)
        VALUES ($2, $1, $7, $8, $9, $10, $11))
  SELECT count(*)::int AS n FROM u`;

export const createSessions = (deps: SessionDeps) => {
  // Unknown e-mails are checked against this so they take as long as known ones.
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= deps.hasher.hash(`dummy-${randomUUID()}`));

  const issue = async (tx: Tx, u: UserRow, familyId: string, parentId: string | null, client: ClientInfo): Promise<Issued> => {
    const now = deps.now();
    const refreshToken = randomToken();
    await tx.refreshToken.create({
      data: {
        tenantId: u.tenantId, userId: u.id, familyId, parentId, tokenHash: hashToken(refreshToken),
        expiresAt: new Date(now.getTime() + deps.refreshTtlDays * 86_400_000),
        ip: client.ip?.slice(0, 64) ?? null, userAgent: client.userAgent?.slice(0, 300) ?? null,
      },
    });
    const me = meOf(u);
    const { token } = await deps.tokens.sign({ sub: u.id, tid: u.tenantId, role: me.user.role, plan: me.tenant.plan, fid: familyId }, now);
    return { accessToken: token, refreshToken, expiresIn: deps.accessTtlSeconds, me };
  };

  // Hot path: one cross-tenant read, the hash check, then one raw tenant transaction
  // (BEGIN + context, the writes, check + COMMIT). Refresh keeps the Prisma path.
  const login = async (email: string, password: string, client: ClientInfo): Promise<LoginOutcome> => {
    const user = await deps.tdb.lookup.loginCandidate(email);
    const ok = await deps.hasher.verify(password, user?.passwordHash ?? (await dummyHash()));
    if (!ok || !user) return { ok: false, code: 'INVALID_CREDENTIALS' };
    const blocked = candidateBlockedCode(user);
    if (blocked) return { ok: false, code: blocked };
    const now = deps.now();
    const refreshToken = randomToken();
    const familyId = randomUUID();
    await deps.tdb.withTenantSql(user.tenantId, (sql) =>
      sql.query(LOGIN_WRITES, [
        user.userId, user.tenantId, now, user.userId, JSON.stringify({ ip: client.ip }), currentContext()?.traceId ?? null,
        familyId, hashToken(refreshToken), new Date(now.getTime() + deps.refreshTtlDays * 86_400_000),
        client.ip?.slice(0, 64) ?? null, client.userAgent?.slice(0, 300) ?? null,
      ], { name: 'auth_login_writes' }),
    );
    const me = meOf({ id: user.userId, name: user.name, email: user.email, role: user.role, tenant: user.tenant });
    const { token } = await deps.tokens.sign({ sub: user.userId, tid: user.tenantId, role: me.user.role, plan: me.tenant.plan, fid: familyId }, now);
    return { ok: true, issued: { accessToken: token, refreshToken, expiresIn: deps.accessTtlSeconds, me } };
  };

  const refresh = async (token: string, client: ClientInfo): Promise<RefreshOutcome> => {
    const found = await deps.tdb.lookup.refreshToken(hashToken(token));
    if (!found) return { ok: false, code: 'REFRESH_INVALID' };
    return deps.tdb.withTenant(found.tenantId, async (tx): Promise<RefreshOutcome> => {
      const now = deps.now();
      const row = await tx.refreshToken.findUnique({ where: { id: found.refreshTokenId } });
      if (!row || row.revokedAt || row.expiresAt <= now) return { ok: false, code: 'REFRESH_INVALID' };
      const revokeFamily = async (reason: string) => {
        await tx.refreshToken.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: now } });
        await audit(tx, row.tenantId, { type: 'user', id: row.userId }, reason, 'refresh_family', row.familyId);
      };
      // Claim the token; losing the claim means someone used it before us: a stolen copy.
      const claimed = row.usedAt ? 0 : (await tx.refreshToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } })).count;
      if (claimed !== 1) {
        await revokeFamily('auth.refresh_reused');
        return { ok: false, code: 'REFRESH_REUSED' };
      }
      const user = await userWithTenant(tx, row.userId);
      const blocked = user ? blockedCode(user) : 'USER_BLOCKED';
      if (!user || blocked) {
        await revokeFamily('auth.refresh_denied');
        return { ok: false, code: blocked ?? 'USER_BLOCKED' };
      }
      return { ok: true, issued: await issue(tx, user, row.familyId, row.id, client) };
    });
  };

  /** Ends the session: the access token's jti until it expires, and its whole refresh family. */
  const logout = async (c: { tenantId: string; userId: string; jti: string; exp: number; familyId: string }): Promise<void> => {
    await deps.tdb.withTenant(c.tenantId, async (tx) => {
      await tx.revokedToken.createMany({
        data: [{ jti: c.jti, tenantId: c.tenantId, reason: 'logout', expiresAt: new Date(c.exp * 1000) }],
        skipDuplicates: true,
      });
      await tx.refreshToken.updateMany({ where: { familyId: c.familyId, revokedAt: null }, data: { revokedAt: deps.now() } });
      await audit(tx, c.tenantId, { type: 'user', id: c.userId }, 'auth.logout', 'user', c.userId, { after: { jti: c.jti } });
    });
  };

  const me = (tenantId: string, userId: string): Promise<Me | null> =>
    deps.tdb.withTenant(tenantId, async (tx) => {
      const u = await userWithTenant(tx, userId);
      return u ? meOf(u) : null;
    });

  return { login, refresh, logout, me };
};
export type Sessions = ReturnType<typeof createSessions>;
