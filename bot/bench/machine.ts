import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Where the CPU went during a phase: whole machine (/proc/stat) vs this Node process. */
const readProcStat = (): { busy: number; total: number } | null => {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
};

export interface CpuWindow {
  /** machine busy, % of all cores */
  readonly machinePct: number;
  /** this process, % of one core (200 = both cores of a 2-core box) */
  readonly nodePctOfCore: number;
  /** event-loop delay of this process, ms */
  readonly loopDelayP50: number;
  readonly loopDelayP99: number;
}

export const cpuWindow = () => {
  const s0 = readProcStat();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return (): CpuWindow => {
    h.disable();
    const s1 = readProcStat();
    const c1 = process.cpuUsage(c0);
    const wallMs = performance.now() - t0;
    const machinePct = s0 && s1 ? (100 * (s1.busy - s0.busy)) / Math.max(1, s1.total - s0.total) : NaN;
    return {
      machinePct,
      nodePctOfCore: (100 * (c1.user + c1.system)) / 1000 / Math.max(1, wallMs),
      loopDelayP50: h.percentile(50) / 1e6,
      loopDelayP99: h.percentile(99) / 1e6,
    };
  };
};
