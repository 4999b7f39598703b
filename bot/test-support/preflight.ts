/**
 * Runs before the test suite: PostgreSQL and Redis must be reachable on their local
 * ports. When one is not, stop at once with one message saying what is missing and how
 * to start it, instead of a hundred timeouts.
 */
import net from 'node:net';
import { testPg, TEST_REDIS_URL } from './env';

const reachable = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 1500 });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
  });

const pg = new URL(testPg.maintenanceUrl);
const redis = new URL(TEST_REDIS_URL);
const [pgOk, redisOk] = await Promise.all([
  reachable(pg.hostname, Number(pg.port || 5432)),
  reachable(redis.hostname, Number(redis.port || 6379)),
]);
const missing: string[] = [];
if (!pgOk) {
  missing.push(
    `PostgreSQL não responde em ${pg.hostname}:${pg.port || 5432}. Inicie com: ` +
      `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (ou defina TEST_PG_ADMIN_URL)`,
  );
}
if (!redisOk) {
  missing.push(
    `Redis não responde em ${redis.hostname}:${redis.port || 6379}. Inicie com: ` +
      `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no (ou defina TEST_REDIS_URL)`,
  );
}
if (missing.length) {
  console.error(`Os testes precisam de PostgreSQL e Redis locais.\n- ${missing.join('\n- ')}`);
  process.exit(1);
}
