/**
 * Reference data a create needs (a plan, a company, a template found by name) looked up once per provider
 * process, scope and key for `ttlMs`; concurrent callers share one lookup. N creates that name the same plan
 * make one lookup, not N. A failed lookup, or one that found nothing, is not kept.
 */
export class LookupCache {
  /** Every cache of this process (one per backend module that looks things up). */
  private static readonly caches = new Set<LookupCache>();
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  /** How many lookups were really made (for tests and benchmarks). */
  misses = 0;

  constructor(private readonly ttlMs = 60_000) {
    LookupCache.caches.add(this);
  }

  /** Forgets every lookup of every cache: the next create looks everything up again (for tests). */
  static clearAll(): void {
    for (const cache of LookupCache.caches) cache.clear();
  }

  get<T>(key: string, lookup: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    this.misses++;
    const entry = { expires: now + this.ttlMs, value: lookup() as Promise<unknown> };
    this.entries.set(key, entry);
    const forget = () => this.entries.get(key) === entry && this.entries.delete(key);
    entry.value.then((found) => found === undefined && forget(), forget);
    return entry.value as Promise<T>;
  }

  clear(): void {
    this.entries.clear();
  }
}
