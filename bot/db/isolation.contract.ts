/**
 * Tenant-isolation contract, run against every database backend we ship:
 * real PostgreSQL (isolation.postgres.test.ts) and embedded PGlite
 * (isolation.embedded.test.ts). Every case asserts behaviour through the real data
 * layer (openDatabase + createTenantDb, connected as the app role): nothing of ours is
 * mocked, so a leak in RLS, in withTenant or in the pool makes a case fail.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, type TestDb, type TestTenant } from '../test-support/db';
import { TenantContextError, type Tx } from './tenant-db';
import { verifyIsolation } from './verify-isolation';

export interface IsolationOptions {
  /**
   * Opens another database handle whose app pool has at most `poolSize` connections.
   * When absent (embedded: one PGlite session, pool max 1) the cases reuse the main one.
   */
  readonly openWithPool?: (poolSize: number) => Promise<TestDb>;
  /** withTenant calls per concurrency round (default 200). */
  readonly concurrentCalls?: number;
  /** Pool sizes the concurrency case runs with (default [1, 2]). */
  readonly poolSizes?: readonly number[];
  /**
   * True when the pool logs in AS the app role (production PostgreSQL). False when it
   * logs in as a superuser and only SET ROLEs to the app role (embedded PGlite).
   */
  readonly loginIsAppRole: boolean;
}

/** Every tenant-owned table the RLS migration must cover, plus `tenants`. */
const EXPECTED_TENANT_TABLES = [
  'audit_log', 'baileys_auth_keys', 'catalogue_items', 'channel_accounts', 'consent_records',
  'conversations', 'customer_identities', 'customers', 'dead_letters', 'link_codes', 'messages',
  'order_events', 'outbox_effects', 'payment_events', 'payments', 'quote_approvals', 'quote_lines',
  'quotes', 'refresh_tokens', 'revoked_tokens', 'service_orders', 'telegram_links', 'tenant_counters',
  'tenants', 'users',
];

/** Tables the seeded graph puts at least one row in, for each tenant. */
const SEEDED_TABLES = [
  'tenants', 'users', 'link_codes', 'refresh_tokens', 'channel_accounts', 'customers',
  'customer_identities', 'vehicles', 'conversations', 'messages', 'service_orders', 'order_events',
  'quotes', 'quote_lines', 'payments', 'audit_log', 'catalogue_items',
];

const RLS_VIOLATION = /row-level security/i;

interface Graph {
  readonly tenant: TestTenant;
  readonly userId: string;
  readonly email: string;
  readonly linkCodeHash: string;
  readonly linkCodeId: string;
  readonly refreshTokenHash: string;
  readonly refreshTokenId: string;
  readonly channelAccountId: string;
  readonly channelExternalId: string;
  readonly customerId: string;
  readonly vehicleId: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly orderId: string;
  readonly quoteId: string;
  readonly quoteLineIds: string[];
  readonly paymentId: string;
  readonly paymentProviderRef: string;
  readonly paymentTxid: string;
  readonly auditId: string;
  readonly quoteTotalCents: number;
}

