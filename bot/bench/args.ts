/** Tiny flag parser for the bench: `--name value`, `--name=value`, bare `--flag` = true. */
export interface BenchArgs {
  readonly customers: number;
  readonly tenants: number;
  readonly concurrency: number;
  readonly poolSize: number;
  readonly burstWindowMs: number;
  readonly rate: number;
  readonly openSeconds: number;
  readonly openCustomers: number;
  readonly closedMaxSeconds: number;
  readonly floorJobs: number;
  readonly messageTimeoutMs: number;
  readonly drainSeconds: number;
  readonly maxSeconds: number;
  readonly cpuProf: string | null;
  readonly skipFloor: boolean;
  readonly skipSkeleton: boolean;
  readonly skipClosed: boolean;
  readonly skipOpen: boolean;
  readonly pgAdminUrl: string;
  readonly redisUrl: string;
}

const HELP = `usage: npm run bench:pipeline -- [flags]
  --customers N          closed-loop customers (default 500)
  --tenants N            tenants (shops) seeded, 1-50 (default 20: customers spread over shops, as on the platform)
  --concurrency N        WORKER_CONCURRENCY and floor worker concurrency (default 16)
  --pool N               DATABASE_POOL_SIZE (default 20)
  --burst-window-ms N    BURST_WINDOW_MS (default 0)
  --rate N               open-loop offered rate, msg/s (default 300)
  --open-seconds N       open-loop duration (default 20)
  --open-customers N     customer pool rotated in the open loop (default max(1000, rate*10))
  --closed-max-seconds N cap on the closed-loop phase (default 60)
  --floor-jobs N         no-op BullMQ jobs for the floor (default 20000)
  --message-timeout-ms N a reply slower than this counts as timed out (default 30000)
  --drain-seconds N      wait for in-flight replies after a phase (default 15)
  --max-seconds N        hard watchdog for the whole run (default 180)
  --cpu-prof [FILE]      CPU-profile the closed-loop phase (in-process inspector), print top functions
  --skip-floor | --skip-skeleton | --skip-closed | --skip-open
  --pg URL               superuser URL (default postgresql://postgres@127.0.0.1:5432/postgres)
  --redis URL            (default redis://127.0.0.1:6379)`;

export const parseArgs = (argv: string[]): BenchArgs => {
  const raw = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    if (!a.startsWith('--')) throw new Error(`argumento inesperado: ${a}\n${HELP}`);
    const eq = a.indexOf('=');
    if (eq > 0) raw.set(a.slice(2, eq), a.slice(eq + 1));
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        raw.set(a.slice(2), next);
        i++;
      } else raw.set(a.slice(2), true);
    }
  }
  const known = new Set(['customers', 'tenants', 'concurrency', 'pool', 'burst-window-ms', 'rate', 'open-seconds', 'open-customers',
    'closed-max-seconds', 'floor-jobs', 'message-timeout-ms', 'drain-seconds', 'max-seconds', 'cpu-prof', 'skip-floor', 'skip-skeleton', 'skip-closed',
    'skip-open', 'pg', 'redis']);
  for (const k of raw.keys()) if (!known.has(k)) throw new Error(`flag desconhecida: --${k}\n${HELP}`);
  const num = (k: string, def: number, min: number, max: number): number => {
    const v = raw.get(k);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${k} deve ser um número entre ${min} e ${max}`);
    return n;
  };
  const rate = num('rate', 300, 1, 20_000);
  const prof = raw.get('cpu-prof');
  return {
    customers: Math.floor(num('customers', 500, 1, 100_000)),
    tenants: Math.floor(num('tenants', 20, 1, 50)),
    concurrency: Math.floor(num('concurrency', 16, 1, 256)),
    poolSize: Math.floor(num('pool', 20, 1, 200)),
    burstWindowMs: Math.floor(num('burst-window-ms', 0, 0, 60_000)),
    rate,
    openSeconds: num('open-seconds', 20, 1, 600),
    openCustomers: Math.floor(num('open-customers', Math.max(1000, Math.ceil(rate * 10)), 1, 1_000_000)),
    closedMaxSeconds: num('closed-max-seconds', 60, 1, 3600),
    floorJobs: Math.floor(num('floor-jobs', 20_000, 1, 1_000_000)),
    messageTimeoutMs: num('message-timeout-ms', 30_000, 100, 600_000),
    drainSeconds: num('drain-seconds', 15, 0, 600),
    maxSeconds: num('max-seconds', 180, 10, 7200),
    cpuProf: prof === undefined ? null : prof === true ? `/tmp/motogestor-bench-${Date.now()}.cpuprofile` : prof,
    skipFloor: raw.get('skip-floor') === true,
    skipSkeleton: raw.get('skip-skeleton') === true,
    skipClosed: raw.get('skip-closed') === true,
    skipOpen: raw.get('skip-open') === true,
    pgAdminUrl: String(raw.get('pg') ?? process.env.BENCH_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'),
    redisUrl: String(raw.get('redis') ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'),
  };
};
