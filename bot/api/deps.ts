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
   * The admin's reads (GET) run at most this many at a time per process; the others wait
   * in line (bot/http/bulkhead.ts). Default: the number of CPUs (API_READ_CONCURRENCY).
   */
  readonly readConcurrency?: number;
  /** Reads allowed to wait before 503 SERVER_BUSY (API_READ_QUEUE_MAX). Default 1000. */
  readonly readQueueMax?: number;
  /** A ready-made read bulkhead instead (tests hold its slots). */
  readonly readLane?: Bulkhead;
}
