import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { JobHandler, QueueSystem } from '../queue/types';

/**
 * Observes the pipeline from outside, without touching its code:
 * - every inbound message is tracked from the ingest call to the first 'send' job the
 *   turn adds (the reply row is committed with status 'queued' before that add);
 * - the queue system's `process` is wrapped so each turn runs inside an
 *   AsyncLocalStorage scope naming its inbound message: the wrapped `add` then knows
 *   which message a send belongs to, and a turn that finishes without a reply resolves
 *   its waiter too (counted as "no reply");
 * - pg's Client.query and Pool.connect are wrapped to count statements and time them
 *   per kind of work (ingest / turn / send / effect).
 */
type Kind = 'ingest' | 'turn' | 'send' | 'effect' | 'other';
interface Scope {
  readonly kind: Kind;
  readonly messageId?: string;
  sent?: boolean;
}

export interface Outcome {
  readonly kind: 'reply' | 'no_reply' | 'timeout' | 'error';
  /** ingest start → first send add, ms */
  readonly latencyMs: number;
}

interface Track {
  startedAt: number; // performance.now() at ingest start
  ingestDoneAt?: number;
  turnStartAt?: number;
  replyAt?: number;
  resolve?: (o: Outcome) => void;
  timer?: NodeJS.Timeout;
  done?: boolean;
}

interface Early {
  turnStartAt?: number;
  replyAt?: number;
  noReplyAt?: number;
}

export interface KindStats {
  queries: number;
  queryMs: number;
  connects: number;
  connectWaitMs: number;
  units: number; // handler runs / ingest calls
  unitMs: number;
}

const emptyStats = (): KindStats => ({ queries: 0, queryMs: 0, connects: 0, connectWaitMs: 0, units: 0, unitMs: 0 });

export class PipelineProbe {
  private readonly als = new AsyncLocalStorage<Scope>();
  private readonly tracks = new Map<string, Track>();
  private readonly early = new Map<string, Early>();
  readonly stats: Record<Kind, KindStats> = {
    ingest: emptyStats(), turn: emptyStats(), send: emptyStats(), effect: emptyStats(), other: emptyStats(),
  };
  /** samples per phase: ingest duration, queue pickup (ingest done → turn start), turn (turn start → reply) */
  breakdown = { ingest: [] as number[], pickup: [] as number[], turn: [] as number[] };
  turnErrors = 0;
  /** statement text (normalised) → count, per kind of work */
  sql: Record<Kind, Map<string, number>> = { ingest: new Map(), turn: new Map(), send: new Map(), effect: new Map(), other: new Map() };
  /** statement text → cumulative client-side ms, per kind of work */
  sqlMs: Record<Kind, Map<string, number>> = { ingest: new Map(), turn: new Map(), send: new Map(), effect: new Map(), other: new Map() };
  private restorePg: (() => void) | null = null;

  constructor(private readonly timeoutMs: number) {}

  resetStats(): void {
    for (const k of Object.keys(this.stats) as Kind[]) this.stats[k] = emptyStats();
    this.breakdown = { ingest: [], pickup: [], turn: [] };
    this.turnErrors = 0;
    for (const k of Object.keys(this.sql) as Kind[]) {
      this.sql[k] = new Map();
      this.sqlMs[k] = new Map();
    }
  }

  /** Must run before platform.startWorkers(). */
  instrumentQueues(queues: QueueSystem): void {
    const origAdd = queues.add.bind(queues);
    const origProcess = queues.process.bind(queues);
    const self = this;
    const q = queues as { add: QueueSystem['add']; process: QueueSystem['process'] };
    q.add = function add<T>(queue: string, data: T, opts: Parameters<QueueSystem['add']>[2]) {
      if (queue === 'send') {
        const scope = self.als.getStore();
        if (scope?.kind === 'turn' && scope.messageId && !scope.sent) {
          scope.sent = true;
          self.onReply(scope.messageId, performance.now());
        }
      }
      return origAdd(queue, data, opts);
    };
    q.process = function process<T>(queue: string, handler: JobHandler<T>, opts: Parameters<QueueSystem['process']>[2]) {
      const kind: Kind = queue === 'turn' || queue === 'send' || queue === 'effect' ? queue : 'other';
      const wrapped: JobHandler<T> = (data, job) => {
        const messageId = kind === 'turn' ? (data as { messageId?: string }).messageId : undefined;
        const scope: Scope = { kind, messageId };
        const t0 = performance.now();
        if (messageId) self.onTurnStart(messageId, t0);
        return self.als.run(scope, async () => {
          try {
            await handler(data, job);
          } catch (err) {
            if (kind === 'turn') self.turnErrors++;
            throw err;
          } finally {
            const st = self.stats[kind];
            st.units++;
            st.unitMs += performance.now() - t0;
          }
          if (messageId && !scope.sent) self.onNoReply(messageId, performance.now());
        });
      };
      origProcess(queue, wrapped, opts);
    };
  }

