import type { Logger } from 'pino';
import { outboundMessageSchema } from '../../core/messaging/types';
import type { TenantDb } from '../db/tenant-db';
import type { SendJob } from './jobs';
import { PermanentSendError, type ChannelSender } from './senders';

export interface SendDeps {
  readonly tdb: TenantDb;
  readonly logger: Logger;
  readonly senders: Readonly<Record<string, ChannelSender | undefined>>;
  readonly openSecrets: (sealed: string | null) => Record<string, string>;
}

/**
 * Step 6: deliver one stored reply. The vendor call happens outside any transaction;
 * a failure throws so the queue retries with backoff; the dead-letter hook records
 * what failed for good. Already-sent messages are skipped, and a reply sent as several
 * vendor messages records each delivered part (messages.parts_sent) before the next one,
 * so a retry resumes after them: no part reaches the customer twice from our side.
 */
export const createSendMessage = (deps: SendDeps) => async (job: SendJob, kindHint?: string): Promise<'sent' | 'skipped'> => {
  const hinted = kindHint ? deps.senders[kindHint] : undefined;
  if (hinted?.local) {
    // A local channel (web chat) delivers by marking the row: the page reads it from there.
    const rows = await deps.tdb.withTenantSql(job.tenantId, (sql) =>
      sql.query(
        `UPDATE messages SET status = 'sent', sent_at = $2, attempts = attempts + 1
          WHERE id = $1::uuid AND direction = 'out' AND status IN ('queued', 'failed') RETURNING id`,
        [job.messageId, new Date()],
      ),
    );
    return rows.length ? 'sent' : 'skipped';
  }
  const loaded = await deps.tdb.withTenant(job.tenantId, (tx) =>
    tx.message.findUnique({ where: { id: job.messageId }, include: { conversation: true, channelAccount: true } }),
  );
  if (!loaded || loaded.direction !== 'out' || !['queued', 'failed'].includes(loaded.status)) return 'skipped';
  const sender = deps.senders[loaded.channelAccount.kind];
  if (!sender) throw new PermanentSendError(`canal sem envio configurado: ${loaded.channelAccount.kind}`, 'NO_SENDER');
  const message = outboundMessageSchema.parse(loaded.payload ?? { text: loaded.text });
  try {
    const { externalMessageId, partsSent } = await sender.send({
      account: {
        id: loaded.channelAccount.id,
        externalId: loaded.channelAccount.externalId,
        secrets: deps.openSecrets(loaded.channelAccount.secretsEnc),
      },
      to: loaded.conversation.replyTo,
      message,
      fromPart: loaded.partsSent,
      // Committed before the next part goes out: a retry (or a crash) resumes after this
      // part. The first part's vendor id is kept from here on, so receipts can find the row.
      onPartSent: async (index, partId) => {
        await deps.tdb.withTenantSql(job.tenantId, (sql) =>
          sql.query(
            `UPDATE messages SET parts_sent = GREATEST(parts_sent, $2), channel_message_id = COALESCE(channel_message_id, $3)
              WHERE id = $1::uuid`,
            [loaded.id, index + 1, partId],
          ),
        );
      },
    });
    await deps.tdb.withTenant(job.tenantId, (tx) =>
      tx.message.update({
        where: { id: loaded.id },
        data: {
          status: 'sent',
          sentAt: new Date(),
          // A resumed send delivers no first part: the id recorded when it went out stays.
          channelMessageId: loaded.channelMessageId ?? externalMessageId,
          ...(partsSent !== undefined ? { partsSent: Math.max(partsSent, loaded.partsSent) } : {}),
          attempts: { increment: 1 },
          error: null,
        },
      }),
    );
    return 'sent';
  } catch (err) {
    if (err instanceof PermanentSendError) {
      // Retrying cannot help (blocked, window closed without a template, bad token):
      // dead-letter now so the owner sees it, instead of burning the retries.
      await deadLetterSend(deps)(job, err, loaded.attempts + 1);
      return 'skipped';
    }
    await deps.tdb.withTenant(job.tenantId, (tx) =>
      tx.message.update({
        where: { id: loaded.id },
        data: { status: 'failed', attempts: { increment: 1 }, error: (err as Error).message.slice(0, 500) },
      }),
    );
    throw err;
  }
};

/** Called when a send exhausted its retries: the message is dead-lettered for the admin's retry button. */
export const deadLetterSend = (deps: Pick<SendDeps, 'tdb' | 'logger'>) => async (job: SendJob, error: Error, attempts: number) => {
  deps.logger.error({ messageId: job.messageId, err: error.message }, 'outbound message dead-lettered');
  await deps.tdb.withTenant(job.tenantId, async (tx) => {
    await tx.message.update({ where: { id: job.messageId }, data: { status: 'dead', error: error.message.slice(0, 500) } });
    await tx.deadLetter.upsert({
      where: { tenantId_queue_jobId: { tenantId: job.tenantId, queue: 'send', jobId: job.messageId } },
      create: { tenantId: job.tenantId, queue: 'send', jobId: job.messageId, payload: { ...job }, error: error.message.slice(0, 2000), attempts },
      update: { error: error.message.slice(0, 2000), attempts, retriedAt: null },
    });
  });
};
