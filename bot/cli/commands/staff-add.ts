import { generatePassword, hashPassword } from '../../security/password';
import { CliError } from '../cli-error';
import type { CliDeps } from '../deps';
import { MSG } from '../messages';
import { parseFlags } from '../parse-flags';
import { isUniqueViolation, resolveTenant, withTenantDb } from '../tenant-context';
import { requireFlag, validChoice, validEmail } from '../validate';

export const ROLES = ['staff', 'owner'] as const;

/** `staff:add`: a user of a shop, with a generated password shown this once only. */
export const staffAdd = async (
  deps: CliDeps,
  argv: readonly string[],
): Promise<{ userId: string; tenantId: string; email: string; password: string }> => {
  const f = parseFlags(argv, {
    tenant: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
  });
  const tenantRef = requireFlag(f.tenant, 'tenant');
  const email = validEmail(requireFlag(f.email, 'email'));
  const name = requireFlag(f.name, 'name');
  const role = validChoice(f.role ?? 'staff', 'role', ROLES);

  return withTenantDb(deps.config, async (tdb) => {
    const { tenantId, slug } = await resolveTenant(tdb, tenantRef);
    if (await tdb.lookup.login(email)) throw new CliError(MSG.emailTaken(email));
    const password = generatePassword();
    const passwordHash = await (deps.hasher?.hash ?? hashPassword)(password);
    const user = await tdb
      .withTenant(tenantId, async (tx) => {
        const created = await tx.user.create({ data: { tenantId, email, name, passwordHash, role } });
        await tx.auditLog.create({
          data: { tenantId, actorType: 'operator', action: 'user.created', entity: 'user', entityId: created.id, after: { email, name, role } },
        });
        return created;
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new CliError(MSG.emailTaken(email));
        throw err;
      });
    deps.out(`Usuário criado na oficina ${slug}.`);
    deps.out(`  e-mail: ${email}`);
    deps.out(`  papel:  ${role === 'owner' ? 'dono' : 'equipe'}`);
    deps.out(`  senha:  ${password}`);
    deps.out('Anote a senha agora: ela não será mostrada de novo.');
    return { userId: user.id, tenantId, email, password };
  });
};
