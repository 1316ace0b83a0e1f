import * as fs from "node:fs";
import * as path from "node:path";
import type { RunningEmulators } from "../emulators";
import { KindFixture, kindFixtures, KindItem, programSource } from "../test/kinds";

let nextIndex = 0;

/**
 * Resource indices this bench process has not used yet. Every stack gets new ones: some kinds cannot create an
 * object again under a deleted one's key (a Salesforce user is deactivated, never deleted).
 */
export function freshIndices(n: number): number[] {
  const start = nextIndex;
  nextIndex += n;
  return Array.from({ length: n }, (_, k) => start + k);
}

/** N resources of mixed kinds, on fresh indices: the k-th is of kind k mod (number of kinds). */
export function mixedItems(n: number, fixtures: KindFixture[] = kindFixtures): KindItem[] {
  return freshIndices(n).map((i, k) => ({ fixture: fixtures[k % fixtures.length], i }));
}

/** Every item's object exists in its emulator (or, after destroy, none does). */
export function expectObjects(emus: RunningEmulators, items: KindItem[], present: boolean): void {
  for (const fixture of new Set(items.map((x) => x.fixture))) {
    const existing = new Set(fixture.objects(emus));
    const keys = items.filter((x) => x.fixture === fixture).map((x) => fixture.naturalKey(x.i));
    const wrong = keys.filter((key) => existing.has(key) !== present);
    if (wrong.length > 0)
      throw new Error(`${fixture.kind}: ${wrong.length} objects ${present ? "missing" : "left over"}`);
  }
}

const ORGPLANE_REQUIRE = `require("orgplane")`;
const NAIVE_DIR = path.join(__dirname, "naive");

/** The same declarations on the naive providers: only the package the namespaces come from changes. */
export function naiveProgram(items: KindItem[]): string {
  const source = programSource(items);
  if (!source.includes(ORGPLANE_REQUIRE)) throw new Error(`programSource no longer has ${ORGPLANE_REQUIRE}`);
  return source.replace(ORGPLANE_REQUIRE, `require("./naive")`);
}

/** Copies the naive providers beside a program, where they resolve @pulumi/pulumi and axios as it does. */
export function installNaive(programDir: string): void {
  const target = path.join(programDir, "naive");
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(NAIVE_DIR).filter((f) => f.endsWith(".js"))) {
    fs.copyFileSync(path.join(NAIVE_DIR, file), path.join(target, file));
  }
}

/** Whether bench/naive has a provider for this kind (`sfp.SalesforceOrgRegistration`). */
export function hasNaive(fixture: KindFixture): boolean {
  const [namespace, kind] = fixture.kind.split(".");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const naive = require(NAIVE_DIR) as Record<string, Record<string, unknown> | undefined>;
  return typeof naive[namespace]?.[kind] === "function";
}

/**
 * The engine's own cost: N dynamic resources whose provider does nothing (no API call, no package), with
 * inputs shaped like a registration's.
 */
export function noopProgram(n: number): string {
  return `const pulumi = require("@pulumi/pulumi");
const noop = {
  async create(inputs) { return { id: inputs.username, outs: inputs }; },
  async read(id, props) { return { id, props }; },
  async diff(_id, olds, news) { return { changes: JSON.stringify(olds.metadata) !== JSON.stringify(news.metadata) }; },
  async update(_id, _olds, news) { return { outs: news }; },
  async delete() {},
};
for (let i = 0; i < ${n}; i++) {
  new pulumi.dynamic.Resource(noop, "noop-" + i, {
    username: "noop" + i + "@bench.test",
    metadata: { environment: "test", revision: "0" },
  });
}
`;
}
