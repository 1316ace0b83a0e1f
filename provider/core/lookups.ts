/**
 * Reference data a create needs (a plan, a company, a template found by name) looked up once per provider
 * process, scope and key for `ttlMs`; concurrent callers share one lookup. N creates that name the same plan
 * make one lookup, not N. A failed lookup, or one that found nothing, is not kept.
 */
export class LookupCache {
  private static readonly all = new Set<LookupCache>();
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>();
  /** How many lookups were really made (for tests and benchmarks). */
  misses = 0;

  constructor(private readonly ttlMs = 60_000) {
    LookupCache.all.add(this);
  }

  /** Forgets every cache of the process, as a new provider process starts (tests). */
  static clearAll(): void {
    for (const cache of LookupCache.all) cache.clear();
  }

  get<T>(key: string, lookup: () => Promise<T>): Promise<T> {
    const hit = this.fresh(key);
    if (hit) return hit as Promise<T>;
    this.misses++;
    return this.keep(key, lookup());
  }

  /**
   * Several lookups at once: the keys neither cached nor in flight are fetched together, by one call of
   * `fetch` that answers by key (N creates naming overlapping names make one batch, not N). As with `get`,
   * an undefined answer or a failure is not kept.
   */
  getMany<T>(
    keys: string[],
    fetch: (missing: string[]) => Promise<Record<string, T | undefined>>,
  ): Promise<(T | undefined)[]> {
    const missing = keys.filter((key) => !this.fresh(key));
    if (missing.length > 0) {
      this.misses++;
      const batch = fetch(missing);
      for (const key of missing)
        this.keep(
          key,
          batch.then((found) => found[key]),
        );
    }
    return Promise.all(keys.map((key) => this.fresh(key) as Promise<T | undefined>));
  }

  private fresh(key: string): Promise<unknown> | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expires > Date.now() ? hit.value : undefined;
  }

  private keep<T>(key: string, value: Promise<T>): Promise<T> {
    const entry = { expires: Date.now() + this.ttlMs, value: value as Promise<unknown> };
    this.entries.set(key, entry);
    const forget = () => this.entries.get(key) === entry && this.entries.delete(key);
    entry.value.then((found) => found === undefined && forget(), forget);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * A read of live server state (a list of registrations, say) shared by concurrent callers, each of which gets a
 * result read no earlier than its own call: a caller joins the read in flight when that read began after the
 * call, else waits for the next read, which every caller arriving meanwhile shares. N creates that each check
 * the list and read it back after their write make a handful of list calls, not 2N. Nothing is kept after a read.
 */
export class SharedReads {
  private readonly reads = new Map<string, { started: number; value: Promise<unknown> }>();
  private readonly queued = new Map<string, Promise<unknown>>();
  /** How many reads were really made (for tests and benchmarks). */
  count = 0;

  get<T>(key: string, read: () => Promise<T>, since = performance.now()): Promise<T> {
    const current = this.reads.get(key);
    if (!current) return this.start(key, read);
    if (current.started >= since) return current.value as Promise<T>;
    let next = this.queued.get(key);
    if (!next) {
      next = current.value
        .catch(() => undefined)
        .then(() => {
          this.queued.delete(key);
          return this.start(key, read);
        });
      this.queued.set(key, next);
    }
    return next as Promise<T>;
  }

  private start<T>(key: string, read: () => Promise<T>): Promise<T> {
    this.count++;
    const entry = { started: performance.now(), value: read() as Promise<unknown> };
    this.reads.set(key, entry);
    const done = () => this.reads.get(key) === entry && this.reads.delete(key);
    entry.value.then(done, done);
    return entry.value as Promise<T>;
  }
}
