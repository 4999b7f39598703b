import { hashPassword } from '../../security/password';
import { seedDemo } from '../../seed/seed-demo';
import type { CliDeps } from '../deps';
import { parseFlags } from '../parse-flags';
import { withTenantDb } from '../tenant-context';

/** `seed:demo`: creates the demo shop once; running it again changes nothing. */
export const seedDemoCommand = async (deps: CliDeps, argv: readonly string[]): Promise<{ created: boolean }> => {
  parseFlags(argv, {});
  return withTenantDb(deps.config, async (tdb) => {
    const result = await seedDemo(tdb, { hasher: deps.hasher ?? { hash: hashPassword }, now: deps.now?.() });
    if (!result) {
      deps.out('A oficina de demonstração já existe; nada foi alterado.');
      return { created: false };
    }
    deps.out('Oficina de demonstração criada.');
    deps.out(`  slug:   ${result.slug}`);
    deps.out(`  dono:   ${result.ownerEmail}  senha: ${result.ownerPassword}`);
    deps.out(`  equipe: ${result.staffEmail}  senha: ${result.staffPassword}`);
    deps.out('Anote as senhas agora: elas não serão mostradas de novo.');
    return { created: true };
  });
};
