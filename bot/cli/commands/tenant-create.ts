import { randomUUID } from 'node:crypto';
import { generatePassword, hashPassword } from '../../security/password';
import { CliError } from '../cli-error';
import type { CliDeps } from '../deps';
import { MSG } from '../messages';
import { parseFlags } from '../parse-flags';
import { isUniqueViolation, withTenantDb } from '../tenant-context';
import { requireFlag, validChoice, validEmail, validSlug } from '../validate';

export const PLANS = ['basico', 'pro', 'premium'] as const;

export interface TenantCreated {
  readonly tenantId: string;
  readonly slug: string;
  readonly ownerEmail: string;
  readonly ownerPassword: string;
}

/** `tenant:create`: a shop and its owner; the generated password is shown this once only. */
export const tenantCreate = async (deps: CliDeps, argv: readonly string[]): Promise<TenantCreated> => {
  const f = parseFlags(argv, {
    name: { type: 'string' },
    slug: { type: 'string' },
    city: { type: 'string' },
    state: { type: 'string' },
    'owner-email': { type: 'string' },
    'owner-name': { type: 'string' },
    plan: { type: 'string' },
    'pix-key': { type: 'string' },
  });
  const name = requireFlag(f.name, 'name');
  const slug = validSlug(requireFlag(f.slug, 'slug'));
  const city = requireFlag(f.city, 'city');
  const ownerEmail = validEmail(requireFlag(f['owner-email'], 'owner-email'));
  const ownerName = f['owner-name']?.trim() || name;
  const plan = validChoice(f.plan ?? 'basico', 'plan', PLANS);
  const state = (f.state ?? 'SP').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) throw new CliError(MSG.invalidState(f.state ?? ''), 2);
  const pixKey = f['pix-key']?.trim() || null;

  return withTenantDb(deps.config, async (tdb) => {
    if (await tdb.lookup.tenantBySlug(slug)) throw new CliError(MSG.slugTaken(slug));
    if (await tdb.lookup.login(ownerEmail)) throw new CliError(MSG.emailTaken(ownerEmail));
    const ownerPassword = generatePassword();
    const passwordHash = await (deps.hasher?.hash ?? hashPassword)(ownerPassword);
    const tenantId = randomUUID();
    try {
      await tdb.withTenant(tenantId, async (tx) => {
        await tx.tenant.create({ data: { id: tenantId, slug, name, city, state, plan, pixKey } });
        const owner = await tx.user.create({ data: { tenantId, email: ownerEmail, name: ownerName, passwordHash, role: 'owner' } });
        await tx.auditLog.create({
          data: { tenantId, actorType: 'operator', action: 'tenant.created', entity: 'tenant', entityId: tenantId, after: { slug, name, city, state, plan, ownerUserId: owner.id } },
        });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Lost a race with another operator: say which value was taken.
      if (await tdb.lookup.tenantBySlug(slug)) throw new CliError(MSG.slugTaken(slug));
      throw new CliError(MSG.emailTaken(ownerEmail));
    }
    deps.out('Oficina criada.');
    deps.out(`  id:    ${tenantId}`);
    deps.out(`  slug:  ${slug}`);
    deps.out(`  dono:  ${ownerEmail}`);
    deps.out(`  senha: ${ownerPassword}`);
    deps.out('Anote a senha agora: ela não será mostrada de novo.');
    return { tenantId, slug, ownerEmail, ownerPassword };
  });
};