  /** Counts and times SQL statements and pool checkouts by the kind of work running them. */
  instrumentPg(): void {
    const self = this;
    const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const poolProto = pg.Pool.prototype as unknown as { connect: (...a: unknown[]) => unknown };
    const origQuery = clientProto.query;
    const origConnect = poolProto.connect;
    clientProto.query = function query(this: unknown, ...args: unknown[]) {
      const kind = self.als.getStore()?.kind ?? 'other';
      const st = self.stats[kind];
      st.queries++;
      const a0 = args[0] as string | { text?: string } | undefined;
      const text = typeof a0 === 'string' ? a0 : a0?.text;
      let key: string | undefined;
      if (text) {
        key = text.replace(/\s+/g, ' ').replace(/"public"\./g, '').slice(0, 140);
        const m = self.sql[kind];
        if (m.size < 500 || m.has(key)) m.set(key, (m.get(key) ?? 0) + 1);
      }
      const t0 = performance.now();
      const r = origQuery.apply(this, args) as unknown;
      if (r && typeof (r as Promise<unknown>).then === 'function') {
        const done = () => {
          const ms = performance.now() - t0;
          st.queryMs += ms;
          const m = self.sqlMs[kind];
          if (key && (m.size < 500 || m.has(key))) m.set(key, (m.get(key) ?? 0) + ms);
        };
        (r as Promise<unknown>).then(done, done);
      }
      return r;
    };
    poolProto.connect = function connect(this: unknown, ...args: unknown[]) {
      const st = self.stats[self.als.getStore()?.kind ?? 'other'];
      st.connects++;
      const t0 = performance.now();
      const r = origConnect.apply(this, args) as unknown;
      if (r && typeof (r as Promise<unknown>).then === 'function') {
        (r as Promise<unknown>).then(
          () => (st.connectWaitMs += performance.now() - t0),
          () => (st.connectWaitMs += performance.now() - t0),
        );
      }
      return r;
    };
    this.restorePg = () => {
      clientProto.query = origQuery;
      poolProto.connect = origConnect;
    };
  }

  uninstrumentPg(): void {
    this.restorePg?.();
    this.restorePg = null;
  }

  /** Ingests one message and resolves when its reply is enqueued (or the turn ended without one, or timeout). */
  async send(ingest: (msg: unknown) => Promise<{ status: string; messageId?: string }>, msg: unknown): Promise<Outcome> {
    const startedAt = performance.now();
    let result: { status: string; messageId?: string };
    try {
      result = await this.als.run({ kind: 'ingest' }, () => ingest(msg));
    } catch {
      return { kind: 'error', latencyMs: performance.now() - startedAt };
    } finally {
      const st = this.stats.ingest;
      st.units++;
      st.unitMs += performance.now() - startedAt;
    }
    const ingestDoneAt = performance.now();
    this.breakdown.ingest.push(ingestDoneAt - startedAt);
    if (result.status !== 'accepted' || !result.messageId) return { kind: 'error', latencyMs: ingestDoneAt - startedAt };
    const id = result.messageId;
    const track: Track = { startedAt, ingestDoneAt };
    const outcome = new Promise<Outcome>((resolve) => (track.resolve = resolve));
    this.tracks.set(id, track);
    const early = this.early.get(id);
    if (early) {
      this.early.delete(id);
      if (early.turnStartAt !== undefined) track.turnStartAt = early.turnStartAt;
      if (early.replyAt !== undefined) this.onReply(id, early.replyAt);
      else if (early.noReplyAt !== undefined) this.onNoReply(id, early.noReplyAt);
    }
    if (!track.done) {
      track.timer = setTimeout(() => this.finish(id, { kind: 'timeout', latencyMs: performance.now() - startedAt }), this.timeoutMs);
    }
    return outcome;
  }

  private onTurnStart(messageId: string, at: number): void {
    const t = this.tracks.get(messageId);
    if (t) {
      if (t.turnStartAt === undefined) t.turnStartAt = at;
    } else this.earlyOf(messageId).turnStartAt ??= at;
  }

  private onReply(messageId: string, at: number): void {
    const t = this.tracks.get(messageId);
    if (!t) {
      this.earlyOf(messageId).replyAt ??= at;
      return;
    }
    if (t.turnStartAt !== undefined && t.ingestDoneAt !== undefined) {
      this.breakdown.pickup.push(t.turnStartAt - t.ingestDoneAt);
      this.breakdown.turn.push(at - t.turnStartAt);
    }
    this.finish(messageId, { kind: 'reply', latencyMs: at - t.startedAt });
  }

  private onNoReply(messageId: string, at: number): void {
    const t = this.tracks.get(messageId);
    if (!t) {
      this.earlyOf(messageId).noReplyAt ??= at;
      return;
    }
    this.finish(messageId, { kind: 'no_reply', latencyMs: at - t.startedAt });
  }

  private earlyOf(messageId: string): Early {
    let e = this.early.get(messageId);
    if (!e) {
      e = {};
      this.early.set(messageId, e);
      if (this.early.size > 100_000) this.early.delete(this.early.keys().next().value!);
    }
    return e;
  }

  private finish(messageId: string, o: Outcome): void {
    const t = this.tracks.get(messageId);
    if (!t || t.done) return;
    t.done = true;
    clearTimeout(t.timer);
    this.tracks.delete(messageId);
    t.resolve?.(o);
  }

  /** Resolves every waiter still pending as timed out (abort / end of run). */
  abortAll(): void {
    for (const [id, t] of [...this.tracks]) this.finish(id, { kind: 'timeout', latencyMs: performance.now() - t.startedAt });
  }

  get inFlight(): number {
    return this.tracks.size;
  }
}
