/** Raised when a model call does not answer in time; callers fall back to offline logic. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/**
 * Runs `run` with an abort signal and rejects after `ms`, aborting the request. LangChain's
 * own timeout does not cover its retry backoff, so a hard deadline keeps fallbacks prompt.
 */
export const withDeadline = async <T>(ms: number, what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const ctrl = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctrl.abort();
      reject(new DeadlineError(`${what} did not answer within ${ms}ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(ctrl.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
};
