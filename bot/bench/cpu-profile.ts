import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

/** In-process V8 CPU profile (same data as `node --cpu-prof`), with a self-time summary. */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly top: { name: string; selfPct: number }[];
  readonly byArea: { area: string; selfPct: number }[];
}

const areaOf = (url: string, fn: string): string => {
  if (!url) return fn === '(garbage collector)' ? 'gc' : fn === '(idle)' ? 'idle' : fn === '(program)' ? 'v8/program' : 'native';
  if (url.includes('/bot/db/generated/')) return 'prisma (generated client)';
  if (url.includes('@prisma/')) return 'prisma runtime/adapter';
  if (url.includes('/node_modules/pg') || url.includes('/pg-protocol/') || url.includes('/pg-types/')) return 'pg driver';
  if (url.includes('/bullmq/') ) return 'bullmq';
  if (url.includes('/ioredis/') || url.includes('redis-parser')) return 'ioredis';
  if (url.includes('/zod/')) return 'zod';
  if (url.includes('/core/nlu/')) return 'nlu (core/nlu)';
  if (url.includes('/flows/')) return 'flows';
  if (url.includes('/bot/bench/')) return 'bench harness';
  if (url.includes('/bot/')) return 'bot (app code)';
  if (url.includes('/core/')) return 'core (other)';
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('node_modules')) return 'other deps';
  return 'other';
};

export const startCpuProfile = async () => {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async (file: string): Promise<ProfileSummary> => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfUs = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i] ?? 0));
    let total = 0;
    const byFn = new Map<string, number>();
    const byArea = new Map<string, number>();
    for (const [id, us] of selfUs) {
      const n = byId.get(id)!;
      const { functionName, url, lineNumber } = n.callFrame;
      total += us;
      const short = url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '~/').replace(/.*\/work\/main\//, '');
      const key = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
      byFn.set(key, (byFn.get(key) ?? 0) + us);
      const area = areaOf(url, functionName);
      byArea.set(area, (byArea.get(area) ?? 0) + us);
    }
    const pct = (us: number) => Math.round((1000 * us) / Math.max(1, total)) / 10;
    return {
      file,
      totalMs: total / 1000,
      top: [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([name, us]) => ({ name, selfPct: pct(us) })),
      byArea: [...byArea].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, selfPct: pct(us) })),
    };
  };
};
