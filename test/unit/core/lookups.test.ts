import { LookupCache } from "../../../provider/core/lookups";

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

  test("entries expire", async () => {
    const cache = new LookupCache(0);
    let calls = 0;
    await cache.get("a", async () => ++calls);
    await new Promise((r) => setTimeout(r, 2));
    expect(await cache.get("a", async () => ++calls)).toBe(2);
  });
});
