import { LookupCache, SharedReads } from "../../../provider/core/lookups";

describe("LookupCache", () => {
  test("concurrent and later callers share one lookup per key", async () => {
    const cache = new LookupCache();
    let calls = 0;
    const lookup = async () => ({ planId: ++calls });
    const found = await Promise.all([cache.get("a", lookup), cache.get("a", lookup)]);
    expect(found).toEqual([{ planId: 1 }, { planId: 1 }]);
    expect(await cache.get("a", lookup)).toEqual({ planId: 1 });
    expect(await cache.get("b", lookup)).toEqual({ planId: 2 });
    expect(cache.misses).toBe(2);
  });

  test("a failure or an empty answer is not kept", async () => {
    const cache = new LookupCache();
    await expect(cache.get("a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("a", async () => undefined)).toBeUndefined();
    expect(await cache.get("a", async () => 7)).toBe(7);
    expect(cache.misses).toBe(3);
  });

  test("clearAll forgets the lookups of every cache", async () => {
    const cache = new LookupCache();
    await cache.get("a", async () => 1);
    LookupCache.clearAll();
    expect(await cache.get("a", async () => 2)).toBe(2);
  });

  test("getMany fetches the keys neither cached nor in flight in one batch, and keeps only what was found", async () => {
    const cache = new LookupCache();
    const batches: string[][] = [];
    const fetch = async (missing: string[]) => {
      batches.push(missing);
      return Object.fromEntries(missing.map((key) => [key, key === "nope" ? undefined : key.toUpperCase()]));
    };
    const [first, second] = await Promise.all([
      cache.getMany(["a", "b"], fetch),
      cache.getMany(["b", "c", "nope"], fetch),
    ]);
    expect(first).toEqual(["A", "B"]);
    expect(second).toEqual(["B", "C", undefined]);
    expect(await cache.getMany(["a", "c", "nope"], fetch)).toEqual(["A", "C", undefined]);
    expect(batches).toEqual([["a", "b"], ["c", "nope"], ["nope"]]);
    expect(cache.misses).toBe(3);
  });

  test("entries expire", async () => {
    const cache = new LookupCache(0);
    let calls = 0;
    await cache.get("a", async () => ++calls);
    await new Promise((r) => setTimeout(r, 2));
    expect(await cache.get("a", async () => ++calls)).toBe(2);
  });
});

describe("SharedReads", () => {
  /** A read whose answer is its own sequence number, finishing when released. */
  function gatedReads() {
    let made = 0;
    const gates: (() => void)[] = [];
    const read = () => {
      const n = ++made;
      return new Promise<number>((resolve) => gates.push(() => resolve(n)));
    };
    const releaseAll = async () => {
      while (gates.length) {
        gates.shift()!();
        await new Promise((r) => setImmediate(r));
      }
    };
    return { read, releaseAll, made: () => made };
  }

  test("callers arriving while a read is in flight share the next read, never an older one", async () => {
    const reads = new SharedReads();
    const { read, releaseAll } = gatedReads();
    const first = reads.get("orgs", read);
    const later = [reads.get("orgs", read), reads.get("orgs", read), reads.get("orgs", read)];
    await releaseAll();
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    expect(reads.count).toBe(2);
  });

  test("a caller content with a read begun before its call joins the read in flight", async () => {
    const reads = new SharedReads();
    const { read, releaseAll } = gatedReads();
    const since = performance.now();
    const both = [reads.get("orgs", read, since), reads.get("orgs", read, since)];
    await releaseAll();
    expect(await Promise.all(both)).toEqual([1, 1]);
    expect(reads.count).toBe(1);
  });

  test("keys do not share, nothing is kept, and a failed read is not handed to those waiting for the next", async () => {
    const reads = new SharedReads();
    expect(await reads.get("a", async () => "a1")).toBe("a1");
    expect(await reads.get("a", async () => "a2")).toBe("a2");
    const failing = reads.get("b", () => Promise.reject(new Error("down")));
    const waiting = reads.get("b", async () => "b2");
    await expect(failing).rejects.toThrow("down");
    expect(await waiting).toBe("b2");
    expect(reads.count).toBe(4);
  });
});
