import { randomInt } from 'node:crypto';
import { hashToken } from '../../security/crypto';
import { CliError } from '../cli-error';
import type { CliDeps } from '../deps';
import { MSG } from '../messages';
import { parseFlags } from '../parse-flags';
import { resolveTenant, withTenantDb } from '../tenant-context';
import { requireFlag, validEmail } from '../validate';

/** No 0/O, 1/I/L: the code is read off one screen and typed into Telegram on another. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const LINK_CODE_TTL_MS = 15 * 60_000;

/**
 * `staff:link-code`: a one-time code the user sends to the shop's Telegram bot to link
 * their account. Only its SHA-256 is stored (hashToken of the upper-case code).
 */
export const staffLinkCode = async (
  deps: CliDeps,
  argv: readonly string[],
): Promise<{ code: string; expiresAt: Date; tenantId: string; userId: string }> => {
  const f = parseFlags(argv, { tenant: { type: 'string' }, email: { type: 'string' } });
  const tenantRef = requireFlag(f.tenant, 'tenant');
  const email = validEmail(requireFlag(f.email, 'email'));
  const now = deps.now?.() ?? new Date();

  return withTenantDb(deps.config, async (tdb) => {
    const { tenantId, slug } = await resolveTenant(tdb, tenantRef);
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    const userId = await tdb.withTenant(tenantId, async (tx) => {
      const user = await tx.user.findFirst({ where: { email } });
      if (!user) throw new CliError(MSG.unknownUser(email, slug));
      if (!user.active || user.blockedAt) throw new CliError(MSG.userInactive(email));
      await tx.linkCode.create({ data: { tenantId, userId: user.id, codeHash: hashToken(code), expiresAt, createdAt: now } });
      return user.id;
    });
    deps.out(`Código de vínculo do Telegram para ${email}: ${code}`);
    deps.out(`Válido até ${expiresAt.toISOString()} (15 minutos), uma única vez.`);
    deps.out('O usuário deve enviar este código ao bot do Telegram da oficina.');
    return { code, expiresAt, tenantId, userId };
  });
};
