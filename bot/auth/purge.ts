import type { Logger } from 'pino';
import type { Database } from '../db/database';

/** Deletes revoked-token and refresh-token rows that are past their own expiry, in every tenant. */
export const purgeExpiredTokens = async (db: Pick<Database, 'pool'>): Promise<{ revoked: number; refresh: number }> => {
  const { rows } = await db.pool.query<{ revoked_deleted: number; refresh_deleted: number }>('SELECT * FROM purge_expired_auth_tokens()');
  return { revoked: rows[0]?.revoked_deleted ?? 0, refresh: rows[0]?.refresh_deleted ?? 0 };
};

const HOUR_MS = 3_600_000;

/** Runs the purge now and then hourly in a worker process; a failure is logged and retried next hour. */
export const schedulePurge = (db: Pick<Database, 'pool'>, logger: Logger, everyMs = HOUR_MS): (() => void) => {
  const run = () =>
    purgeExpiredTokens(db).then(
      (n) => (n.revoked || n.refresh) && logger.info(n, 'expired auth tokens purged'),
      (err: Error) => logger.warn({ err: err.message }, 'auth token purge failed'),
    );
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};
