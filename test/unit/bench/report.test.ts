import type { KindCalls, Step } from "../../../bench/calls";
import { renderResults, RunFacts } from "../../../bench/report";
import type { SizeTimes } from "../../../bench/walltime";
import { kindFixtures } from "../../../test/kinds";

const facts: RunFacts = {
  date: "2026-11-23 12:00 UTC",
  commit: "commit abc1234",
  node: "v20",
  pulumi: "v3.248.0",
  cpus: "2 × test CPU",
  loadBefore: "0",
  loadAfter: "0",
  minutes: 1,
  latencyMs: 20,
  parallel: 16,
  kinds: ["sfp.SalesforceOrgRegistration"],
};
const sfp = kindFixtures.find((f) => f.kind === "sfp.SalesforceOrgRegistration")!;

function kindCalls(create: number, refresh: number): KindCalls {
  const step = (calls: number) => ({ calls, logins: 0 });
  const steps = { create, update: 1, refresh, delete: 1, preview: 0 };
  return {
    fixture: sfp,
    flavor: "orgplane",
    resources: 10,
    providerBytes: 293,
    steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, step(v)])) as Record<Step, never>,
  };
}

/** One size whose orgplane times are `ratio` × (engine + ideal API) for every operation. */
function sized(n: number, ratio: number): SizeTimes {
  const engine = 10_000;
  const times = (extra: number) => ({
    up: [engine + extra],
    refresh: [engine + extra],
    destroy: [engine + extra],
  });
  const api = { up: (n * 2 * 20) / 16, refresh: (n * 20) / 16, destroy: (n * 20) / 16 };
  const orgplane = {
    up: [(engine + api.up) * ratio],
    refresh: [(engine + api.refresh) * ratio],
    destroy: [(engine + api.destroy) * ratio],
  };
  const cpu = { up: [2000], refresh: [2000], destroy: [2000] };
  return {
    n,
    runs: 1,
    times: { engine: times(0), replay: times(0), orgplane },
    peakRss: {
      engine: { up: 1, refresh: 1, destroy: 1 },
      replay: { up: 1, refresh: 1, destroy: 1 },
      orgplane: { up: 1, refresh: 1, destroy: 1 },
    },
    providerCpu: { engine: cpu, replay: cpu, orgplane: cpu },
    emulatorCpu: { engine: cpu, replay: cpu, orgplane: cpu },
  };
}

describe("bench report", () => {
  test("a figure over its target is marked missed and explained; one within it is met", () => {
    const text = renderResults([kindCalls(3, 1)], [sized(300, 1.1)], facts);
    expect(text).toContain(
      "| create: API calls per resource, sfp.SalesforceOrgRegistration | ≤ 2 | 3 | **missed**",
    );
    expect(text).toContain(
      "| refresh: API calls per resource, sfp.SalesforceOrgRegistration | ≤ 1 | 1 | met |",
    );
    expect(text).toMatch(
      /\*\*sfp\.SalesforceOrgRegistration, create \(3\)\*\*: sfp's register endpoint is an upsert/,
    );
    expect(text).toContain("| `up`, 300 resources: time / bound | ≤ 1.25× | 1.10× | met |");
    expect(text).not.toMatch(/\*\*`up` at N = 300/);
  });

  test("wall time over 1.25× at the largest N is missed and gets the CPU beside it", () => {
    const text = renderResults([kindCalls(2, 1)], [sized(10, 1.5), sized(300, 1.4)], facts);
    expect(text).toContain(
      "| `refresh`, 300 resources: time / bound | ≤ 1.25× | 1.40× | **missed** (explained in 3) |",
    );
    expect(text).toMatch(/\*\*`refresh` at N = 300 \(1\.40×\)\*\*: .*provider process used 2\.0 s of CPU/);
    // Only the largest N is judged.
    expect(text).not.toContain("`up`, 10 resources: time / bound");
  });
});
