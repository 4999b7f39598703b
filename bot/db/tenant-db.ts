import { z } from 'zod';
import type { Prisma } from './generated/client';
import type { Database } from './database';

export type Tx = Prisma.TransactionClient;

/** Raised when tenant data is asked for without a valid tenant: a bug, never a user error. */
export class TenantContextError extends Error {
  constructor(detail: string) {
    super(`Sem contexto de oficina (tenant): ${detail}`);
    this.name = 'TenantContextError';
  }
}

const tenantIdSchema = z.string().uuid();

export interface TenantTxOptions {
  /** Milliseconds to wait for a connection. */
  readonly maxWait?: number;
  readonly timeout?: number;
  readonly isolationLevel?: Prisma.TransactionIsolationLevel;
}

/**
 * The only door to tenant-owned data. Each call opens a transaction that first
 * switches to the app role and sets `app.tenant_id` (both transaction-local), so row-
 * level security scopes every statement inside, raw SQL included, and nothing leaks
 * to the next user of the pooled connection.
 */
export interface TenantDb {
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>, opts?: TenantTxOptions): Promise<T>;
  /**
   * The same guarantees as withTenant for hot paths written in plain SQL: one pooled
   * connection, `BEGIN` plus the role and tenant settings in one round trip, and the
   * pre-commit check plus `COMMIT` in another. About a fifth of the CPU of a Prisma
   * interactive transaction. Statements run one at a time, in order.
   */
  withTenantSql<T>(tenantId: string, fn: (sql: SqlTx) => Promise<T>, opts?: { readonly timeoutMs?: number }): Promise<T>;
  readonly lookup: CrossTenantLookup;
}

/** The state of a signed-in session, read per request by the API's authenticate(). */
export interface SessionState {
  readonly role: string;
  readonly active: boolean;
  readonly blocked: boolean;
  readonly tenantStatus: string;
  readonly plan: string;
  readonly revoked: boolean;
}

/** The account an e-mail names, with what signing in needs. */
export interface LoginCandidate {
  readonly userId: string;
  readonly tenantId: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly role: string;
  readonly active: boolean;
  readonly blocked: boolean;
  readonly tenant: { readonly id: string; readonly name: string; readonly slug: string; readonly plan: string; readonly status: string };
}

/**
 * The explicit cross-tenant path: SECURITY DEFINER functions that only say which tenant
 * owns a key, plus the two auth reads that must run before any tenant context exists
 * (login by e-mail) or on every request (the session's state, for one user in one tenant).
 */
export interface CrossTenantLookup {
  channelAccountById(id: string): Promise<{ channelAccountId: string; tenantId: string; kind: string; status: string } | null>;
  channelAccount(kind: string, externalId: string): Promise<{ channelAccountId: string; tenantId: string; status: string } | null>;
  tenantBySlug(slug: string): Promise<{ tenantId: string; status: string } | null>;
  login(email: string): Promise<{ userId: string; tenantId: string } | null>;
  linkCode(codeHash: string): Promise<{ linkCodeId: string; tenantId: string } | null>;
  refreshToken(tokenHash: string): Promise<{ refreshTokenId: string; tenantId: string } | null>;
  paymentRef(provider: string, ref: string): Promise<{ paymentId: string; tenantId: string } | null>;
  /** One plain query, no transaction: null unless the user belongs to that tenant. */
  sessionState(userId: string, tenantId: string, jti: string): Promise<SessionState | null>;
  loginCandidate(email: string): Promise<LoginCandidate | null>;
}

/** A statement runner bound to one tenant transaction (parameters as $1, $2...). */
export interface SqlTx {
  query<R extends object = Record<string, unknown>>(text: string, values?: readonly unknown[], opts?: SqlOptions): Promise<R[]>;
}

export interface SqlOptions {
  /**
   * Prepare the statement under this name, once per pooled connection, and reuse it:
   * PostgreSQL skips parsing, row-level-security rewriting and planning on later runs
   * (for the dashboard, ~2.4 ms -> ~0.7 ms of server CPU). Row-level security still
   * applies per execution: the policies read app.tenant_id when the statement runs, not
   * when it was planned. A name must always go with the same text. Only for constant SQL.
   * Ignored on embedded PGlite, whose single session outlives the pool's connections (a
   * replaced connection would find the name already taken).
   */
  readonly name?: string;
}

