import { BufferJSON, initAuthCreds, proto, type AuthenticationCreds, type AuthenticationState, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import type { TenantDb } from '../db/tenant-db';
import type { SecretBox } from '../security/crypto';

export interface DbAuthState {
  readonly state: AuthenticationState;
  /** Persists the current creds (call on every `creds.update`). */
  saveCreds(): Promise<void>;
  /** Forgets creds and keys (logged out, bad session): the next start pairs again. */
  clear(): Promise<void>;
}

const CREDS = 'creds';

/**
 * Baileys auth state in PostgreSQL instead of its multi-file store: one row per
 * (type, id) in baileys_auth_keys, each value BufferJSON-serialised and sealed, under
 * the tenant's row-level security. `keys.set` writes a whole update in one transaction.
 */
export const createDbAuthState = async (deps: {
  readonly tdb: TenantDb;
  readonly secrets: SecretBox;
  readonly tenantId: string;
  readonly channelAccountId: string;
}): Promise<DbAuthState> => {
  const { tdb, secrets, tenantId, channelAccountId } = deps;
  const seal = (value: unknown) => secrets.seal(JSON.stringify(value, BufferJSON.replacer));
  const open = (sealed: string): unknown => JSON.parse(secrets.open(sealed), BufferJSON.reviver);

  const stored = await tdb.withTenant(tenantId, (tx) =>
    tx.baileysAuthKey.findUnique({ where: { channelAccountId_keyType_keyId: { channelAccountId, keyType: CREDS, keyId: CREDS } } }),
  );
  const creds: AuthenticationCreds = stored ? (open(stored.valueEnc) as AuthenticationCreds) : initAuthCreds();

  const state: AuthenticationState = {
    creds,
    keys: {
      get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
        const out: { [id: string]: SignalDataTypeMap[T] } = {};
        if (ids.length === 0) return out;
        const rows = await tdb.withTenant(tenantId, (tx) =>
          tx.baileysAuthKey.findMany({ where: { channelAccountId, keyType: type, keyId: { in: ids } } }),
        );
        for (const row of rows) {
          let value = open(row.valueEnc);
          if (type === 'app-state-sync-key' && value) {
            value = proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>);
          }
          out[row.keyId] = value as SignalDataTypeMap[T];
        }
        return out;
      },
      set: async (data) => {
        const writes: { keyType: string; keyId: string; valueEnc: string | null }[] = [];
        for (const [keyType, entries] of Object.entries(data)) {
          for (const [keyId, value] of Object.entries(entries ?? {})) {
            writes.push({ keyType, keyId, valueEnc: value === null || value === undefined ? null : seal(value) });
          }
        }
        if (writes.length === 0) return;
        await tdb.withTenant(tenantId, async (tx) => {
          for (const w of writes) {
            const where = { channelAccountId_keyType_keyId: { channelAccountId, keyType: w.keyType, keyId: w.keyId } };
            if (w.valueEnc === null) {
              await tx.baileysAuthKey.deleteMany({ where: { channelAccountId, keyType: w.keyType, keyId: w.keyId } });
            } else {
              await tx.baileysAuthKey.upsert({
                where,
                create: { tenantId, channelAccountId, keyType: w.keyType, keyId: w.keyId, valueEnc: w.valueEnc },
                update: { valueEnc: w.valueEnc },
              });
            }
          }
        });
      },
    },
  };

  return {
    state,
    saveCreds: async () => {
      const valueEnc = seal(state.creds);
      await tdb.withTenant(tenantId, (tx) =>
        tx.baileysAuthKey.upsert({
          where: { channelAccountId_keyType_keyId: { channelAccountId, keyType: CREDS, keyId: CREDS } },
          create: { tenantId, channelAccountId, keyType: CREDS, keyId: CREDS, valueEnc },
          update: { valueEnc },
        }),
      );
    },
    clear: async () => {
      await tdb.withTenant(tenantId, (tx) => tx.baileysAuthKey.deleteMany({ where: { channelAccountId } }));
    },
  };
};
