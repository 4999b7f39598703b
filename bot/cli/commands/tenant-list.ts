import { openAdmin } from '../../db/database';
import type { CliDeps } from '../deps';
import { parseFlags } from '../parse-flags';

export interface TenantRow {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly city: string;
  readonly state: string;
  readonly plan: string;
  readonly status: string;
  readonly users: number;
  readonly created_at: Date;
}

/**
 * `tenant:list`: the operator's cross-tenant view. Deliberately on the admin connection
 * with plain SQL: the app role can never list tenants, by design.
 */
export const tenantList = async (deps: CliDeps, argv: readonly string[]): Promise<TenantRow[]> => {
  parseFlags(argv, {});
  const admin = await openAdmin(deps.config);
  try {
    const { rows } = await admin.client.query<TenantRow>(
      `SELECT t.id, t.slug, t.name, t.city, t.state, t.plan, t.status, t.created_at,
              (SELECT count(*)::int FROM users u WHERE u.tenant_id = t.id) AS users
         FROM tenants t ORDER BY t.created_at, t.slug`,
    );
    if (rows.length === 0) {
      deps.out('Nenhuma oficina cadastrada. Crie uma com "npm run mg -- tenant:create".');
      return rows;
    }
    deps.out(`${rows.length} oficina(s):`);
    for (const r of rows) {
      deps.out(`  ${r.slug}  ${r.id}  "${r.name}"  ${r.city}/${r.state}  plano ${r.plan}  ${r.status === 'active' ? 'ativa' : 'bloqueada'}  ${r.users} usuário(s)`);
    }
    return rows;
  } finally {
    await admin.close();
  }
};