interface SessionStateRow {
  role: string;
  active: boolean;
  blocked: boolean;
  tenant_status: string;
  plan: string;
  revoked: boolean;
}
interface LoginCandidateRow {
  user_id: string;
  tenant_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  active: boolean;
  blocked: boolean;
  tenant_name: string;
  tenant_slug: string;
  tenant_plan: string;
  tenant_status: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const createTenantDb = (db: Database, appRole: string): TenantDb => {
  if (!ROLE_NAME.test(appRole)) throw new Error(`invalid database role name ${JSON.stringify(appRole)}`);
  // Named statements only where each pooled connection is its own session (see SqlOptions).
  const named = (name: string, text: string, values?: readonly unknown[]) =>
    db.kind === 'postgres' ? { name, text, values: values as unknown[] | undefined } : { text, values: values as unknown[] | undefined };
  const first = async <R>(sql: string, params: unknown[], map: (row: Record<string, string>) => R): Promise<R | null> => {
    const { rows } = await db.pool.query<Record<string, string>>(sql, params);
    return rows[0] ? map(rows[0]) : null;
  };
  return {
    withTenant: async (tenantId, fn, opts = {}) => {
      if (!tenantIdSchema.safeParse(tenantId).success) {
        throw new TenantContextError(`id inválido ${JSON.stringify(tenantId)}`);
      }
      return db.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT set_config('role', ${appRole}, true), set_config('app.tenant_id', ${tenantId}, true)`;
          const result = await fn(tx);
          // Before committing, the transaction must still run as the app role for this
          // tenant. A RESET/SET ROLE inside fn is a session-level change: where the login
          // is a superuser (embedded PGlite, a developer's superuser URL) it would bypass
          // RLS and outlive the commit on the pooled session. Throwing rolls it back.
          const [ctx] = await tx.$queryRaw<{ role_ok: boolean; tenant_ok: boolean }[]>`
            SELECT current_user::text = ${appRole} AS role_ok,
                   current_setting('app.tenant_id', true) IS NOT DISTINCT FROM ${tenantId} AS tenant_ok`;
          if (!ctx?.role_ok || !ctx.tenant_ok) {
            throw new TenantContextError('papel ou oficina alterados dentro da transação; desfeita');
          }
          return result;
        },
        { maxWait: opts.maxWait ?? 10_000, timeout: opts.timeout ?? 15_000, isolationLevel: opts.isolationLevel },
      );
    },
    withTenantSql: async (tenantId, fn, opts = {}) => {
      if (!tenantIdSchema.safeParse(tenantId).success) {
        throw new TenantContextError(`id inválido ${JSON.stringify(tenantId)}`);
      }
      const timeoutMs = Math.max(1, Math.floor(opts.timeoutMs ?? 15_000));
      // Both values are validated above (role name, uuid), so they can be inlined: the
      // simple-query protocol carries several statements in one round trip but no parameters.
      const client = await db.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(
          `BEGIN; SELECT set_config('role', '${appRole}', true), set_config('app.tenant_id', '${tenantId}', true), ` +
            `set_config('statement_timeout', '${timeoutMs}', true)`,
        );
        const sql: SqlTx = {
          query: async <R extends object>(text: string, values?: readonly unknown[], o?: SqlOptions) =>
            (await client.query<R>(o?.name ? named(o.name, text, values) : { text, values: values as unknown[] | undefined })).rows,
        };
        const result = await fn(sql);
        // An error here (context changed, a deferred constraint) aborts the transaction,
        // so the COMMIT in the same batch is skipped and the catch rolls back.
        await client.query(`SELECT assert_tenant_context('${appRole}', '${tenantId}'); COMMIT`);
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e; // the connection is unusable: the pool must not hand it out again
        });
        if ((err as { code?: string }).code === 'MG001') {
          throw new TenantContextError('papel ou oficina alterados dentro da transação; desfeita');
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    lookup: {
      channelAccountById: (id) =>
        tenantIdSchema.safeParse(id).success
          ? first('SELECT * FROM resolve_channel_account_id($1)', [id], (r) => ({
              channelAccountId: r.channel_account_id!,
              tenantId: r.tenant_id!,
              kind: r.kind!,
              status: r.status!,
            }))
          : Promise.resolve(null),
      channelAccount: (kind, externalId) =>
        first('SELECT * FROM resolve_channel_account($1, $2)', [kind, externalId], (r) => ({
          channelAccountId: r.channel_account_id!,
          tenantId: r.tenant_id!,
          status: r.status!,
        })),
      tenantBySlug: (slug) =>
        first('SELECT * FROM resolve_tenant_slug($1)', [slug], (r) => ({ tenantId: r.tenant_id!, status: r.status! })),
      login: (email) =>
        first('SELECT * FROM resolve_login($1)', [email], (r) => ({ userId: r.user_id!, tenantId: r.tenant_id! })),
      linkCode: (codeHash) =>
        first('SELECT * FROM resolve_link_code($1)', [codeHash], (r) => ({ linkCodeId: r.link_code_id!, tenantId: r.tenant_id! })),
      refreshToken: (tokenHash) =>
        first('SELECT * FROM resolve_refresh_token($1)', [tokenHash], (r) => ({
          refreshTokenId: r.refresh_token_id!,
          tenantId: r.tenant_id!,
        })),
      paymentRef: (provider, ref) =>
        first('SELECT * FROM resolve_payment_ref($1, $2)', [provider, ref], (r) => ({ paymentId: r.payment_id!, tenantId: r.tenant_id! })),
      sessionState: async (userId, tenantId, jti) => {
        if (!tenantIdSchema.safeParse(userId).success || !tenantIdSchema.safeParse(tenantId).success) return null;
        const { rows } = await db.pool.query<SessionStateRow>(named('auth_session_state', 'SELECT * FROM auth_session_state($1, $2, $3)', [userId, tenantId, jti]));
        const r = rows[0];
        return r
          ? { role: r.role, active: r.active, blocked: r.blocked, tenantStatus: r.tenant_status, plan: r.plan, revoked: r.revoked }
          : null;
      },
      loginCandidate: async (email) => {
        const { rows } = await db.pool.query<LoginCandidateRow>(named('auth_login_candidate', 'SELECT * FROM auth_login_candidate($1)', [email]));
        const r = rows[0];
        return r
          ? {
              userId: r.user_id, tenantId: r.tenant_id, email: r.email, name: r.name, passwordHash: r.password_hash,
              role: r.role, active: r.active, blocked: r.blocked,
              tenant: { id: r.tenant_id, name: r.tenant_name, slug: r.tenant_slug, plan: r.tenant_plan, status: r.tenant_status },
            }
          : null;
      },
    },
  };
};
