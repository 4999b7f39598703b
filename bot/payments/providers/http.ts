/** A provider answered with an error or not at all. Never carries credentials. */
export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export type FetchLike = typeof fetch;

/** One JSON (or form) request with a timeout; non-2xx becomes a ProviderError without the body's secrets. */
export const requestJson = async <T>(
  provider: string,
  fetchImpl: FetchLike,
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<T> => {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (err) {
    throw new ProviderError(provider, null, `${provider}: sem resposta (${(err as Error).name})`);
  }
  const text = await res.text();
  if (!res.ok) throw new ProviderError(provider, res.status, `${provider}: HTTP ${res.status} ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError(provider, res.status, `${provider}: resposta não é JSON`);
  }
};

/** Integer centavos as the decimal reais some providers expect (12990 → 129.9). */
export const centsToReais = (cents: number): number => Number((cents / 100).toFixed(2));

/** Decimal reais from a provider back to integer centavos, without float drift (129.9 → 12990). */
export const reaisToCents = (reais: number): number => Math.round(reais * 100);
