import { createSecretBox, loadOrCreateKey } from '../../security/crypto';
import { CliError } from '../cli-error';
import type { CliDeps } from '../deps';
import { MSG } from '../messages';
import { parseFlags } from '../parse-flags';
import { isUniqueViolation, resolveTenant, withTenantDb } from '../tenant-context';
import { requireFlag, validChoice } from '../validate';

export const CHANNEL_KINDS = ['whatsapp_cloud', 'whatsapp_baileys', 'telegram', 'voice', 'webchat'] as const;

const parseSecrets = (pairs: readonly string[]): Record<string, string> => {
  const secrets: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (key === '' || !/^[A-Za-z0-9_.-]+$/.test(key)) throw new CliError(MSG.invalidSecret(pair.replace(/=.*/, '=…')), 2);
    if (key in secrets) throw new CliError(MSG.duplicateSecret(key), 2);
    secrets[key] = pair.slice(at + 1);
  }
  return secrets;
};

/** `channel:add`: connects a channel account to a shop; its secrets are stored sealed (AES-256-GCM). */
export const channelAdd = async (
  deps: CliDeps,
  argv: readonly string[],
): Promise<{ channelAccountId: string; tenantId: string }> => {
  const f = parseFlags(argv, {
    tenant: { type: 'string' },
    kind: { type: 'string' },
    'external-id': { type: 'string' },
    name: { type: 'string' },
    secret: { type: 'string', multiple: true },
  });
  const tenantRef = requireFlag(f.tenant, 'tenant');
  const kind = validChoice(requireFlag(f.kind, 'kind'), 'kind', CHANNEL_KINDS);
  const externalId = requireFlag(f['external-id'], 'external-id');
  const secrets = parseSecrets(f.secret ?? []);
  const hasSecrets = Object.keys(secrets).length > 0;
  const box = hasSecrets
    ? createSecretBox(deps.config.ENCRYPTION_KEY ?? (await loadOrCreateKey(deps.config.DATA_DIR)))
    : null;

  return withTenantDb(deps.config, async (tdb) => {
    const { tenantId, slug } = await resolveTenant(tdb, tenantRef);
    if (await tdb.lookup.channelAccount(kind, externalId)) throw new CliError(MSG.channelTaken(kind, externalId));
    const channel = await tdb
      .withTenant(tenantId, (tx) =>
        tx.channelAccount.create({
          data: { tenantId, kind, externalId, displayName: f.name?.trim() || null, secretsEnc: box ? box.seal(secrets) : null },
        }),
      )
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new CliError(MSG.channelTaken(kind, externalId));
        throw err;
      });
    deps.out(`Canal ${kind} conectado à oficina ${slug}.`);
    deps.out(`  id:          ${channel.id}`);
    deps.out(`  id externo:  ${externalId}`);
    deps.out(`  segredos:    ${hasSecrets ? `${Object.keys(secrets).join(', ')} (criptografados)` : 'nenhum'}`);
    return { channelAccountId: channel.id, tenantId };
  });
};