const seedGraph = async (t: TestDb, label: string, quoteTotalCents: number): Promise<Graph> => {
  const tenant = await createTestTenant(t.tdb, { name: `Oficina ${label}` });
  const tag = randomUUID().slice(0, 8);
  const email = `dono-${label.toLowerCase()}-${tag}@example.com`;
  const linkCodeHash = `lc-${tag}-${label}`;
  const refreshTokenHash = `rt-${tag}-${label}`;
  const channelExternalId = `5511${tag}${label}`;
  const paymentProviderRef = `mp-${tag}-${label}`;
  const paymentTxid = `TX${tag}${label}`;
  return t.tdb.withTenant(tenant.id, async (tx) => {
    const tenantId = tenant.id;
    const user = await tx.user.create({
      data: { tenantId, email, name: `Dono ${label}`, passwordHash: 'x', role: 'owner' },
    });
    const link = await tx.linkCode.create({
      data: { tenantId, userId: user.id, codeHash: linkCodeHash, expiresAt: new Date(Date.now() + 600_000) },
    });
    const refresh = await tx.refreshToken.create({
      data: {
        tenantId, userId: user.id, familyId: randomUUID(), tokenHash: refreshTokenHash,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const channel = await tx.channelAccount.create({
      data: { tenantId, kind: 'whatsapp_cloud', externalId: channelExternalId, displayName: `WA ${label}` },
    });
    const customer = await tx.customer.create({
      data: { tenantId, name: `Cliente ${label}`, phoneE164: `+5511${tag.replace(/\D/g, '1').padEnd(9, '9')}` },
    });
    await tx.customerIdentity.create({
      data: { tenantId, customerId: customer.id, kind: 'phone', address: `phone-${tag}-${label}` },
    });
    const vehicle = await tx.vehicle.create({
      data: { tenantId, customerId: customer.id, brand: 'Honda', model: 'CG 160', year: 2021, plate: `ABC${label}1D23` },
    });
    const conversation = await tx.conversation.create({
      data: { tenantId, customerId: customer.id, channelAccountId: channel.id, channel: 'whatsapp', replyTo: channelExternalId },
    });
    const message = await tx.message.create({
      data: {
        tenantId, conversationId: conversation.id, channelAccountId: channel.id, direction: 'in',
        channelMessageId: `wamid-${tag}-${label}`, text: `Oi, aqui é o cliente ${label}`,
      },
    });
    const order = await tx.serviceOrder.create({
      data: {
        tenantId, number: 1, customerId: customer.id, vehicleId: vehicle.id, conversationId: conversation.id,
        complaint: 'barulho no motor',
      },
    });
    await tx.orderEvent.create({
      data: { tenantId, orderId: order.id, fromState: null, toState: 'aberta', actorType: 'system' },
    });
    const quote = await tx.quote.create({
      data: {
        tenantId, orderId: order.id, version: 1, totalCents: quoteTotalCents,
        validUntil: new Date(Date.now() + 10 * 86_400_000), contentHash: `hash-${tag}`,
      },
    });
    const half = Math.floor(quoteTotalCents / 2);
    const lines = [
      await tx.quoteLine.create({
        data: {
          tenantId, quoteId: quote.id, position: 1, kind: 'part', description: 'Kit relação',
          quantity: '1', unitPriceCents: half, totalCents: half,
        },
      }),
      await tx.quoteLine.create({
        data: {
          tenantId, quoteId: quote.id, position: 2, kind: 'labour', description: 'Mão de obra',
          quantity: '1', unitPriceCents: quoteTotalCents - half, totalCents: quoteTotalCents - half,
        },
      }),
    ];
    const payment = await tx.payment.create({
      data: {
        tenantId, orderId: order.id, quoteId: quote.id, provider: 'mercadopago',
        providerRef: paymentProviderRef, txid: paymentTxid, amountCents: quoteTotalCents,
      },
    });
    const audit = await tx.auditLog.create({
      data: { tenantId, actorType: 'system', action: 'order.created', entity: 'service_order', entityId: order.id },
    });
    await tx.catalogueItem.create({
      data: { tenantId, sku: `SKU-${label}`, serviceCode: 'relacao', kind: 'part', description: 'Kit relação', priceCents: half },
    });
    return {
      tenant, userId: user.id, email, linkCodeHash, linkCodeId: link.id, refreshTokenHash,
      refreshTokenId: refresh.id, channelAccountId: channel.id, channelExternalId, customerId: customer.id,
      vehicleId: vehicle.id, conversationId: conversation.id, messageId: message.id, orderId: order.id,
      quoteId: quote.id, quoteLineIds: lines.map((l) => l.id), paymentId: payment.id, paymentProviderRef,
      paymentTxid, auditId: audit.id, quoteTotalCents,
    };
  });
};

/** Runs fn in a tenant transaction and rolls it back, returning what fn returned. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}
const inRolledBackTx = async <T>(t: TestDb, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> => {
  try {
    await t.tdb.withTenant(tenantId, async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error('unreachable');
};

const tenantTablesFromCatalog = async (t: TestDb): Promise<{ relname: string; rls: boolean; forced: boolean; policies: number }[]> => {
  const { rows } = await t.db.pool.query<{ relname: string; rls: boolean; forced: boolean; policies: number }>(
    `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND (c.relname = 'tenants' OR EXISTS (
              SELECT 1 FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
      ORDER BY c.relname`,
  );
  return rows;
};

export const describeIsolation = (name: string, open: () => Promise<TestDb>, opts: IsolationOptions): void => {
  describe(`tenant isolation contract: ${name}`, () => {
    let t: TestDb;
    let A: Graph;
    let B: Graph;

    beforeAll(async () => {
      t = await open();
      A = await seedGraph(t, 'A', 45_000);
      B = await seedGraph(t, 'B', 99_900);
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('database setup', () => {
      it('verifyIsolation is ok for the app role', async () => {
        const report = await verifyIsolation(t.db.pool, t.config.APP_DB_ROLE);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.role).toBe('motogestor_app');
        expect(report.tenantTables).toEqual(expect.arrayContaining(EXPECTED_TENANT_TABLES));
      });

      it('the app role is no superuser and has no BYPASSRLS', async () => {
        const { rows } = await t.db.pool.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
          'SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = $1',
          [t.config.APP_DB_ROLE],
        );
        expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false }]);
      });

      it('RLS is enabled AND forced, with a policy, on every table with tenant_id and on tenants', async () => {
        const tables = await tenantTablesFromCatalog(t);
        // Not vacuous: the catalogue query finds every table the schema declares.
        expect(tables.map((r) => r.relname)).toEqual(expect.arrayContaining(EXPECTED_TENANT_TABLES));
        const bad = tables.filter((r) => !r.rls || !r.forced || r.policies === 0);
        expect(bad).toEqual([]);
      });

      it('every policy scopes by app.tenant_id for reads and writes', async () => {
        const { rows } = await t.db.pool.query<{ tablename: string; qual: string | null; with_check: string | null }>(
          `SELECT tablename, qual, with_check FROM pg_policies WHERE schemaname = 'public'`,
        );
        const byTable = new Map(rows.map((r) => [r.tablename, r]));
        for (const table of EXPECTED_TENANT_TABLES) {
          const p = byTable.get(table);
          expect(p, `policy on ${table}`).toBeDefined();
          expect(p!.qual, `USING on ${table}`).toContain('app.tenant_id');
          expect(p!.with_check, `WITH CHECK on ${table}`).toContain('app.tenant_id');
        }
      });

      it('the app role owns no table, view or sequence in any schema', async () => {
        const { rows } = await t.db.pool.query<{ relname: string }>(
          `SELECT c.relname FROM pg_class c WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)`,
          [t.config.APP_DB_ROLE],
        );
        expect(rows).toEqual([]);
      });

      it('the pool sessions run as the app role', async () => {
        const { rows } = await t.db.pool.query<{ u: string }>('SELECT current_user AS u');
        expect(rows[0]?.u).toBe(t.config.APP_DB_ROLE);
      });
    });

    describe('tenant A cannot read tenant B', () => {
      it('findMany / findUnique / count see only A across the graph', async () => {
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          expect((await tx.tenant.findMany()).map((r) => r.id)).toEqual([A.tenant.id]);
          expect(await tx.tenant.findUnique({ where: { id: B.tenant.id } })).toBeNull();
          expect(await tx.tenant.findUnique({ where: { slug: B.tenant.slug } })).toBeNull();

          expect((await tx.customer.findMany()).map((r) => r.id)).toEqual([A.customerId]);
          expect(await tx.customer.findUnique({ where: { id: B.customerId } })).toBeNull();
          expect(await tx.customer.count()).toBe(1);
          expect(await tx.customer.count({ where: { tenantId: B.tenant.id } })).toBe(0);

          expect(await tx.user.findUnique({ where: { email: B.email } })).toBeNull();
          expect(await tx.linkCode.findUnique({ where: { codeHash: B.linkCodeHash } })).toBeNull();
          expect(await tx.refreshToken.findUnique({ where: { tokenHash: B.refreshTokenHash } })).toBeNull();
          expect(await tx.channelAccount.findUnique({ where: { id: B.channelAccountId } })).toBeNull();
          expect(await tx.vehicle.findUnique({ where: { id: B.vehicleId } })).toBeNull();
          expect(await tx.conversation.findUnique({ where: { id: B.conversationId } })).toBeNull();
          expect(await tx.message.findUnique({ where: { id: B.messageId } })).toBeNull();
          expect(await tx.serviceOrder.findUnique({ where: { id: B.orderId } })).toBeNull();
          expect(await tx.quote.findUnique({ where: { id: B.quoteId } })).toBeNull();
          expect(await tx.quoteLine.findMany({ where: { id: { in: B.quoteLineIds } } })).toEqual([]);
          expect(await tx.payment.findUnique({ where: { id: B.paymentId } })).toBeNull();
          expect(await tx.auditLog.findUnique({ where: { id: B.auditId } })).toBeNull();

          expect((await tx.serviceOrder.findMany()).map((r) => r.id)).toEqual([A.orderId]);
          expect((await tx.quoteLine.findMany({ orderBy: { position: 'asc' } })).map((r) => r.id)).toEqual(A.quoteLineIds);
          expect((await tx.message.findMany()).map((r) => r.id)).toEqual([A.messageId]);
          expect((await tx.payment.findMany()).map((r) => r.id)).toEqual([A.paymentId]);
          expect((await tx.auditLog.findMany()).map((r) => r.id)).toEqual([A.auditId]);
          // Unique keys are global for some tables: filtering by B's key still finds nothing.
          expect(await tx.payment.findFirst({ where: { txid: B.paymentTxid } })).toBeNull();
        });
      });

      it('raw SQL inside A\'s transaction is scoped too', async () => {
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          const customers = await tx.$queryRawUnsafe<{ id: string; tenant_id: string }[]>('SELECT * FROM customers');
          expect(customers.map((r) => r.id)).toEqual([A.customerId]);
          const byId = await tx.$queryRawUnsafe<unknown[]>('SELECT * FROM customers WHERE id = $1::uuid', B.customerId);
          expect(byId).toEqual([]);
          const tenants = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT id FROM tenants');
          expect(tenants.map((r) => r.id)).toEqual([A.tenant.id]);
        });
      });

      it('no tenant-owned table shows A any row of another tenant (every table, raw SQL)', async () => {
        const tables = (await tenantTablesFromCatalog(t)).map((r) => r.relname);
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          for (const table of tables) {
            const col = table === 'tenants' ? 'id' : 'tenant_id';
            const rows = await tx.$queryRawUnsafe<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM "${table}" WHERE ${col} <> $1::uuid`,
              A.tenant.id,
            );
            expect(rows[0]?.n, `rows of other tenants visible in ${table}`).toBe(0);
          }
        });
        // ...while B really has data in each seeded table (the check above is not vacuous).
        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          for (const table of SEEDED_TABLES) {
            const rows = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
            expect(rows[0]?.n, `B's rows in ${table}`).toBeGreaterThan(0);
          }
        });
      });
    });

    describe('tenant A cannot change tenant B', () => {
      it('Prisma updateMany / deleteMany affect 0 of B\'s rows; update / delete by id throw not-found', async () => {
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          expect(await tx.customer.updateMany({ where: { id: B.customerId }, data: { name: 'hacked' } })).toEqual({ count: 0 });
          expect(await tx.customer.updateMany({ where: { tenantId: B.tenant.id }, data: { name: 'hacked' } })).toEqual({ count: 0 });
          expect(await tx.quote.updateMany({ where: { id: B.quoteId }, data: { totalCents: 1 } })).toEqual({ count: 0 });
          expect(await tx.payment.deleteMany({ where: { id: B.paymentId } })).toEqual({ count: 0 });
          expect(await tx.message.deleteMany({ where: { tenantId: B.tenant.id } })).toEqual({ count: 0 });
          expect(await tx.tenant.updateMany({ where: { id: B.tenant.id }, data: { status: 'blocked' } })).toEqual({ count: 0 });
        });
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) => tx.customer.update({ where: { id: B.customerId }, data: { name: 'hacked' } })),
        ).rejects.toMatchObject({ code: 'P2025' });
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) => tx.serviceOrder.delete({ where: { id: B.orderId } })),
        ).rejects.toMatchObject({ code: 'P2025' });
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) => tx.tenant.update({ where: { id: B.tenant.id }, data: { name: 'hacked' } })),
        ).rejects.toMatchObject({ code: 'P2025' });

        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect((await tx.customer.findUniqueOrThrow({ where: { id: B.customerId } })).name).toBe('Cliente B');
          expect((await tx.quote.findUniqueOrThrow({ where: { id: B.quoteId } })).totalCents).toBe(B.quoteTotalCents);
          expect(await tx.payment.count({ where: { id: B.paymentId } })).toBe(1);
          expect(await tx.serviceOrder.count({ where: { id: B.orderId } })).toBe(1);
          expect(await tx.message.count()).toBe(1);
          expect((await tx.tenant.findUniqueOrThrow({ where: { id: B.tenant.id } })).status).toBe('active');
        });
      });

      it('Prisma create with tenantId = B fails with an RLS violation', async () => {
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) => tx.customer.create({ data: { tenantId: B.tenant.id, name: 'intruso' } })),
        ).rejects.toThrow(RLS_VIOLATION);
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) =>
            tx.auditLog.create({ data: { tenantId: B.tenant.id, actorType: 'system', action: 'x', entity: 'x' } }),
          ),
        ).rejects.toThrow(RLS_VIOLATION);
        // Moving one of A's own rows into B is an insert into B as far as WITH CHECK goes.
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) => tx.customer.update({ where: { id: A.customerId }, data: { tenantId: B.tenant.id } })),
        ).rejects.toThrow(RLS_VIOLATION);
        // A new tenant row other than the context's own is refused too.
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) =>
            tx.tenant.create({ data: { id: randomUUID(), slug: `x-${randomUUID().slice(0, 8)}`, name: 'x', city: 'x' } }),
          ),
        ).rejects.toThrow(RLS_VIOLATION);
        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect(await tx.customer.count()).toBe(1);
          expect(await tx.auditLog.count()).toBe(1);
        });
      });

      it('raw UPDATE / DELETE / INSERT inside A\'s transaction cannot touch B', async () => {
        const touched = await inRolledBackTx(t, A.tenant.id, async (tx) => ({
          update: await tx.$executeRawUnsafe(`UPDATE customers SET name = 'x'`),
          updateB: await tx.$executeRawUnsafe(`UPDATE customers SET name = 'x' WHERE id = $1::uuid`, B.customerId),
          deleteB: await tx.$executeRawUnsafe(`DELETE FROM quote_lines WHERE tenant_id = $1::uuid`, B.tenant.id),
          deleteAll: await tx.$executeRawUnsafe(`DELETE FROM messages`),
        }));
        expect(touched).toEqual({ update: 1, updateB: 0, deleteB: 0, deleteAll: 1 });

        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) =>
            tx.$executeRawUnsafe(`INSERT INTO customers (tenant_id, name) VALUES ($1::uuid, 'intruso')`, B.tenant.id),
          ),
        ).rejects.toThrow(RLS_VIOLATION);
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) =>
            tx.$executeRawUnsafe(`UPDATE customers SET tenant_id = $1::uuid`, B.tenant.id),
          ),
        ).rejects.toThrow(RLS_VIOLATION);

        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect((await tx.customer.findMany()).map((c) => c.name)).toEqual(['Cliente B']);
          expect(await tx.quoteLine.count()).toBe(2);
          expect(await tx.message.count()).toBe(1);
        });
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          expect((await tx.customer.findMany()).map((c) => c.name)).toEqual(['Cliente A']);
          expect(await tx.message.count()).toBe(1);
        });
      });
    });

    describe('changing role or tenant from inside a transaction', () => {
      it.runIf(opts.loginIsAppRole)('SET ROLE postgres is refused; RESET ROLE falls back to the app login role, not a superuser', async () => {
        await expect(
          t.tdb.withTenant(A.tenant.id, (tx) => tx.$executeRawUnsafe('SET ROLE postgres')),
        ).rejects.toThrow(/permission denied to set role/);
        const seen = await inRolledBackTx(t, A.tenant.id, async (tx) => {
          await tx.$executeRawUnsafe('RESET ROLE');
          return tx.$queryRawUnsafe<{ u: string; s: string; sup: boolean; n: number }[]>(
            `SELECT current_user AS u, session_user AS s,
                    (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS sup,
                    (SELECT count(*)::int FROM customers WHERE tenant_id <> $1::uuid) AS n`,
            A.tenant.id,
          );
        });
        expect(seen).toEqual([{ u: 'motogestor_app', s: 'motogestor_app', sup: false, n: 0 }]);
      });

      it('a role change inside withTenant never outlives the transaction', async () => {
        // Embedded mode logs in as PGlite's superuser, so RESET ROLE inside a tenant
        // transaction does reach a superuser there (and, being a session-level SET, would
        // stay on the pooled session after commit). withTenant checks the role before
        // committing and rolls back, so neither writes nor the session role escape.
        let roleInside = '';
        const outcome = await t.tdb
          .withTenant(A.tenant.id, async (tx) => {
            await tx.$executeRawUnsafe('RESET ROLE');
            roleInside = (await tx.$queryRawUnsafe<{ u: string }[]>('SELECT current_user AS u'))[0]!.u;
            await tx.$executeRawUnsafe(`UPDATE customers SET notes = 'escaped' WHERE id = $1::uuid`, B.customerId);
            return 'committed';
          })
          .catch((err: unknown) => err);
        if (opts.loginIsAppRole) {
          expect(roleInside).toBe(t.config.APP_DB_ROLE);
          expect(outcome).toBe('committed');
        } else {
          expect(roleInside).not.toBe(t.config.APP_DB_ROLE);
          expect(outcome).toBeInstanceOf(TenantContextError);
          await expect(
            t.tdb.withTenant(A.tenant.id, (tx) => tx.$executeRawUnsafe('SET ROLE postgres')),
          ).rejects.toBeInstanceOf(TenantContextError);
        }
        const after = await t.db.pool.query<{ u: string; n: number }>(
          'SELECT current_user AS u, (SELECT count(*)::int FROM customers) AS n',
        );
        expect(after.rows).toEqual([{ u: t.config.APP_DB_ROLE, n: 0 }]);
        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect((await tx.customer.findUniqueOrThrow({ where: { id: B.customerId } })).notes).toBeNull();
        });
      });

      it('switching app.tenant_id to B mid-transaction is rejected at commit and rolled back', async () => {
        // set_config is callable by any session: the first line of defence is that only
        // the data layer issues SQL; the second is this check before commit.
        await expect(
          t.tdb.withTenant(A.tenant.id, async (tx) => {
            await tx.$queryRawUnsafe(`SELECT set_config('app.tenant_id', $1, true)`, B.tenant.id);
            await tx.customer.updateMany({ data: { notes: 'switched' } });
          }),
        ).rejects.toThrow(TenantContextError);
        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect((await tx.customer.findUniqueOrThrow({ where: { id: B.customerId } })).notes).toBeNull();
        });
      });
    });

    describe('the raw-SQL fast path (withTenantSql)', () => {
      it('sees and changes only A\'s rows, on every tenant table', async () => {
        const tables = (await tenantTablesFromCatalog(t)).map((r) => r.relname);
        await t.tdb.withTenantSql(A.tenant.id, async (sql) => {
          for (const table of tables) {
            const col = table === 'tenants' ? 'id' : 'tenant_id';
            const rows = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${col} <> $1::uuid`, [A.tenant.id]);
            expect(rows[0]?.n, `rows of other tenants visible in ${table}`).toBe(0);
          }
          expect((await sql.query<{ id: string }>('SELECT id FROM customers')).map((r) => r.id)).toEqual([A.customerId]);
          expect(await sql.query(`UPDATE customers SET notes = 'x' WHERE id = $1::uuid RETURNING id`, [B.customerId])).toEqual([]);
          await expect(sql.query(`INSERT INTO customers (tenant_id, name) VALUES ($1, 'intruso')`, [B.tenant.id])).rejects.toThrow(RLS_VIOLATION);
        }).catch(() => undefined); // the failed INSERT aborts (and rolls back) the transaction
        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect((await tx.customer.findUniqueOrThrow({ where: { id: B.customerId } })).notes).toBeNull();
          expect(await tx.customer.count({ where: { name: 'intruso' } })).toBe(0);
        });
      });

      it('commits on success and rolls back when the callback throws', async () => {
        const note = `sql-${randomUUID()}`;
        await expect(
          t.tdb.withTenantSql(A.tenant.id, async (sql) => {
            await sql.query('UPDATE customers SET notes = $1 WHERE id = $2::uuid', [note, A.customerId]);
            throw new Error('falhou no meio');
          }),
        ).rejects.toThrow('falhou no meio');
        const read = () => t.tdb.withTenantSql(A.tenant.id, (sql) => sql.query<{ notes: string | null }>('SELECT notes FROM customers WHERE id = $1::uuid', [A.customerId]));
        expect((await read())[0]?.notes).not.toBe(note);
        await t.tdb.withTenantSql(A.tenant.id, (sql) => sql.query('UPDATE customers SET notes = $1 WHERE id = $2::uuid', [note, A.customerId]));
        expect((await read())[0]?.notes).toBe(note);
        await t.tdb.withTenantSql(A.tenant.id, (sql) => sql.query('UPDATE customers SET notes = NULL WHERE id = $1::uuid', [A.customerId]));
      });

      it('switching tenant or role inside is rejected at commit and rolled back; the pool stays clean', async () => {
        await expect(
          t.tdb.withTenantSql(A.tenant.id, async (sql) => {
            await sql.query(`SELECT set_config('app.tenant_id', $1, true)`, [B.tenant.id]);
            await sql.query(`UPDATE customers SET notes = 'switched'`);
          }),
        ).rejects.toBeInstanceOf(TenantContextError);
        if (!opts.loginIsAppRole) {
          await expect(
            t.tdb.withTenantSql(A.tenant.id, async (sql) => {
              await sql.query('RESET ROLE');
              await sql.query(`UPDATE customers SET notes = 'escaped' WHERE id = $1::uuid`, [B.customerId]);
            }),
          ).rejects.toBeInstanceOf(TenantContextError);
        }
        await t.tdb.withTenant(B.tenant.id, async (tx) => {
          expect((await tx.customer.findUniqueOrThrow({ where: { id: B.customerId } })).notes).toBeNull();
        });
        const after = await t.db.pool.query<{ u: string; n: number }>('SELECT current_user AS u, (SELECT count(*)::int FROM customers) AS n');
        expect(after.rows).toEqual([{ u: t.config.APP_DB_ROLE, n: 0 }]);
      });

      it('a named (prepared) statement is scoped by the tenant of each run, not of the run that prepared it', async () => {
        const text = 'SELECT (SELECT array_agg(id::text) FROM customers) AS customers, (SELECT array_agg(id::text) FROM tenants) AS tenants';
        // (Embedded PGlite ignores the name: the results must be the same.)
        // With a pool of one connection the same prepared statement serves A, then B, then A.
        const one = opts.openWithPool ? await opts.openWithPool(1) : t;
        const run = (tenantId: string) =>
          one.tdb.withTenantSql(tenantId, (sql) => sql.query<{ customers: string[] | null; tenants: string[] | null }>(text, [], { name: 'contract_prepared' }));
        try {
          for (const g of [A, B, A, B]) expect(await run(g.tenant.id)).toEqual([{ customers: [g.customerId], tenants: [g.tenant.id] }]);
          // Outside any tenant transaction the connection's prepared statement sees nothing.
          if (opts.loginIsAppRole) expect((await one.db.pool.query({ name: 'contract_prepared', text })).rows).toEqual([{ customers: null, tenants: null }]);
          // After the pool drops its connection (any failed pool.query) the name is prepared again.
          await expect(one.db.pool.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
          expect(await run(A.tenant.id)).toEqual([{ customers: [A.customerId], tenants: [A.tenant.id] }]);
        } finally {
          if (one !== t) await one.close();
        }
      });

      it('refuses a malformed tenant id without running the callback', async () => {
        for (const bad of ['', 'not-a-uuid', `${A.tenant.id}'; --`]) {
          let ran = false;
          await expect(t.tdb.withTenantSql(bad, async () => { ran = true; })).rejects.toBeInstanceOf(TenantContextError);
          expect(ran).toBe(false);
        }
      });
    });

    describe('no tenant context', () => {
      it('a plain pool query sees no tenant data, on every tenant table', async () => {
        const tables = (await tenantTablesFromCatalog(t)).map((r) => r.relname);
        for (const table of tables) {
          const { rows } = await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
          expect(rows[0]?.n, `rows visible in ${table} without a tenant`).toBe(0);
        }
        const { rows } = await t.db.pool.query('SELECT * FROM customers');
        expect(rows).toEqual([]);
      });

      it('a plain pool query cannot write tenant data', async () => {
        await expect(
          t.db.pool.query(`INSERT INTO customers (tenant_id, name) VALUES ($1, 'sem contexto')`, [A.tenant.id]),
        ).rejects.toThrow(RLS_VIOLATION);
        const upd = await t.db.pool.query(`UPDATE customers SET name = 'x'`);
        expect(upd.rowCount).toBe(0);
        const del = await t.db.pool.query('DELETE FROM customers');
        expect(del.rowCount).toBe(0);
      });

      it('a failed plain query neither breaks the pool nor loses the app role', async () => {
        // pg-pool destroys a client after a failed pool.query and reconnects on the next.
        await expect(t.db.pool.query('SELECT 1/0')).rejects.toThrow(/division by zero/);
        await expect(t.db.pool.query('SELECT * FROM tabela_que_nao_existe')).rejects.toThrow();
        const { rows } = await t.db.pool.query<{ u: string; n: number }>(
          'SELECT current_user AS u, (SELECT count(*)::int FROM customers) AS n',
        );
        expect(rows).toEqual([{ u: t.config.APP_DB_ROLE, n: 0 }]);
        await expect(t.tdb.withTenant(A.tenant.id, (tx) => tx.customer.count())).resolves.toBe(1);
      });

      it('withTenant refuses a missing or malformed tenant id', async () => {
        for (const bad of ['', 'not-a-uuid', ' ', `${A.tenant.id} `, `${A.tenant.id}'; --`]) {
          let ran = false;
          await expect(
            t.tdb.withTenant(bad, async () => {
              ran = true;
            }),
          ).rejects.toBeInstanceOf(TenantContextError);
          expect(ran).toBe(false);
        }
        await expect(t.tdb.withTenant(undefined as unknown as string, async () => 1)).rejects.toBeInstanceOf(TenantContextError);
      });

      it('after a tenant transaction commits, the same connection sees nothing (\'\' is not NULL)', async () => {
        const one = opts.openWithPool ? await opts.openWithPool(1) : t;
        try {
          await one.tdb.withTenant(A.tenant.id, (tx) => tx.customer.count());
          expect(one.db.pool.totalCount).toBe(1);
          const { rows } = await one.db.pool.query<{ setting: string | null; n: number; t: number }>(
            `SELECT current_setting('app.tenant_id', true) AS setting,
                    (SELECT count(*)::int FROM customers) AS n,
                    (SELECT count(*)::int FROM tenants) AS t`,
          );
          expect(one.db.pool.totalCount).toBe(1);
          // The placeholder reverts to '' (not NULL) on a connection that once set it.
          expect(rows).toEqual([{ setting: '', n: 0, t: 0 }]);
          // And after a rolled-back one.
          await inRolledBackTx(one, B.tenant.id, (tx) => tx.customer.count());
          const again = await one.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
          expect(again.rows[0]?.n).toBe(0);
        } finally {
          if (one !== t) await one.close();
        }
      });
    });

    describe('concurrency', () => {
      const calls = opts.concurrentCalls ?? 200;
      for (const poolSize of opts.openWithPool ? (opts.poolSizes ?? [1, 2]) : [1]) {
        it(`${calls} interleaved withTenant calls for A and B, pool of ${poolSize}, some failing midway`, async () => {
          const c = opts.openWithPool ? await opts.openWithPool(poolSize) : t;
          try {
            const own = { [A.tenant.id]: A, [B.tenant.id]: B };
            const results = await Promise.allSettled(
              Array.from({ length: calls }, (_, i) => {
                const g = i % 2 === 0 ? A : B;
                const fails = i % 5 === 3;
                return c.tdb.withTenant(
                  g.tenant.id,
                  async (tx) => {
                    const customers = await tx.customer.findMany({ select: { id: true, tenantId: true } });
                    const raw = await tx.$queryRawUnsafe<{ tenant_id: string }[]>('SELECT tenant_id FROM service_orders');
                    const ctx = await tx.$queryRawUnsafe<{ s: string }[]>(`SELECT current_setting('app.tenant_id') AS s`);
                    if (fails) {
                      // A write that must be rolled back, then a failure.
                      await tx.customer.update({ where: { id: g.customerId }, data: { notes: `falhou ${i}` } });
                      throw new Error(`boom ${i}`);
                    }
                    return { tenantId: g.tenant.id, customers, raw, ctx: ctx[0]?.s };
                  },
                  { maxWait: 20_000, timeout: 20_000 },
                );
              }),
            );
            let ok = 0;
            results.forEach((r, i) => {
              const fails = i % 5 === 3;
              if (fails) {
                expect(r.status).toBe('rejected');
                expect(((r as PromiseRejectedResult).reason as Error).message).toBe(`boom ${i}`);
                return;
              }
              expect(r.status, `call ${i}`).toBe('fulfilled');
              const v = (r as PromiseFulfilledResult<{ tenantId: string; customers: { id: string; tenantId: string }[]; raw: { tenant_id: string }[]; ctx: string }>).value;
              const g = own[v.tenantId]!;
              expect(v.ctx).toBe(v.tenantId);
              expect(v.customers).toEqual([{ id: g.customerId, tenantId: v.tenantId }]);
              expect(v.raw.every((row) => row.tenant_id === v.tenantId)).toBe(true);
              expect(v.raw).toHaveLength(1);
              ok++;
            });
            expect(ok).toBe(calls - results.filter((_, i) => i % 5 === 3).length);
            // The failed transactions left neither data nor context behind.
            const plain = await c.db.pool.query<{ n: number; s: string | null }>(
              `SELECT (SELECT count(*)::int FROM customers) AS n, current_setting('app.tenant_id', true) AS s`,
            );
            expect(plain.rows[0]?.n).toBe(0);
            expect(plain.rows[0]?.s ?? '').toBe('');
            for (const g of [A, B]) {
              const notes = await c.tdb.withTenant(g.tenant.id, (tx) =>
                tx.customer.findUniqueOrThrow({ where: { id: g.customerId }, select: { notes: true } }),
              );
              expect(notes.notes).toBeNull();
            }
          } finally {
            if (c !== t) await c.close();
          }
        });
      }
    });

    describe('aggregates and relations', () => {
      it('count, aggregate, groupBy and _count respect RLS', async () => {
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          expect(await tx.quote.count()).toBe(1);
          const sum = await tx.quote.aggregate({ _sum: { totalCents: true }, _count: { _all: true }, _max: { totalCents: true } });
          expect(sum._sum.totalCents).toBe(A.quoteTotalCents);
          expect(sum._max.totalCents).toBe(A.quoteTotalCents);
          expect(sum._count._all).toBe(1);
          const lines = await tx.quoteLine.aggregate({ _sum: { totalCents: true } });
          expect(lines._sum.totalCents).toBe(A.quoteTotalCents);
          const byTenant = await tx.quoteLine.groupBy({ by: ['tenantId', 'kind'], _sum: { totalCents: true }, orderBy: { kind: 'asc' } });
          expect(byTenant.map((g) => g.tenantId)).toEqual([A.tenant.id, A.tenant.id]);
          expect(byTenant.map((g) => g.kind)).toEqual(['labour', 'part']);
          const payments = await tx.payment.groupBy({ by: ['status'], _sum: { amountCents: true } });
          expect(payments).toEqual([{ status: 'pending', _sum: { amountCents: A.quoteTotalCents } }]);
          const rawSum = await tx.$queryRawUnsafe<{ s: number }[]>('SELECT sum(total_cents)::int AS s FROM quotes');
          expect(rawSum[0]?.s).toBe(A.quoteTotalCents);
          const counts = await tx.customer.findMany({
            select: { id: true, _count: { select: { orders: true, vehicles: true, conversations: true } } },
          });
          expect(counts).toEqual([{ id: A.customerId, _count: { orders: 1, vehicles: 1, conversations: 1 } }]);
        });
      });

      it('nested include returns only A\'s graph', async () => {
        await t.tdb.withTenant(A.tenant.id, async (tx) => {
          const orders = await tx.serviceOrder.findMany({
            include: {
              customer: { include: { vehicles: true, identities: true } },
              quotes: { include: { lines: true, _count: { select: { lines: true } } } },
              payments: true,
              tenant: true,
            },
          });
          expect(orders).toHaveLength(1);
          const o = orders[0]!;
          expect(o.customer.id).toBe(A.customerId);
          expect(o.customer.vehicles.map((v) => v.id)).toEqual([A.vehicleId]);
          expect(o.tenant.id).toBe(A.tenant.id);
          expect(o.quotes.map((q) => q.id)).toEqual([A.quoteId]);
          expect(o.quotes[0]!.lines.map((l) => l.id).sort()).toEqual([...A.quoteLineIds].sort());
          expect(o.quotes[0]!._count.lines).toBe(2);
          expect(o.payments.map((p) => p.id)).toEqual([A.paymentId]);
          const conv = await tx.conversation.findMany({ include: { messages: true, channelAccount: true, customer: true } });
          expect(conv.map((c) => [c.id, c.channelAccount.id, c.customer.id, c.messages.map((m) => m.id)])).toEqual([
            [A.conversationId, A.channelAccountId, A.customerId, [A.messageId]],
          ]);
          // Reaching B from A's side by relation filter finds nothing.
          expect(await tx.quote.findMany({ where: { order: { customerId: B.customerId } } })).toEqual([]);
          expect(await tx.tenant.findMany({ include: { customers: true } })).toEqual([
            expect.objectContaining({ id: A.tenant.id, customers: [expect.objectContaining({ id: A.customerId })] }),
          ]);
        });
      });

      it('refuses an order of A pointing at B\'s customer (same-tenant foreign keys)', async () => {
        // Plain foreign keys are checked as the table owner and ignore RLS; the composite
        // (tenant_id, customer_id) keys make the database refuse the cross-tenant reference.
        const attempt = inRolledBackTx(t, A.tenant.id, (tx) =>
          tx.serviceOrder.create({ data: { tenantId: A.tenant.id, number: 999, customerId: B.customerId, complaint: 'cross' } }),
        );
        await expect(attempt).rejects.toThrow();
        const viaSql = inRolledBackTx(t, A.tenant.id, (tx) =>
          tx.$executeRawUnsafe(
            `INSERT INTO vehicles (tenant_id, customer_id, model) VALUES ($1::uuid, $2::uuid, 'cross')`,
            A.tenant.id,
            B.customerId,
          ),
        );
        await expect(viaSql).rejects.toThrow();
      });
    });

    describe('cross-tenant lookups (lookup.*)', () => {
      it('resolve each key to its owning tenant only', async () => {
        for (const g of [A, B]) {
          await expect(t.tdb.lookup.channelAccount('whatsapp_cloud', g.channelExternalId)).resolves.toEqual({
            channelAccountId: g.channelAccountId, tenantId: g.tenant.id, status: 'active',
          });
          await expect(t.tdb.lookup.tenantBySlug(g.tenant.slug)).resolves.toEqual({ tenantId: g.tenant.id, status: 'active' });
          await expect(t.tdb.lookup.login(g.email)).resolves.toEqual({ userId: g.userId, tenantId: g.tenant.id });
          await expect(t.tdb.lookup.login(g.email.toUpperCase())).resolves.toEqual({ userId: g.userId, tenantId: g.tenant.id });
          await expect(t.tdb.lookup.linkCode(g.linkCodeHash)).resolves.toEqual({ linkCodeId: g.linkCodeId, tenantId: g.tenant.id });
          await expect(t.tdb.lookup.refreshToken(g.refreshTokenHash)).resolves.toEqual({
            refreshTokenId: g.refreshTokenId, tenantId: g.tenant.id,
          });
          await expect(t.tdb.lookup.paymentRef('mercadopago', g.paymentProviderRef)).resolves.toEqual({
            paymentId: g.paymentId, tenantId: g.tenant.id,
          });
          await expect(t.tdb.lookup.paymentRef('mercadopago', g.paymentTxid)).resolves.toEqual({
            paymentId: g.paymentId, tenantId: g.tenant.id,
          });
        }
      });

      it('return null for unknown keys', async () => {
        await expect(t.tdb.lookup.channelAccount('whatsapp_cloud', 'nao-existe')).resolves.toBeNull();
        await expect(t.tdb.lookup.channelAccount('telegram', A.channelExternalId)).resolves.toBeNull();
        await expect(t.tdb.lookup.tenantBySlug('oficina-que-nao-existe')).resolves.toBeNull();
        await expect(t.tdb.lookup.login('ninguem@example.com')).resolves.toBeNull();
        await expect(t.tdb.lookup.linkCode('nao-existe')).resolves.toBeNull();
        await expect(t.tdb.lookup.refreshToken('nao-existe')).resolves.toBeNull();
        await expect(t.tdb.lookup.paymentRef('mercadopago', 'nao-existe')).resolves.toBeNull();
        await expect(t.tdb.lookup.paymentRef('asaas', A.paymentProviderRef)).resolves.toBeNull();
      });

      it('sessionState answers only for a user in its own tenant, and sees only that tenant\'s revocations', async () => {
        const jtiA = randomUUID();
        const jtiB = randomUUID();
        await t.tdb.withTenant(B.tenant.id, (tx) =>
          tx.revokedToken.create({ data: { jti: jtiB, tenantId: B.tenant.id, reason: 'logout', expiresAt: new Date(Date.now() + 600_000) } }),
        );
        const live = { role: 'owner', active: true, blocked: false, tenantStatus: 'active', plan: 'pro', revoked: false };
        await expect(t.tdb.lookup.sessionState(A.userId, A.tenant.id, jtiA)).resolves.toEqual(live);
        await expect(t.tdb.lookup.sessionState(B.userId, B.tenant.id, jtiB)).resolves.toEqual({ ...live, revoked: true });
        // B's revocation does not exist for A (a jti is looked up within the session's tenant).
        await expect(t.tdb.lookup.sessionState(A.userId, A.tenant.id, jtiB)).resolves.toEqual(live);
        // Another tenant's user id, or a user paired with another tenant, gives nothing.
        await expect(t.tdb.lookup.sessionState(B.userId, A.tenant.id, jtiA)).resolves.toBeNull();
        await expect(t.tdb.lookup.sessionState(A.userId, B.tenant.id, jtiB)).resolves.toBeNull();
        await expect(t.tdb.lookup.sessionState(randomUUID(), A.tenant.id, jtiA)).resolves.toBeNull();
        await expect(t.tdb.lookup.sessionState('not-a-uuid', A.tenant.id, jtiA)).resolves.toBeNull();
        await expect(t.tdb.lookup.sessionState(A.userId, `${A.tenant.id}'; --`, jtiA)).resolves.toBeNull();
      });

      it('loginCandidate returns the e-mail\'s own account and tenant, nothing for an unknown e-mail', async () => {
        for (const g of [A, B]) {
          const expected = {
            userId: g.userId, tenantId: g.tenant.id, email: g.email, name: expect.stringMatching(/^Dono /), passwordHash: 'x',
            role: 'owner', active: true, blocked: false,
            tenant: { id: g.tenant.id, name: g.tenant.name, slug: g.tenant.slug, plan: 'pro', status: 'active' },
          };
          await expect(t.tdb.lookup.loginCandidate(g.email)).resolves.toEqual(expected);
          await expect(t.tdb.lookup.loginCandidate(g.email.toUpperCase())).resolves.toEqual(expected);
        }
        await expect(t.tdb.lookup.loginCandidate('ninguem@example.com')).resolves.toBeNull();
      });

      it('every SECURITY DEFINER function pins its search_path and is executable by the app role, not PUBLIC', async () => {
        const { rows } = await t.db.pool.query<{ name: string; pinned: boolean; public_exec: boolean; app_exec: boolean }>(
          `SELECT p.proname AS name,
                  coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c LIKE 'search_path=%'), false) AS pinned,
                  EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                           WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE') AS public_exec,
                  has_function_privilege($1, p.oid, 'EXECUTE') AS app_exec
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`,
          [t.config.APP_DB_ROLE],
        );
        expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['auth_login_candidate', 'auth_session_state', 'resolve_login']));
        expect(rows.filter((r) => !r.pinned || r.public_exec || !r.app_exec)).toEqual([]);
      });

      it('the app role cannot call the resolvers\' tables directly, only the functions', async () => {
        const { rows } = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM channel_accounts');
        expect(rows[0]?.n).toBe(0);
        await expect(t.db.pool.query('SELECT * FROM "_prisma_migrations"')).rejects.toThrow(/permission denied/);
      });
    });
  });
};
