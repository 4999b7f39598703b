/**
 * bench:api: the admin API under load. Creates a throwaway database, seeds a shop with
 * ~200 orders, serves the API on 127.0.0.1, then runs N virtual users for a fixed time,
 * each logging in and polling the dashboard. Prints p50/p99 per endpoint; target p99 < 300 ms.
 * Login runs Argon2id at OWASP's parameters (or scrypt with --scrypt-n=N) behind a 2-slot semaphore, so it is CPU-bound
 * by design: its latency measures the hasher's queue, not the database.
 *
 *   npm run bench:api -- --seconds=20 --users=20 --orders=200 [--scrypt-n=131072]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../config';
import { createPlatform, type Platform } from '../platform';
import { seedDemo } from '../seed/seed-demo';
import { createPasswordHasher } from '../security/password';
import { apiRoutes } from '../api/routes';
import { createBenchDatabase, type BenchDatabase } from './infra';
import { fmt, summarize, table } from './stats';

const arg = (name: string, fallback: number): number => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${name} inválido: ${raw}`);
    process.exit(2);
  }
  return v;
};
const strArg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

const SECONDS = arg('seconds', 20);
const USERS = arg('users', 20);
const ORDERS = arg('orders', 200);
/** 0 (default): Argon2id, as production hashes new passwords; N: scrypt at that cost (older hashes). */
const SCRYPT_N = arg('scrypt-n', 0);
const DASHBOARDS_PER_LOGIN = arg('dashboards-per-login', 10);
const PG = strArg('pg', 'postgresql://postgres@127.0.0.1:5432/postgres');
const log = (m: string) => process.stderr.write(`[bench:api] ${m}\n`);

const STATUSES = ['aberta', 'orcamento_enviado', 'aprovada', 'em_execucao', 'aguardando_pecas', 'pronta', 'entregue', 'entregue', 'entregue', 'cancelada'];

const seedOrders = async (p: Platform, tenantId: string, count: number) => {
  const now = Date.now();
  await p.tdb.withTenant(tenantId, async (tx) => {
    const counter = await tx.tenantCounter.findFirstOrThrow({ where: { name: 'service_order' } });
    for (let i = 0; i < count; i++) {
      const number = counter.value + i + 1;
      const opened = new Date(now - Math.floor(Math.random() * 45) * 86_400_000);
      const status = STATUSES[i % STATUSES.length]!;
      const delivered = status === 'entregue' ? new Date(opened.getTime() + (4 + (i % 48)) * 3_600_000) : null;
      const customer = await tx.customer.create({ data: { tenantId, name: `Cliente ${number}`, phoneE164: `+55119${String(70_000_000 + number).padStart(8, '0')}` } });
      const order = await tx.serviceOrder.create({
        data: { tenantId, number, customerId: customer.id, status, openedAt: opened, statusChangedAt: opened, deliveredAt: delivered, closedAt: delivered },
      });
      const total = 5_000 + (i % 30) * 1_000;
      const quote = await tx.quote.create({
        data: {
          tenantId, orderId: order.id, version: 1, status: status === 'aberta' ? 'sent' : 'approved', totalCents: total, contentHash: randomUUID(),
          validUntil: new Date(opened.getTime() + 10 * 86_400_000), sentAt: opened, decidedAt: status === 'aberta' ? null : opened,
          lines: { create: [{ tenantId, position: 1, kind: 'part', description: 'Peça', quantity: 1, unitPriceCents: total, totalCents: total }] },
        },
      });
      if (delivered) {
        await tx.payment.create({ data: { tenantId, orderId: order.id, quoteId: quote.id, provider: 'pix_static', txid: `B${number}`, amountCents: total, status: 'paid', paidAt: delivered } });
      }
    }
    await tx.tenantCounter.update({ where: { tenantId_name: { tenantId, name: 'service_order' } }, data: { value: counter.value + count } });
  }, { timeout: 120_000 });
};

