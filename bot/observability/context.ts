import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Per-request / per-job context that every log line carries. */
export interface LogContext {
  traceId: string;
  tenantId?: string;
  conversationId?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export const currentContext = (): LogContext | undefined => storage.getStore();

export const runWithContext = <T>(ctx: Partial<LogContext>, fn: () => T): T => {
  const parent = storage.getStore();
  return storage.run({ ...parent, ...ctx, traceId: ctx.traceId ?? parent?.traceId ?? randomUUID() }, fn);
};

/** Adds fields (e.g. tenantId once resolved) to the current context. */
export const annotateContext = (fields: Partial<LogContext>): void => {
  const ctx = storage.getStore();
  if (ctx) Object.assign(ctx, fields);
};
