import { boundMs, formatCount, formatRatio, idealApiMs, median } from "../../../bench/stats";

describe("benchmark helpers", () => {
  test("median of odd and even counts, unsorted input left alone", () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  test("the bound is the engine's time plus N × calls × latency / parallelism", () => {
    expect(idealApiMs(300, 2, 20, 16)).toBe(750);
    expect(boundMs(10_000, 300, 2, 20, 16)).toBe(10_750);
    expect(boundMs(10_000, 300, 1, 20, 16)).toBe(10_375);
  });

  test("formats", () => {
    expect(formatRatio(1.234)).toBe("1.23×");
    expect(formatCount(3)).toBe("3");
    expect(formatCount(1 / 3)).toBe("0.33");
  });
});
