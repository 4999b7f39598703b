import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { TenantDb } from '../db/tenant-db';
import type { QueueSystem } from '../queue/types';
import type { SecretBox } from '../security/crypto';
import type { IngestResult } from '../pipeline/ingest';
import type { ChannelSender } from '../pipeline/senders';
import type { StaffNotifier } from '../pipeline/run-effect';
import type { RunStaffCommand } from '../staff/run-staff-command';

/** What the platform hands a channel: the pipeline's entry points and the shared infrastructure. */
export interface ChannelRuntime {
  readonly config: Config;
  readonly logger: Logger;
  readonly tdb: TenantDb;
  readonly queues: QueueSystem;
  readonly secrets: SecretBox;
  readonly ingest: (msg: unknown) => Promise<IngestResult>;
  readonly runStaffCommand: RunStaffCommand;
  /** HMAC key of the customer portal's signed links. */
  readonly portalSecret: string;
  readonly now: () => Date;
}

/**
 * A channel as the running program sees it: HTTP routes for its webhooks, a sender for
 * replies, optionally a staff notifier and a background loop (long polling, a WhatsApp
 * Web session). Built in bot/channels/registry.ts; vendor code lives under channels/.
 */
export interface ChannelModule {
  readonly kind: string;
  readonly buttons: boolean;
  readonly sender?: (rt: ChannelRuntime) => ChannelSender;
  readonly routes?: (rt: ChannelRuntime) => Router;
  readonly notifier?: (rt: ChannelRuntime) => StaffNotifier;
  /** Downloads a customer's media by its channel reference (e.g. a voice note to transcribe). */
  readonly fetchMedia?: (rt: ChannelRuntime) => (channelAccountId: string, ref: string) => Promise<{ bytes: Uint8Array; mimeType: string | null }>;
  /** Started with the workers; stopped on close. */
  readonly start?: (rt: ChannelRuntime) => Promise<{ stop(): Promise<void> }>;
}
