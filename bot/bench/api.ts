/**
 * bench:api: the admin API under load. Creates a throwaway database, seeds a shop with
 * ~200 orders, serves the API on 127.0.0.1 from a CHILD PROCESS (as in production, the
 * browsers are elsewhere: the load generator does not share the server's event loop;
 * both still share this machine's cores, and so does PostgreSQL), then measures two
 * things, one after the other:
 *
 * 1. Spike: N logins sent at the same instant to the idle server, nothing else running.
 *    Login is CPU-bound by design (Argon2id at OWASP's parameters, 2 hashes at a time so
 *    a flood cannot exhaust memory), so the last of N simultaneous logins waits for the
 *    N-1 hashes before it: this line shows that queue on its own.
 * 2. Load (the table, target p99 < 300 ms): N virtual users arrive over --ramp-up seconds
 *    (one every ramp-up/N s, as in k6's or JMeter's ramp-up), then each logs in and loads
 *    the dashboard 10 times with NO think time, and again, until --seconds have passed.
 *    `--ramp-up=0` starts them all in the same instant (spike and load together).
 *
 * - The server runs with production's settings (DATABASE_POOL_SIZE and
 *   API_READ_CONCURRENCY defaults unless --pool / --read-concurrency).
 * - The load generator uses node:http with kept-alive connections: fetch costs ~3x the
 *   CPU per request, taken from the same two cores the server needs.
 * - Warm-up before timing (not counted; --cold skips it): one login, then one round of as
 *   many simultaneous dashboards as the server has pool connections, so those are open
 *   as on a server already in use.
 * - `--in-process` serves from this process, for comparison; `--cpu-prof-dir=DIR` writes
 *   the server's CPU profile.
 *
 *   npm run bench:api -- --seconds=20 --users=20 --orders=200 --ramp-up=2 [--scrypt-n=131072] [--pool=10] [--read-concurrency=2] [--cold] [--in-process] [--cpu-prof-dir=DIR]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../config';
import { createPlatform, type Platform } from '../platform';
import { seedDemo } from '../seed/seed-demo';
import { createPasswordHasher } from '../security/password';
import { apiRoutes, createReadLane } from '../api/routes';
import { createBenchDatabase, type BenchDatabase } from './infra';
import { fmt, summarize, table } from './stats';

const arg = (name: string, fallback: number, min = Number.MIN_VALUE): number => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min) {
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
const IN_PROCESS = process.argv.includes('--in-process');
/** The server's DATABASE_POOL_SIZE; default: the production default (bot/config.ts). */
const POOL = arg('pool', 0);
const COLD = process.argv.includes('--cold');
/** Seconds over which the users arrive; 0: all at once. */
const RAMP_UP = arg('ramp-up', 2, 0);
/** The server's API_READ_CONCURRENCY; default: production's (the CPUs). */
const READ_CONCURRENCY = arg('read-concurrency', 0);
/** Writes the server process's CPU profile (.cpuprofile) to this directory. */
const PROFILE_DIR = strArg('cpu-prof-dir', '');
/** Set in the child process that serves the API (see serveChild). */
const SERVE_CHILD = process.argv.includes('--serve-child');
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

interface Reply {
  readonly ok: boolean;
  readonly status: number;
  readonly text: string;
}

/** What the server needs: the bench database, connected as the app role. */
interface ServeSpec {
  readonly appUrl: string;
  readonly adminUrl: string;
  readonly scryptN: number;
  /** 0: production's default. */
  readonly pool: number;
  /** 0: production's default. */
  readonly readConcurrency: number;
}

/** The API as bot/platform.ts mounts it, on an ephemeral port of 127.0.0.1. */
const serve = async (spec: ServeSpec): Promise<{ port: number; close: () => Promise<void> }> => {
  const config = loadConfig({
    NODE_ENV: 'development', DATABASE_URL: spec.appUrl, DATABASE_ADMIN_URL: spec.adminUrl, ...(spec.pool ? { DATABASE_POOL_SIZE: String(spec.pool) } : {}),
    ...(spec.readConcurrency ? { API_READ_CONCURRENCY: String(spec.readConcurrency) } : {}),
    LOG_LEVEL: 'silent', ENCRYPTION_KEY: randomBytes(32).toString('hex'), SEED_DEMO: 'false',
  });
  const platform = await createPlatform(config, { logger: pino({ level: 'silent' }), migrate: false });
  const hasher = spec.scryptN ? createPasswordHasher({ N: spec.scryptN }) : createPasswordHasher();
  const app = express();
  app.use(express.json());
  app.use('/api', apiRoutes({
    tdb: platform.tdb, queues: platform.queues, secrets: platform.secrets, logger: pino({ level: 'silent' }), hasher,
    readLane: createReadLane(config),
    auth: { jwtSecret: randomBytes(32).toString('hex'), cookieSecure: false, maxFailuresPerAccount: 1000, maxFailuresPerIp: 100_000 },
  }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await new Promise((r) => server.close(r));
      await platform.close().catch(() => {});
    },
  };
};

