/** A tiny time-bounded memo for hot lookups that change rarely (channel accounts, tenant settings). */
export const ttlCache = <K, V>(ttlMs: number, max = 10_000) => {
  const entries = new Map<K, { value: Promise<V>; until: number }>();
  return {
    get(key: K, load: () => Promise<V>): Promise<V> {
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.value;
      if (entries.size >= max) entries.clear();
      const value = load();
      entries.set(key, { value, until: now + ttlMs });
      value.catch(() => entries.delete(key));
      return value;
    },
    delete: (key: K) => void entries.delete(key),
  };
};
