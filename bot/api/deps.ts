import type { Logger } from 'pino';
import type { TenantDb } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import type { SecretBox } from '../security/crypto';
import type { PasswordHasher } from '../security/password';
import type { AuthOptionsInput } from '../auth/options';
import type { LoginLimiter } from '../auth/rate-limit';
import type { Bulkhead } from '../http/bulkhead';
import type { PairingState } from './routes/channels';

export interface ApiDeps {
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  /** Seals channel secrets at rest (the platform's SecretBox). */
  readonly secrets: SecretBox;
  readonly logger: Logger;
  /** Raw auth settings; validated by apiRoutes (see bot/auth/options.ts). */
  readonly auth: AuthOptionsInput;
  /** Defaults to the process-wide scrypt hasher at OWASP cost; tests pass a cheap one. */
  readonly hasher?: PasswordHasher;
  /** Defaults to an in-memory limiter; pass createLoginLimiter({ redisUrl }) to share it across processes. */
  readonly limiter?: LoginLimiter;
  /** WhatsApp Web pairing state, owned by the Baileys engineer; default 'unavailable'. */
  readonly pairingState?: (channelAccountId: string) => Promise<PairingState>;
  readonly now?: () => Date;
  /**
   * The line the admin's reads (GET) wait in (bot/http/bulkhead.ts), from createReadLane(config).
   * Default: createReadLane() with its defaults; tests pass one to hold its slots.
   */
  readonly readLane?: Bulkhead;
}