const main = async () => {
  let db: BenchDatabase | undefined;
  let platform: Platform | undefined;
  let server: ReturnType<ReturnType<typeof express>['listen']> | undefined;
  const hardStop = setTimeout(() => {
    log('tempo máximo excedido; abortando');
    process.exit(2);
  }, (SECONDS + 180) * 1000);
  hardStop.unref();
  try {
    db = await createBenchDatabase(PG, `mg_bench_api_${Date.now().toString(36)}`);
    const config = loadConfig({
      NODE_ENV: 'development', DATABASE_URL: db.appUrl('motogestor_app'), DATABASE_ADMIN_URL: db.adminUrl, DATABASE_POOL_SIZE: '20',
      LOG_LEVEL: 'silent', ENCRYPTION_KEY: randomBytes(32).toString('hex'), SEED_DEMO: 'false',
    });
    platform = await createPlatform(config, { logger: pino({ level: 'silent' }), migrate: false });
    const hasher = SCRYPT_N ? createPasswordHasher({ N: SCRYPT_N }) : createPasswordHasher();
    const seeded = await seedDemo(platform.tdb, { hasher, slug: 'bench-api' });
    if (!seeded) throw new Error('seed falhou');
    await seedOrders(platform, seeded.tenantId, ORDERS);
    log(`oficina semeada com ${ORDERS + 6} OS; senhas: ${SCRYPT_N ? `scrypt N=${SCRYPT_N}` : 'Argon2id (19 MiB, t=2)'}`);

    const app = express();
    app.use(express.json());
    app.use('/api', apiRoutes({
      tdb: platform.tdb, queues: platform.queues, secrets: platform.secrets, logger: pino({ level: 'silent' }), hasher,
      auth: { jwtSecret: randomBytes(32).toString('hex'), cookieSecure: false, maxFailuresPerAccount: 1000, maxFailuresPerIp: 100_000 },
    }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

    const samples = { login: [] as number[], dashboard: [] as number[] };
    let errors = 0;
    const deadline = Date.now() + SECONDS * 1000;
    let cut = 0;
    const timed = async (kind: keyof typeof samples, fn: (signal: AbortSignal) => Promise<Response>) => {
      const t = performance.now();
      // Requests still queued when the time is up are cut, so the run stays bounded.
      const r = await fn(AbortSignal.timeout(Math.max(1, deadline - Date.now() + 2_000))).catch(() => null);
      if (!r) {
        cut++;
        return null;
      }
      const body = await r.text();
      if (!r.ok) {
        errors++;
        return null;
      }
      samples[kind].push(performance.now() - t);
      return body;
    };
    const user = async () => {
      while (Date.now() < deadline) {
        const body = await timed('login', (signal) =>
          fetch(`${base}/auth/login`, { signal, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: seeded.ownerEmail, password: seeded.ownerPassword }) }),
        );
        if (!body) continue;
        const token = (JSON.parse(body) as { accessToken: string }).accessToken;
        for (let i = 0; i < DASHBOARDS_PER_LOGIN && Date.now() < deadline; i++) {
          await timed('dashboard', (signal) => fetch(`${base}/dashboard`, { signal, headers: { authorization: `Bearer ${token}` } }));
        }
      }
    };
    log(`${USERS} usuários virtuais por ${SECONDS} s`);
    await Promise.all(Array.from({ length: USERS }, user));

    const rows = (['login', 'dashboard'] as const).map((k) => {
      const s = summarize(samples[k]);
      return [k, s.n, fmt(s.n / SECONDS), fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.max), s.p99 < 300 ? 'ok (< 300 ms)' : 'ACIMA da meta'];
    });
    console.log(table(['endpoint', 'reqs', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'p99 vs meta'], rows));
    console.log(`erros: ${errors}; cortadas no fim do tempo: ${cut}; CPUs: ${os.cpus().length}`);
    console.log(`nota: login usa ${SCRYPT_N ? `scrypt N=${SCRYPT_N}` : 'Argon2id (19 MiB, t=2)'} com no máximo 2 hashes simultâneos; sob ${USERS} logins concorrentes parte da latência do login é a fila do hasher (intencional: protege a memória).`);
  } finally {
    await new Promise((r) => (server ? server.close(r) : r(null)));
    await platform?.close().catch(() => {});
    await db?.drop().catch(() => {});
  }
};

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`falhou: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