/** Child mode: serve, report the port, stop when the parent says so (or goes away). */
const serveChild = () => {
  process.once('message', (spec: ServeSpec) => {
    serve(spec).then(
      (s) => {
        const stop = () => s.close().finally(() => process.exit(0));
        process.once('message', stop);
        process.once('disconnect', stop);
        process.send!({ port: s.port });
      },
      (err: unknown) => {
        log(`servidor falhou: ${(err as Error).stack ?? String(err)}`);
        process.exit(1);
      },
    );
  });
};

/** Starts the server in a child process of this same script and waits for its port. */
const serveInChild = async (spec: ServeSpec): Promise<{ port: number; child: ChildProcess; close: () => Promise<void> }> => {
  const execArgv = PROFILE_DIR ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : process.execArgv;
  const child = fork(fileURLToPath(import.meta.url), ['--serve-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`servidor saiu antes de ouvir (código ${code})`)));
    child.send(spec);
  });
  return {
    port,
    child,
    close: async () => {
      if (child.exitCode === null && child.connected) child.send('stop');
      const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

const main = async () => {
  let db: BenchDatabase | undefined;
  let server: { port: number; child?: ChildProcess; close: () => Promise<void> } | undefined;
  const hardStop = setTimeout(() => {
    log('tempo máximo excedido; abortando');
    if (server?.child?.pid && server.child.exitCode === null) process.kill(server.child.pid, 'SIGKILL');
    process.exit(2);
  }, (SECONDS + 180) * 1000);
  hardStop.unref();
  try {
    db = await createBenchDatabase(PG, `mg_bench_api_${Date.now().toString(36)}`);
    const spec: ServeSpec = { appUrl: db.appUrl('motogestor_app'), adminUrl: db.adminUrl, scryptN: SCRYPT_N, pool: POOL, readConcurrency: READ_CONCURRENCY };
    // Seeding runs here, through its own short-lived platform; the server gets a fresh one.
    const seedConfig = loadConfig({
      NODE_ENV: 'development', DATABASE_URL: spec.appUrl, DATABASE_ADMIN_URL: spec.adminUrl, DATABASE_POOL_SIZE: '2',
      LOG_LEVEL: 'silent', ENCRYPTION_KEY: randomBytes(32).toString('hex'), SEED_DEMO: 'false',
    });
    const seeder = await createPlatform(seedConfig, { logger: pino({ level: 'silent' }), migrate: false });
    let seeded: Awaited<ReturnType<typeof seedDemo>>;
    try {
      seeded = await seedDemo(seeder.tdb, { hasher: SCRYPT_N ? createPasswordHasher({ N: SCRYPT_N }) : createPasswordHasher(), slug: 'bench-api' });
      if (!seeded) throw new Error('seed falhou');
      await seedOrders(seeder, seeded.tenantId, ORDERS);
    } finally {
      await seeder.close().catch(() => {});
    }
    const shop = seeded;
    log(`oficina semeada com ${ORDERS + 6} OS; senhas: ${SCRYPT_N ? `scrypt N=${SCRYPT_N}` : 'Argon2id (19 MiB, t=2)'}`);

    server = IN_PROCESS ? await serve(spec) : await serveInChild(spec);
    const base = `http://127.0.0.1:${server.port}/api`;
    const port = server.port;
    const poolSize = POOL || loadConfig({}).DATABASE_POOL_SIZE;
    log(`API ${IN_PROCESS ? 'neste processo' : `em processo filho (pid ${server.child?.pid})`} em ${base}`);

    // The load generator stands for browsers: node:http over kept-alive connections, a
    // fraction of fetch's CPU (which would otherwise be taken from the server's cores).
    const agent = new http.Agent({ keepAlive: true });
    const send = (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string, signal?: AbortSignal) =>
      new Promise<Reply>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: `/api${path}`, method, headers, agent, signal }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ ok: (res.statusCode ?? 0) < 300, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    const credentials = JSON.stringify({ email: shop.ownerEmail, password: shop.ownerPassword });
    const login = (signal?: AbortSignal) => send('POST', '/auth/login', { 'content-type': 'application/json' }, credentials, signal);
    const dashboard = (token: string, signal?: AbortSignal) => send('GET', '/dashboard', { authorization: `Bearer ${token}` }, undefined, signal);

    // Warm-up (not measured, skipped with --cold): one login, then one round of as many
    // dashboards at once as the server has pool connections, so those are open (as on a
    // server already in use) and not opened during the timed part.
    if (!COLD) {
      const warm = await login();
      if (!warm.ok) throw new Error(`login de aquecimento falhou: ${warm.status} ${warm.text}`);
      const warmToken = (JSON.parse(warm.text) as { accessToken: string }).accessToken;
      const warmDash = await Promise.all(Array.from({ length: Math.min(USERS, poolSize) }, () => dashboard(warmToken)));
      const bad = warmDash.find((r) => !r.ok);
      if (bad) throw new Error(`dashboard de aquecimento falhou: ${bad.status}`);
    }

    const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const hashNote = SCRYPT_N ? `scrypt N=${SCRYPT_N}` : 'Argon2id (19 MiB, t=2)';

    // 1. Spike: USERS logins at the same instant on the idle server.
    const spike = await Promise.all(
      Array.from({ length: USERS }, async () => {
        const t = performance.now();
        const r = await login();
        if (!r.ok) throw new Error(`login do pico falhou: ${r.status} ${r.text}`);
        return performance.now() - t;
      }),
    );
    await new Promise((r) => setTimeout(r, 500));

    // 2. Load: USERS users arriving over RAMP_UP seconds, no think time once in.
    const samples = { login: [] as number[], dashboard: [] as number[] };
    const first: number[] = []; // each user's first login, during the ramp-up
    const later: number[] = []; // the logins after it
    let errors = 0;
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    let cut = 0;
    const timed = async (kind: keyof typeof samples, fn: (signal: AbortSignal) => Promise<Reply>) => {
      const t = performance.now();
      // Requests still queued when the time is up are cut, so the run stays bounded.
      const r = await fn(AbortSignal.timeout(Math.max(1, deadline - Date.now() + 2_000))).catch(() => null);
      if (!r) {
        cut++;
        return null;
      }
      const body = r.text;
      if (!r.ok) {
        errors++;
        return null;
      }
      samples[kind].push(performance.now() - t);
      return body;
    };
    const user = async (i: number) => {
      const arrival = started + (RAMP_UP * 1000 * i) / USERS;
      if (arrival > Date.now()) await new Promise((r) => setTimeout(r, arrival - Date.now()));
      let isFirst = true;
      while (Date.now() < deadline) {
        const body = await timed('login', login);
        if (body) (isFirst ? first : later).push(samples.login[samples.login.length - 1]!);
        isFirst = false;
        if (!body) continue;
        const token = (JSON.parse(body) as { accessToken: string }).accessToken;
        for (let d = 0; d < DASHBOARDS_PER_LOGIN && Date.now() < deadline; d++) {
          await timed('dashboard', (signal) => dashboard(token, signal));
        }
      }
    };
    log(`${USERS} usuários virtuais chegando em ${RAMP_UP} s, por ${SECONDS} s no total (carga da máquina antes: ${load})`);
    await Promise.all(Array.from({ length: USERS }, (_, i) => user(i)));

    const rows = (['login', 'dashboard'] as const).map((k) => {
      const s = summarize(samples[k]);
      return [k, s.n, fmt(s.n / SECONDS), fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.max), s.p99 < 300 ? 'ok (< 300 ms)' : 'ACIMA da meta'];
    });
    console.log(`carga: ${USERS} usuários chegando em ${RAMP_UP} s, cada um entra e abre o painel ${DASHBOARDS_PER_LOGIN} vezes sem pausa, e de novo, por ${SECONDS} s`);
    console.log(table(['endpoint', 'reqs', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'p99 vs meta'], rows));
    const f = summarize(first);
    const l = summarize(later);
    console.log(`  primeiro login de cada usuário (${f.n}): p50 ${fmt(f.p50)} ms, max ${fmt(f.max)} ms; logins seguintes (${l.n}): p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms`);
    const sp = summarize(spike);
    console.log(`pico (antes da carga, servidor ocioso): ${USERS} logins no mesmo instante: p50 ${fmt(sp.p50)} ms, p99 ${fmt(sp.p99)} ms, max ${fmt(sp.max)} ms ${sp.p99 < 300 ? '(< 300 ms)' : '(acima de 300 ms: fila do hasher)'}`);
    console.log(`erros: ${errors}; cortadas no fim do tempo: ${cut}; CPUs: ${os.cpus().length}; API ${IN_PROCESS ? 'no mesmo processo' : 'em processo filho'}; carga antes: ${load}`);
    console.log(`nota: login usa ${hashNote} com no máximo 2 hashes simultâneos: ${USERS} logins simultâneos esperam uns pelos outros (intencional: protege a memória).`);
  } finally {
    await server?.close().catch(() => {});
    await db?.drop().catch(() => {});
  }
};

if (SERVE_CHILD) {
  serveChild();
} else {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      log(`falhou: ${(err as Error).stack ?? String(err)}`);
      process.exit(1);
    },
  );
}
