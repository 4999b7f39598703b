import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPg } from '../test-support/env';
import { applyMigrations } from './migrate';
import { verifyIsolation } from './verify-isolation';

/**
 * verifyIsolation must say NO when isolation is off. Each case breaks one thing in a
 * throwaway database (never the shared test database), checks the report names it,
 * and puts it back.
 */
const APP = 'motogestor_app';
const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
const dbName = `mg_verify_test_${suffix}`;
const bypassRole = `mg_test_bypass_${suffix}`;

let maint: pg.Client;
let admin: pg.Client; // superuser on the throwaway database: breaks and repairs things
let superPool: pg.Pool; // logs in as superuser; verifyIsolation SET ROLEs to the role under test
let appPool: pg.Pool; // logs in as the app role, as production does

beforeAll(async () => {
  maint = new pg.Client({ connectionString: testPg.maintenanceUrl });
  await maint.connect();
  await maint.query(`CREATE DATABASE "${dbName}"`);
  admin = new pg.Client({ connectionString: testPg.adminUrl(dbName) });
  await admin.connect();
  await applyMigrations(admin);
  superPool = new pg.Pool({ connectionString: testPg.adminUrl(dbName), max: 2 });
  appPool = new pg.Pool({ connectionString: testPg.appUrl(dbName), max: 2 });
  // Dropping the throwaway database WITH (FORCE) at the end may hit a socket still closing.
  superPool.on('error', () => {});
  appPool.on('error', () => {});
});

afterAll(async () => {
  await appPool?.end().catch(() => {});
  await superPool?.end().catch(() => {});
  await admin?.end().catch(() => {});
  if (maint) {
    await maint.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
    await maint.query(`DROP ROLE IF EXISTS "${bypassRole}"`).catch(() => {});
    await maint.end();
  }
});

describe('verifyIsolation', () => {
  it('is ok on a freshly migrated database, through either login', async () => {
    for (const pool of [superPool, appPool]) {
      const report = await verifyIsolation(pool, APP);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.role).toBe(APP);
      expect(report.tenantTables).toContain('customers');
      expect(report.tenantTables).toContain('tenants');
    }
  });

  it('names a table whose RLS is not forced', async () => {
    await admin.query('ALTER TABLE customers NO FORCE ROW LEVEL SECURITY');
    try {
      const report = await verifyIsolation(appPool, APP);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(['RLS não forçada em customers']);
    } finally {
      await admin.query('ALTER TABLE customers FORCE ROW LEVEL SECURITY');
    }
    expect((await verifyIsolation(appPool, APP)).ok).toBe(true);
  });

  it('names a table whose RLS is disabled, or that has no policy', async () => {
    await admin.query('ALTER TABLE payments DISABLE ROW LEVEL SECURITY');
    await admin.query('DROP POLICY tenant_isolation ON quotes');
    try {
      const report = await verifyIsolation(appPool, APP);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(expect.arrayContaining(['RLS desligada em payments', 'sem política RLS em quotes']));
      expect(report.problems).toHaveLength(2);
    } finally {
      await admin.query('ALTER TABLE payments ENABLE ROW LEVEL SECURITY');
      await admin.query(
        `CREATE POLICY tenant_isolation ON quotes
           USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
           WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)`,
      );
    }
    expect((await verifyIsolation(appPool, APP)).ok).toBe(true);
  });

  it('finds a NEW table with a tenant_id column that nobody protected', async () => {
    await admin.query('CREATE TABLE "loyalty_points" ("id" uuid PRIMARY KEY, "tenant_id" uuid NOT NULL, "points" int)');
    try {
      const report = await verifyIsolation(appPool, APP);
      expect(report.ok).toBe(false);
      expect(report.tenantTables).toContain('loyalty_points');
      expect(report.problems).toEqual(
        expect.arrayContaining([
          'RLS desligada em loyalty_points',
          'RLS não forçada em loyalty_points',
          'sem política RLS em loyalty_points',
        ]),
      );
    } finally {
      await admin.query('DROP TABLE "loyalty_points"');
    }
  });

  it('names a table the app role owns', async () => {
    await admin.query(`ALTER TABLE vehicles OWNER TO ${APP}`);
    try {
      const report = await verifyIsolation(appPool, APP);
      expect(report.ok).toBe(false);
      expect(report.problems).toContain(`o papel ${APP} é dono de vehicles`);
    } finally {
      await admin.query('ALTER TABLE vehicles OWNER TO postgres');
    }
    expect((await verifyIsolation(appPool, APP)).ok).toBe(true);
  });

  it('names a role with BYPASSRLS (and that role really does see every tenant)', async () => {
    await admin.query(`CREATE ROLE "${bypassRole}" NOLOGIN BYPASSRLS`);
    await admin.query(`GRANT USAGE ON SCHEMA public TO "${bypassRole}"`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${bypassRole}"`);
    const report = await verifyIsolation(superPool, bypassRole);
    expect(report.ok).toBe(false);
    expect(report.role).toBe(bypassRole);
    expect(report.problems).toEqual([`o papel ${bypassRole} tem BYPASSRLS`]);

    // Why it matters: with no tenant context, the bypass role reads rows the app role cannot.
    const tenant = randomUUID();
    await admin.query(`INSERT INTO tenants (id, slug, name, city) VALUES ($1, $2, 'X', 'Y')`, [tenant, `t-${suffix}`]);
    const c = await superPool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('role', $1, true)`, [bypassRole]);
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants')).rows[0]?.n).toBe(1);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    expect((await appPool.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants')).rows[0]?.n).toBe(0);
    await admin.query('DELETE FROM tenants WHERE id = $1', [tenant]);
  });

  it('names a superuser role', async () => {
    const report = await verifyIsolation(superPool, 'postgres');
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining(['o papel postgres é superusuário']));
  });

  it('fails closed when the role does not exist or the check cannot run', async () => {
    const report = await verifyIsolation(superPool, `mg_no_such_role_${suffix}`);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/não foi possível verificar/);
    // The app role cannot become the superuser role to check it.
    const denied = await verifyIsolation(appPool, 'postgres');
    expect(denied.ok).toBe(false);
  });

  it('reports missing migrations on an empty database', async () => {
    const empty = `mg_verify_empty_${suffix}`;
    await maint.query(`CREATE DATABASE "${empty}"`);
    const pool = new pg.Pool({ connectionString: testPg.adminUrl(empty), max: 1 });
    pool.on('error', () => {}); // the DROP ... WITH (FORCE) below may still find its socket closing
    try {
      const report = await verifyIsolation(pool, APP);
      expect(report.ok).toBe(false);
      expect(report.problems).toContain('nenhuma tabela de oficina encontrada (rode as migrações)');
    } finally {
      await pool.end();
      await maint.query(`DROP DATABASE IF EXISTS "${empty}" WITH (FORCE)`);
    }
  });
});
