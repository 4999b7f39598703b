import { randomUUID } from 'node:crypto';
import type { Me } from '../../core/contracts/auth';
import { featuresOf, planIdSchema } from '../../core/plans/plans';
import type { TenantDb, Tx } from '../db/tenant-db';
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

export const meOf = (u: UserRow): Me => {
  const plan = planIdSchema.catch('basico').parse(u.tenant.plan);
  return {
    user: { id: u.id, name: u.name, email: u.email, role: u.role === 'owner' ? 'owner' : 'staff' },
    tenant: { id: u.tenant.id, name: u.tenant.name, slug: u.tenant.slug, plan },
    features: featuresOf(plan),
  };
};

const blockedCode = (u: UserRow): 'USER_BLOCKED' | 'TENANT_BLOCKED' | null =>
  u.tenant.status === 'blocked' ? 'TENANT_BLOCKED' : u.blockedAt || !u.active ? 'USER_BLOCKED' : null;

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

  const login = async (email: string, password: string, client: ClientInfo): Promise<LoginOutcome> => {
    const found = await deps.tdb.lookup.login(email);
    const user = found ? await deps.tdb.withTenant(found.tenantId, (tx) => userWithTenant(tx, found.userId)) : null;
    const ok = await deps.hasher.verify(password, user?.passwordHash ?? (await dummyHash()));
    if (!ok || !user) return { ok: false, code: 'INVALID_CREDENTIALS' };
    const blocked = blockedCode(user);
    if (blocked) return { ok: false, code: blocked };
    const issued = await deps.tdb.withTenant(user.tenantId, async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: deps.now() } });
      await audit(tx, user.tenantId, { type: 'user', id: user.id }, 'auth.login', 'user', user.id, { after: { ip: client.ip } });
      return issue(tx, user, randomUUID(), null, client);
    });
    return { ok: true, issued };
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
