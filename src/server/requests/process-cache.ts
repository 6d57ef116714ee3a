// Short-lived per-process memory of reference data that intake reads on every request (the
// catalogue, api keys, duplicate settings). A change made elsewhere is seen within `ttlMs`;
// the hot intake path saves a database round trip per item.
const entries = new Map<string, { at: number; value: Promise<unknown> }>();

export function remembered<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { at: Date.now(), value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Forgets what this process remembers, e.g. after the catalogue changed here. */
export function forgetAll(): void {
  entries.clear();
}
