import type pg from 'pg';

export interface IsolationReport {
  readonly ok: boolean;
  readonly role: string;
  readonly problems: string[];
  readonly tenantTables: string[];
}

/**
 * Checks, as the application will run, that row-level security actually isolates
 * tenants: the effective role is no superuser, has no BYPASSRLS and owns no table, and
 * every table with a tenant_id column (and `tenants`) has RLS enabled and forced with a
 * policy. Start-up refuses to continue when this fails.
 */
export const verifyIsolation = async (pool: pg.Pool, appRole: string): Promise<IsolationReport> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('role', $1, true)`, [appRole]);
    const role = await client.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    const tables = await client.query<{ relname: string; owner: string; rls: boolean; forced: boolean; policies: number }>(
      `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner, c.relrowsecurity AS rls,
              c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND (c.relname = 'tenants' OR EXISTS (
                SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
        ORDER BY c.relname`,
    );
    await client.query('ROLLBACK');
    const problems: string[] = [];
    const r = role.rows[0];
    if (!r) problems.push(`o papel ${appRole} não existe (rode as migrações)`);
    else {
      if (r.rolsuper) problems.push(`o papel ${r.rolname} é superusuário`);
      if (r.rolbypassrls) problems.push(`o papel ${r.rolname} tem BYPASSRLS`);
    }
    if (tables.rows.length === 0) problems.push('nenhuma tabela de oficina encontrada (rode as migrações)');
    for (const t of tables.rows) {
      if (!t.rls) problems.push(`RLS desligada em ${t.relname}`);
      if (!t.forced) problems.push(`RLS não forçada em ${t.relname}`);
      if (t.policies === 0) problems.push(`sem política RLS em ${t.relname}`);
      if (r && t.owner === r.rolname) problems.push(`o papel ${r.rolname} é dono de ${t.relname}`);
    }
    return { ok: problems.length === 0, role: r?.rolname ?? appRole, problems, tenantTables: tables.rows.map((t) => t.relname) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    return { ok: false, role: appRole, problems: [`não foi possível verificar: ${(err as Error).message}`], tenantTables: [] };
  } finally {
    client.release();
  }
};
