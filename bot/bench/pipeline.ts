/**
 * End-to-end pipeline benchmark: real PostgreSQL + Redis/BullMQ, the real platform
 * (ingest → turn → reply committed as 'queued' → send job), no HTTP.
 *
 *   npm run bench:pipeline -- [--customers 500] [--rate 300] [--cpu-prof] ...   (--help)
 *
 * Phases: (0) setup: throwaway database motogestor_bench_<ts>, migrated, --tenants (default 20) seeded
 * tenants; (1) floors: no-op BullMQ throughput and the durable skeleton (skeleton.ts); (2) closed loop: N customers each holding
 * a 6-message conversation, waiting for each reply; (3) open loop: messages arriving at
 * a fixed rate; then NLU micro-cost, a summary table and one JSON line (last line).
 * Everything it creates (database, Redis keys) is removed at the end, on error and on
 * SIGINT/SIGTERM. A watchdog (--max-seconds, default 180) bounds the whole run.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pino from 'pino';
import { loadConfig } from '../config';
import { createPlatform, type Platform } from '../platform';
import { seedDemo } from '../seed/seed-demo';
import { createPasswordHasher } from '../security/password';
import { understand } from '../../core/nlu/understand';
import { parseArgs } from './args';
import { createBenchDatabase, deleteRedisPrefix, type BenchDatabase } from './infra';
import { measureFloor, type FloorResult } from './floor';
import { measureSkeleton, type SkeletonResult } from './skeleton';
import { PipelineProbe, type KindStats, type Outcome } from './probe';
import { summarize, fmt, round, table, type Summary } from './stats';
import { cpuWindow, type CpuWindow } from './machine';
import { startCpuProfile, type ProfileSummary } from './cpu-profile';

const SCRIPT = ['oi', 'quanto fica a troca de oleo da minha titan 2019?', 'uns 30 mil km', 'Joao', 'pode fazer', 'obrigado'] as const;

const args = parseArgs(process.argv.slice(2));
const runStamp = `${Date.now()}`;
const dbName = `motogestor_bench_${runStamp}`;
const queuePrefix = `mgbench_${runStamp}`;
const floorPrefix = `mgbenchfloor_${runStamp}`;
const log = (m: string) => console.error(`[bench ${((performance.now() - T0) / 1000).toFixed(1)}s] ${m}`);
const T0 = performance.now();

let benchDb: BenchDatabase | null = null;
let platform: Platform | null = null;
let probe: PipelineProbe | null = null;
let stopping = false;
let cleaned: Promise<void> | null = null;

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => (log(`${what}: tempo esgotado (${ms} ms), seguindo`), r(undefined)), ms).unref())]);

const cleanup = (): Promise<void> =>
  (cleaned ??= (async () => {
    stopping = true;
    probe?.abortAll();
    probe?.uninstrumentPg();
    if (platform) await withTimeout(platform.close().catch((e) => log(`close: ${(e as Error).message}`)), 15_000, 'platform.close');
    if (benchDb) {
      await benchDb.drop().then(() => log(`banco ${dbName} removido`), (e) => log(`DROP DATABASE falhou: ${(e as Error).message}`));
    }
    for (const prefix of [queuePrefix, floorPrefix]) {
      await deleteRedisPrefix(args.redisUrl, prefix).then(
        (n) => n && log(`redis: ${n} chaves ${prefix}:* removidas`),
        (e) => log(`limpeza do redis falhou: ${(e as Error).message}`),
      );
    }
  })());

const abort = (code: number, why: string) => {
  if (stopping && cleaned) return;
  log(`${why}: limpando e saindo`);
  void cleanup().finally(() => process.exit(code));
  setTimeout(() => process.exit(code), 25_000).unref();
};
process.once('SIGINT', () => abort(130, 'SIGINT'));
process.once('SIGTERM', () => abort(143, 'SIGTERM'));
const watchdog = setTimeout(() => abort(124, `watchdog de ${args.maxSeconds}s`), args.maxSeconds * 1000);
watchdog.unref();

interface Account {
  readonly tenantId: string;
  readonly channelAccountId: string;
}
interface Customer {
  readonly session: string;
  readonly account: Account;
  step: number;
}

let seq = 0;
const inbound = (c: Customer, text: string) => ({
  channelAccountId: c.account.channelAccountId,
  externalMessageId: `bench-${runStamp}-${++seq}`,
  from: { kind: 'webchat', address: c.session },
  text,
  receivedAt: new Date().toISOString(),
});

interface PhaseResult {
  readonly messages: number;
  readonly replies: number;
  readonly noReply: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly seconds: number;
  readonly throughput: number;
  readonly latency: Summary;
  readonly breakdown: { ingest: Summary; pickup: Summary; turn: Summary };
  readonly perKind: Record<string, KindStats>;
  readonly cpu: CpuWindow;
  readonly sqlTop: Record<string, { sql: string; perUnit: number; msPerUnit: number; msPerCall: number }[]>;
  readonly loadAvg: number;
}

class Recorder {
  latencies: number[] = [];
  replies = 0;
  noReply = 0;
  timeouts = 0;
  errors = 0;
  add(o: Outcome) {
    if (o.kind === 'reply') {
      this.replies++;
      this.latencies.push(o.latencyMs);
    } else if (o.kind === 'no_reply') {
      this.noReply++;
      this.latencies.push(o.latencyMs);
    } else if (o.kind === 'timeout') this.timeouts++;
    else this.errors++;
  }
  get done() {
    return this.replies + this.noReply;
  }
}

const finishPhase = (rec: Recorder, messages: number, seconds: number, throughput: number, cpu: CpuWindow): PhaseResult => ({
  messages,
  replies: rec.replies,
  noReply: rec.noReply,
  timeouts: rec.timeouts,
  errors: rec.errors,
  seconds,
  throughput,
  latency: summarize(rec.latencies),
  breakdown: { ingest: summarize(probe!.breakdown.ingest), pickup: summarize(probe!.breakdown.pickup), turn: summarize(probe!.breakdown.turn) },
  perKind: structuredClone(probe!.stats),
  cpu,
  sqlTop: Object.fromEntries(
    (['ingest', 'turn', 'send', 'effect'] as const).map((k) => [
      k,
      [...probe!.sql[k]]
        .map(([sql, n]) => ({ sql, n, ms: probe!.sqlMs[k].get(sql) ?? 0 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 40)
        .map(({ sql, n, ms }) => ({
          sql,
          perUnit: round(n / Math.max(1, probe!.stats[k].units), 2),
          msPerUnit: round(ms / Math.max(1, probe!.stats[k].units), 2),
          msPerCall: round(ms / Math.max(1, n), 2),
        })),
    ]),
  ),
  loadAvg: os.loadavg()[0]!,
});

const closedLoop = async (p: Platform, accounts: Account[]): Promise<{ result: PhaseResult; profile: ProfileSummary | null }> => {
  const customers: Customer[] = Array.from({ length: args.customers }, (_, i) => ({
    session: `bench-c-${runStamp}-${i}`,
    account: accounts[i % accounts.length]!,
    step: 0,
  }));
  const rec = new Recorder();
  probe!.resetStats();
  const stopProfile = args.cpuProf ? await startCpuProfile() : null;
  const cpu = cpuWindow();
  const t0 = performance.now();
  const deadline = t0 + args.closedMaxSeconds * 1000;
  let sent = 0;
  let lastDone = t0;
  const progress = setInterval(() => log(`closed loop: ${rec.done}/${args.customers * SCRIPT.length} respostas, ${probe!.inFlight} em voo`), 5000);
  const all = Promise.all(
    customers.map(async (c) => {
      for (const text of SCRIPT) {
        if (stopping || performance.now() > deadline) return;
        sent++;
        c.step++;
        const o = await probe!.send(p.ingest, inbound(c, text));
        rec.add(o);
        if (o.kind === 'reply' || o.kind === 'no_reply') lastDone = performance.now();
      }
    }),
  );
  // Bounded: past the deadline, give in-flight messages the drain time, then give up on them.
  let drainTimer: NodeJS.Timeout | undefined;
  const drained = new Promise<void>((r) => {
    const check = setInterval(() => {
      if (performance.now() > deadline) {
        clearInterval(check);
        drainTimer = setTimeout(r, args.drainSeconds * 1000);
      }
    }, 200);
    void all.finally(() => clearInterval(check));
  });
  await Promise.race([all, drained]);
  clearTimeout(drainTimer);
  probe!.abortAll();
  await all;
  clearInterval(progress);
  const seconds = (lastDone - t0) / 1000;
  const cpuW = cpu();
  const profile = stopProfile ? await stopProfile(args.cpuProf!) : null;
  return { result: finishPhase(rec, sent, seconds, rec.done / Math.max(seconds, 1e-3), cpuW), profile };
};

const openLoop = async (p: Platform, accounts: Account[]): Promise<PhaseResult & { offered: number; offeredRate: number; skippedNoFreeCustomer: number; completedInWindow: number }> => {
  // Fresh customers; customer i starts at script step i % 6 so the message mix matches a whole conversation.
  const free: Customer[] = Array.from({ length: args.openCustomers }, (_, i) => ({
    session: `bench-o-${runStamp}-${i}`,
    account: accounts[i % accounts.length]!,
    step: i % SCRIPT.length,
  }));
  const rec = new Recorder();
  probe!.resetStats();
  const cpu = cpuWindow();
  const t0 = performance.now();
  const windowEnd = t0 + args.openSeconds * 1000;
  let issued = 0;
  let skipped = 0;
  let completedInWindow = 0;
  const pending = new Set<Promise<void>>();
  const launch = (c: Customer) => {
    const text = SCRIPT[c.step++ % SCRIPT.length]!;
    const run = probe!.send(p.ingest, inbound(c, text)).then((o) => {
      rec.add(o);
      if ((o.kind === 'reply' || o.kind === 'no_reply') && performance.now() <= windowEnd) completedInWindow++;
      free.push(c);
      pending.delete(run);
    });
    pending.add(run);
  };
  const progress = setInterval(() => log(`open loop: ${issued} ofertadas, ${rec.done} respondidas, ${probe!.inFlight} em voo`), 5000);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      const due = Math.floor(((Math.min(now, windowEnd) - t0) / 1000) * args.rate);
      while (issued < due && !stopping) {
        issued++;
        const c = free.shift();
        if (c) launch(c);
        else skipped++;
      }
      if (now >= windowEnd || stopping) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  const offeredSeconds = (performance.now() - t0) / 1000;
  let drainTimer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(pending), new Promise((r) => (drainTimer = setTimeout(r, args.drainSeconds * 1000)))]);
  clearTimeout(drainTimer);
  probe!.abortAll();
  await Promise.all(pending);
  clearInterval(progress);
  const r = finishPhase(rec, issued - skipped, offeredSeconds, completedInWindow / args.openSeconds, cpu());
  return { ...r, offered: issued, offeredRate: issued / offeredSeconds, skippedNoFreeCustomer: skipped, completedInWindow };
};

const nluCost = () => {
  const iterations = 300;
  for (const t of SCRIPT) understand(t); // warm
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) for (const t of SCRIPT) understand(t);
  const perCallMs = (performance.now() - t0) / (iterations * SCRIPT.length);
  const per = Object.fromEntries(
    SCRIPT.map((t) => {
      const s = performance.now();
      for (let i = 0; i < 100; i++) understand(t);
      return [t, round((performance.now() - s) / 100, 3)];
    }),
  );
  return { perCallMs, per };
};

const main = async () => {
  log(`banco ${dbName}, prefixo ${queuePrefix}, concorrência ${args.concurrency}, pool ${args.poolSize}, BURST_WINDOW_MS=${args.burstWindowMs}`);
  benchDb = await createBenchDatabase(args.pgAdminUrl, dbName);
  log('banco criado e migrado');

  let floor: FloorResult | null = null;
  if (!args.skipFloor && !stopping) {
    floor = await measureFloor({ redisUrl: args.redisUrl, prefix: floorPrefix, jobs: args.floorJobs, concurrency: args.concurrency, timeoutMs: 30_000 });
    log(`floor: ${floor.completed} jobs no-op em ${floor.seconds.toFixed(2)} s → ${floor.jobsPerSecond.toFixed(0)} jobs/s`);
    await deleteRedisPrefix(args.redisUrl, floorPrefix);
  }

  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: benchDb.appUrl('motogestor_app'),
    DATABASE_ADMIN_URL: benchDb.adminUrl,
    DATABASE_POOL_SIZE: String(args.poolSize),
    REDIS_URL: args.redisUrl,
    QUEUE_PREFIX: queuePrefix,
    BURST_WINDOW_MS: String(args.burstWindowMs),
    WORKER_CONCURRENCY: String(args.concurrency),
    LOG_LEVEL: 'silent',
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SEED_DEMO: 'false',
  });
  probe = new PipelineProbe(args.messageTimeoutMs);
  platform = await createPlatform(config, { logger: pino({ level: 'silent' }), migrate: false });
  probe.instrumentQueues(platform.queues);
  probe.instrumentPg();

  const hasher = createPasswordHasher({ N: 1024 });
  const accounts: Account[] = [];
  for (let i = 0; i < args.tenants; i++) {
    const slug = `bench-${runStamp}-${i}`;
    const seeded = await seedDemo(platform.tdb, { hasher, slug, ownerEmail: `dono-${i}@bench-${runStamp}.local` });
    if (!seeded) throw new Error(`seedDemo não criou ${slug}`);
    const acc = await platform.tdb.lookup.channelAccount('webchat', slug);
    if (!acc) throw new Error(`canal webchat de ${slug} não encontrado`);
    accounts.push({ tenantId: seeded.tenantId, channelAccountId: acc.channelAccountId });
  }
  log(`${accounts.length} oficina(s) semeada(s)`);
  await platform.startWorkers();

  // Warm-up: a few full conversations so JIT, Prisma and pools are hot before measuring.
  {
    const warm: Customer[] = Array.from({ length: 10 }, (_, i) => ({ session: `bench-w-${runStamp}-${i}`, account: accounts[i % accounts.length]!, step: 0 }));
    await Promise.all(warm.map(async (c) => { for (const t of SCRIPT) if (!stopping) await probe!.send(platform!.ingest, inbound(c, t)); }));
    log('aquecimento feito');
  }

  // The architecture floor: the same durable steps with no application logic (see skeleton.ts).
  let skeleton: SkeletonResult | null = null;
  if (!args.skipSkeleton && !stopping) {
    log(`esqueleto: ${args.customers} clientes × ${SCRIPT.length} mensagens, só os passos duráveis (sem NLU, fluxo ou ORM)`);
    skeleton = await measureSkeleton({
      tdb: platform.tdb, redisUrl: args.redisUrl, prefix: `${queuePrefix}_sk`, accounts, customers: args.customers,
      messagesPerCustomer: SCRIPT.length, concurrency: args.concurrency, timeoutMs: args.messageTimeoutMs,
    });
    log(`esqueleto: ${skeleton.messages} mensagens em ${skeleton.seconds.toFixed(1)} s → ${skeleton.msgsPerSecond.toFixed(0)} msg/s`);
  }

  let closed: PhaseResult | null = null;
  let profile: ProfileSummary | null = null;
  if (!args.skipClosed && !stopping) {
    log(`closed loop: ${args.customers} clientes × ${SCRIPT.length} mensagens (máx ${args.closedMaxSeconds}s)`);
    const r = await closedLoop(platform, accounts);
    closed = r.result;
    profile = r.profile;
    log(`closed loop: ${closed.replies + closed.noReply} respostas em ${closed.seconds.toFixed(1)} s → ${closed.throughput.toFixed(0)} msg/s`);
  }
  let open: Awaited<ReturnType<typeof openLoop>> | null = null;
  if (!args.skipOpen && !stopping) {
    log(`open loop: ${args.rate} msg/s por ${args.openSeconds}s, ${args.openCustomers} clientes em rodízio`);
    open = await openLoop(platform, accounts);
    log(`open loop: ${open.completedInWindow} respondidas na janela → ${open.throughput.toFixed(0)} msg/s`);
  }
  const nlu = nluCost();

  // ---- report ----
  const lat = (s: Summary) => [fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.max)];
  const out: string[] = [];
  out.push('', '=== MotoGestor pipeline bench ===');
  out.push(`machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}; workers concurrency ${args.concurrency}, db pool ${args.poolSize}, BURST_WINDOW_MS ${args.burstWindowMs}, tenants ${args.tenants}`);
  out.push('');
  const rows: (string | number)[][] = [];
  if (floor) rows.push(['floor: no-op BullMQ jobs', floor.completed, `${fmt(floor.jobsPerSecond, 0)} jobs/s`, '-', '-', '-', '-', floor.timedOut ? 'TIMED OUT' : '']);
  if (skeleton)
    rows.push([`floor: durable skeleton (${args.customers} customers)`, skeleton.messages, `${fmt(skeleton.msgsPerSecond, 0)} msg/s`, ...lat(skeleton.latency), 'same steps, no app logic: the ceiling']);
  if (closed)
    rows.push([
      `closed loop (${args.customers} customers)`, closed.replies + closed.noReply, `${fmt(closed.throughput, 0)} msg/s`, ...lat(closed.latency),
      `${closed.throughput >= 800 ? 'OK' : 'MISS'} target ≥800 msg/s; timeouts ${closed.timeouts}, errors ${closed.errors}, no-reply ${closed.noReply}`,
    ]);
  if (open)
    rows.push([
      `open loop @ ${args.rate} msg/s offered`, open.replies + open.noReply, `${fmt(open.throughput, 0)} msg/s`, ...lat(open.latency),
      `${args.rate < 300 ? '(rate < 300: target n/a) ' : ''}${open.latency.p99 < 200 && open.timeouts === 0 && open.skippedNoFreeCustomer === 0 ? 'OK' : 'MISS'} target p99<200ms; offered ${fmt(open.offeredRate, 0)}/s, timeouts ${open.timeouts}, skipped ${open.skippedNoFreeCustomer}`,
    ]);
  out.push(table(['phase', 'msgs', 'throughput', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'verdict'], rows));
  const breakdownRows = (name: string, r: PhaseResult) => [
    [`${name}: ingest call`, ...lat(r.breakdown.ingest)],
    [`${name}: queue pickup (ingest→turn start)`, ...lat(r.breakdown.pickup)],
    [`${name}: turn (start→send enqueued)`, ...lat(r.breakdown.turn)],
  ];
  const phases = [closed && (['closed', closed] as const), open && (['open', open] as const)].filter(Boolean) as [string, PhaseResult][];
  if (phases.length) {
    out.push('', 'latency breakdown (ms):');
    out.push(table(['segment', 'p50', 'p90', 'p99', 'max'], phases.flatMap(([n, r]) => breakdownRows(n, r))));
    out.push('', 'work per unit (SQL statements and time are client-side, per ingest call / job run):');
    out.push(
      table(
        ['phase/kind', 'units', 'ms/unit', 'SQL/unit', 'SQL ms/unit', 'pool-wait ms/unit'],
        phases.flatMap(([n, r]) =>
          (['ingest', 'turn', 'send', 'effect', 'other'] as const)
            .filter((k) => r.perKind[k]!.units > 0 || r.perKind[k]!.queries > 0)
            .map((k) => {
              const s = r.perKind[k]!;
              const u = Math.max(1, s.units);
              return [`${n}/${k}`, s.units, fmt(s.unitMs / u, 2), fmt(s.queries / u, 1), fmt(s.queryMs / u, 2), fmt(s.connectWaitMs / u, 2)];
            }),
        ),
      ),
    );
    out.push('', 'CPU during phase:');
    out.push(table(['phase', 'machine busy %', 'node process % of 1 core', 'event-loop delay p50/p99 ms', 'loadavg(1m) at end'],
      phases.map(([n, r]) => [n, fmt(r.cpu.machinePct, 0), fmt(r.cpu.nodePctOfCore, 0), `${fmt(r.cpu.loopDelayP50)}/${fmt(r.cpu.loopDelayP99)}`, fmt(r.loadAvg, 2)])));
    const first = phases[0]![1];
    out.push('', `SQL statements by client-side time (${phases[0]![0]} phase; calls/unit, ms/unit, ms/call; text truncated):`);
    for (const k of ['ingest', 'turn', 'send'] as const) {
      out.push(`  [${k}]`);
      for (const q of first.sqlTop[k]!.slice(0, 25))
        out.push(`    ${q.perUnit.toFixed(2).padStart(5)} ${fmt(q.msPerUnit, 1).padStart(7)} ${fmt(q.msPerCall, 1).padStart(7)}  ${q.sql.slice(0, 110)}`);
    }
  }
  out.push('', `NLU (offline understand): ${fmt(nlu.perCallMs, 3)} ms/call avg; ${Object.entries(nlu.per).map(([t, ms]) => `"${t.slice(0, 20)}" ${ms}`).join(', ')}`);
  if (profile) {
    out.push('', `CPU profile of the closed loop (Node process only): ${profile.file}`);
    out.push(table(['area', 'self %'], profile.byArea.slice(0, 14).map((a) => [a.area, fmt(a.selfPct)])));
    out.push('');
    out.push(table(['top functions (self time)', 'self %'], profile.top.slice(0, 15).map((f) => [f.name.slice(0, 110), fmt(f.selfPct)])));
  }
  console.log(out.join('\n'));

  const json = {
    bench: 'motogestor-pipeline',
    at: new Date().toISOString(),
    config: { customers: args.customers, tenants: args.tenants, concurrency: args.concurrency, poolSize: args.poolSize, burstWindowMs: args.burstWindowMs, rate: args.rate, openSeconds: args.openSeconds },
    floor: floor && { jobs: floor.completed, seconds: round(floor.seconds, 3), jobsPerSecond: round(floor.jobsPerSecond, 0), timedOut: floor.timedOut },
    skeleton: skeleton && { messages: skeleton.messages, msgsPerSecond: round(skeleton.msgsPerSecond, 1), latencyMs: { p50: round(skeleton.latency.p50), p99: round(skeleton.latency.p99) } },
    closedLoop: closed && {
      messages: closed.messages, replies: closed.replies, noReply: closed.noReply, timeouts: closed.timeouts, errors: closed.errors,
      seconds: round(closed.seconds, 2), msgsPerSecond: round(closed.throughput, 1),
      latencyMs: { p50: round(closed.latency.p50), p90: round(closed.latency.p90), p99: round(closed.latency.p99), max: round(closed.latency.max) },
    },
    openLoop: open && {
      offeredRate: round(open.offeredRate, 1), offered: open.offered, skippedNoFreeCustomer: open.skippedNoFreeCustomer, replies: open.replies,
      noReply: open.noReply, timeouts: open.timeouts, errors: open.errors, achievedMsgsPerSecond: round(open.throughput, 1),
      latencyMs: { p50: round(open.latency.p50), p90: round(open.latency.p90), p99: round(open.latency.p99), max: round(open.latency.max) },
    },
    nluMsPerCall: round(nlu.perCallMs, 3),
    targets: {
      sustained800: closed ? closed.throughput >= 800 : null,
      p99Under200At300: open && args.rate >= 300 ? open.latency.p99 < 200 && open.timeouts === 0 && open.skippedNoFreeCustomer === 0 : null,
    },
  };
  return json;
};

let exitCode = 0;
let result: unknown = null;
try {
  result = await main();
} catch (err) {
  exitCode = 1;
  log(`falhou: ${(err as Error).stack ?? err}`);
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
if (result) console.log(JSON.stringify(result));
process.exit(exitCode);
