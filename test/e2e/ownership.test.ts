import * as fs from "node:fs";
import * as path from "node:path";
import type { FaultRule } from "../../emulators";
import { RunningEmulators, startEmulators } from "../../emulators";
import {
  itemsEnv,
  itemsSecrets,
  KindFixture,
  kindFixtures,
  ProgramItem,
  programSource,
  resourceVar,
} from "../kinds";
import { commvaultOrganization } from "../kinds/commvault";
import { iicsOrganization } from "../kinds/iics";
import { sfpOf, sfpRegistration, sfStateOf } from "../kinds/sfp";
import { describeCall, PlannedCall, writeOf } from "../reliability/faults";
import { KindMatrix } from "../reliability/matrix";
import { markdownTable, checkDocSection } from "../reliability/report";
import {
  attempt,
  convergenceOf,
  KindItem,
  kindStack,
  setProgram,
  setStackEnv,
  stateByKind,
  withAdopt,
} from "./kinds-stack";
import { SecretScan, secretScanTest } from "./secret-scan";
import { programStack, ProgramStack } from "./stack";

/** Each scenario's outcome, per kind (all, where none is named): a test below proves each one. */
const OUTCOMES: { scenario: string; kind?: string; outcome: string }[] = [
  { scenario: "second owner, no adopt", outcome: "refused before any write; owner untouched" },
  { scenario: "second owner, 502 on create", outcome: "refused before any write; owner untouched" },
  {
    scenario: "replace keeping the natural key",
    kind: "commvault.Organization",
    outcome: "refused with a way out (rename); client kept",
  },
  {
    scenario: "auth URL of another user, no username",
    kind: "sfp.SalesforceOrgRegistration",
    outcome: "update refused before the write; no second registration",
  },
  {
    scenario: "lost reply + 500 on the lookup",
    outcome: "refused: the error says the object may be this run's own or another's; adopt converges",
  },
  {
    scenario: "forced replace (`pulumi up --replace`) with adopt: true",
    kind: "iics.Organization",
    outcome: "the replacement adopts the object; it is not deleted as the original",
  },
  {
    scenario: "kill -9 during create",
    outcome: "next up names the interrupted run and adopt; adopt converges",
  },
];

/**
 * The ownership rule through the real engine, with a second owner of the same natural keys on shared emulators:
 * orgplane changes or deletes an object only when this resource created it in this operation, holds it in its
 * state, or the user set `adopt: true`. After every scenario, the owner's objects are read back through the
 * vendor API paths (a refresh that must find no drift) and the emulators hold exactly one object per key.
 */
describe("ownership: a second owner of the same natural key", () => {
  let emus: RunningEmulators;
  let owner: ProgramStack;
  let intruder: ProgramStack;
  let writes: Map<KindFixture, PlannedCall>;
  const mine: KindItem[] = kindFixtures.map((fixture) => ({ fixture, i: 1 }));
  const scan = new SecretScan("ownership");

  const objects = () => kindFixtures.map((f) => [f.kind, f.objects(emus).sort()]);
  const writeRule = (fixture: KindFixture, rule: FaultRule): FaultRule => {
    const write = writes.get(fixture)!;
    return { ...rule, method: write.method, path: write.path };
  };

  /**
   * The owner's objects are untouched: a refresh reads each one back and finds no drift. After a run of the owner's
   * own (`ownerRan`), a preview also shows no change: that run left the state as the program declares it.
   */
  async function expectOwnerUntouched(before: unknown, ownerRan = false) {
    expect(objects()).toEqual(before);
    const refresh = await owner.stack.refresh({ onOutput: owner.onOutput });
    expect(refresh.summary.resourceChanges).toEqual({ same: mine.length + 1 });
    if (ownerRan) {
      const preview = await owner.stack.preview({ onOutput: owner.onOutput });
      expect(preview.changeSummary).toEqual({ same: mine.length + 1 });
    }
    expect(await convergenceOf(owner, emus, mine)).toEqual([]);
  }

  async function expectRefusedAndEmpty(ps: ProgramStack, error: string | undefined) {
    expect(error).toBeDefined();
    const state = await stateByKind(ps);
    for (const { fixture, i } of mine) {
      expect([
        fixture.kind,
        saysOf(ps, fixture.naturalKey(i), "does not own it", "interrupted run", "adopt: true"),
      ]).toEqual([fixture.kind, true]);
      expect([fixture.kind, state(fixture)]).toEqual([fixture.kind, []]);
    }
  }

  beforeAll(async () => {
    emus = await startEmulators();
    Object.assign(process.env, emus.env); // the in-process profile of each create (KindMatrix) reads it
    writes = new Map();
    for (const fixture of kindFixtures) {
      const { recurring } = await new KindMatrix(fixture, emus).plan("create");
      writes.set(fixture, writeOf(recurring));
    }
    owner = await kindStack("own-owner", emus, mine, 10_000);
    intruder = await kindStack("own-intruder", emus, mine, 10_000);
    scan.watch({ stack: owner, emulators: emus });
    scan.watch({ stack: intruder, emulators: emus });
    for (const { fixture, i } of mine) scan.add(...fixture.secrets(emus, i));
    await owner.stack.up({ onOutput: owner.onOutput, onError: owner.onError });
  });
  afterAll(async () => {
    await emus?.stop();
  });

  test("docs/reliability.md's ownership section lists each scenario's outcome", () => {
    const rows = OUTCOMES.flatMap(({ scenario, kind, outcome }) =>
      (kind ? [kind] : kindFixtures.map((f) => f.kind)).map((k) => [scenario, k, outcome]),
    );
    checkDocSection(
      "ownership",
      "Written by test/e2e/ownership.test.ts: each scenario with a second owner of the same natural key, per " +
        "kind, through the real CLI; after each one the owner's objects are read back (refresh finds no drift).\n\n" +
        markdownTable(["scenario", "kind", "outcome"], rows),
    );
  });

  test("the writes this suite faults are each kind's create call", () => {
    expect(Object.fromEntries([...writes].map(([f, c]) => [f.kind, describeCall(c)]))).toEqual({
      "sfp.SalesforceOrgRegistration": expect.stringMatching(/^POST .*register #1$/),
      "sfp.SandboxRegistration": expect.stringMatching(/^POST .*register-sandbox-by-name #1$/),
      "commvault.Organization": expect.stringMatching(/^POST .*Salesforce\/Organization #1$/),
      "biot.Organization": expect.stringMatching(/^POST .*organizations/),
      "iics.Organization": expect.stringMatching(/^POST .*user\/register #1$/),
      "salesforce.User": expect.stringMatching(/^POST .*composite #1$/),
    });
  });

  test("1. a second stack declaring the same keys without adopt is refused, and changes nothing", async () => {
    const before = objects();
    allEmulators(emus).forEach((e) => e.clearLog());
    const error = await attempt(intruder, () =>
      intruder.stack.up({ onOutput: intruder.onOutput, onError: intruder.onError, continueOnError: true }),
    );
    await expectRefusedAndEmpty(intruder, error);
    for (const fixture of kindFixtures) {
      const write = writes.get(fixture)!;
      const written = fixture
        .emulator(emus)
        .log.filter((e) => e.method === write.method && new RegExp(write.path).test(e.path));
      expect([fixture.kind, written]).toEqual([fixture.kind, []]);
    }
    await expectOwnerUntouched(before);
  });

  test("2. a 502 on the second owner's create: still refused, never taken over", async () => {
    const before = objects();
    const rules = kindFixtures.map((f) => f.emulator(emus).faults.add(writeRule(f, { status: 502 })));
    const error = await attempt(intruder, () =>
      intruder.stack.up({ onOutput: intruder.onOutput, onError: intruder.onError, continueOnError: true }),
    );
    allEmulators(emus).forEach((e) => e.faults.clear());
    await expectRefusedAndEmpty(intruder, error);
    expect(rules.map((r) => r.fired)).toEqual(rules.map(() => 0)); // the existence check stopped it first
    await expectOwnerUntouched(before);
    // Destroying the refused stack deletes nothing of the owner's.
    await intruder.stack.destroy({ onOutput: intruder.onOutput });
    await expectOwnerUntouched(before);
  });

  test("3. a Commvault replace that keeps the name is refused, adopt or not; the client stays", async () => {
    const before = objects();
    const source = programSource(
      mine.map((x) => (x.fixture === commvaultOrganization ? { ...x, form: "new plan, adopted" } : x)),
    );
    expect(source).toMatch(/"cv-1", \{ adopt: true,.*Salesforce Silver/);
    setProgram(owner, source);
    const error = await attempt(owner, () =>
      owner.stack.up({ onOutput: owner.onOutput, onError: owner.onError }),
    );
    expect(error).toBeDefined();
    expect(owner.output.join("\n")).toMatch(/changing plan replaces organization .* new organizationName/s);
    setProgram(owner, programSource(mine));
    await expectOwnerUntouched(before, true);
  });

  test("4. an sfp auth URL that now signs in as another user is refused, never a second registration", async () => {
    // The fixture's registration by auth URL alone; then its variable holds the auth URL of another user.
    const item: ProgramItem = { fixture: sfpRegistration, i: 4, form: "auth URL only" };
    const first = sfpRegistration.naturalKey(item.i);
    const env = itemsEnv(emus, [item]);
    const [variable] = Object.keys(env);
    const made = sfStateOf(emus).createOrg({ username: "second.identity@own.test" });
    const second = `force://PlatformCLI::${made.refreshToken}@${new URL(emus.byName.salesforce.emulator.url).host}`;
    scan.add(made.refreshToken, ...itemsSecrets(emus, [item]));
    const source = `${programSource([item])}\nexports.username = ${resourceVar(item)}.username;`;
    const ps = await programStack("own-identity", source, { ...emus.env, ...env });
    scan.watch({ stack: ps, emulators: emus });
    const up = await ps.stack.up({ onOutput: ps.onOutput });
    expect(up.outputs.username.value).toBe(first);
    setStackEnv(ps, { [variable]: second });
    const error = await attempt(ps, () => ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError }));
    expect(error).toBeDefined();
    expect(ps.output.join("\n")).toMatch(
      /signs in as second.identity@own.test.*username: "second.identity@own.test"/s,
    );
    const registered = [...sfpOf(emus).orgs.values()].map((o) => o.username);
    expect(registered).toContain(first);
    expect(registered).not.toContain("second.identity@own.test");
  });

  test("5. a lost create reply, then a 500 on the lookup: refused, never taken; adopt converges", async () => {
    const items: KindItem[] = kindFixtures.map((fixture) => ({ fixture, i: 5 }));
    const ps = await kindStack("own-lost-reply", emus, items, 10_000);
    for (const { fixture, i } of items) scan.add(...fixture.secrets(emus, i));
    scan.watch({ stack: ps, emulators: emus });
    for (const fixture of kindFixtures) {
      const emulator = fixture.emulator(emus);
      emulator.faults.add(writeRule(fixture, { commitThenDrop: true, times: 1 }));
      emulator.faults.add({ method: "GET", status: 500, times: 1 });
    }
    const error = await attempt(ps, () =>
      ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError, continueOnError: true }),
    );
    allEmulators(emus).forEach((e) => e.faults.clear());
    expect(error).toBeDefined();
    // The object the lost write may have made cannot be told from another owner's: the error says both.
    const state = await stateByKind(ps);
    for (const { fixture, i } of items) {
      expect([fixture.kind, saysOf(ps, fixture.naturalKey(i), "its reply was lost", "adopt: true")]).toEqual([
        fixture.kind,
        true,
      ]);
      expect(fixture.objects(emus).filter((k) => k === fixture.naturalKey(i))).toHaveLength(1);
      expect([fixture.kind, state(fixture)]).toEqual([fixture.kind, []]);
    }
    setProgram(ps, withAdopt(programSource(items)));
    await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
    expect(await convergenceOf(ps, emus, items)).toEqual([]);
  });

  test("6. kill -9 mid-up: the next up names the interrupted run and adopt; with adopt it converges", async () => {
    const items: KindItem[] = kindFixtures.map((fixture) => ({ fixture, i: 6 }));
    const ps = await kindStack("own-killed", emus, items, 60_000);
    for (const { fixture, i } of items) scan.add(...fixture.secrets(emus, i));
    scan.watch({ stack: ps, emulators: emus });
    const rules = kindFixtures.map((f) =>
      f.emulator(emus).faults.add(writeRule(f, { commitThenHang: true, times: 1 })),
    );
    const running = ps.stack.up({ onOutput: ps.onOutput }).catch((e: Error) => e);
    // Every create has reached its server and waits for its reply: kill the CLI and everything it started.
    await until(() => rules.every((r) => r.fired === 1));
    killEverythingIn(ps.dir);
    expect(await running).toBeInstanceOf(Error);
    allEmulators(emus).forEach((e) => e.faults.clear());
    for (const { fixture, i } of items) expect(fixture.objects(emus)).toContain(fixture.naturalKey(i));

    await ps.stack.cancel().catch(() => undefined); // a diy backend may hold no lock to cancel
    await ps.stack.refresh({ onOutput: ps.onOutput, clearPendingCreates: true });
    const error = await attempt(ps, () =>
      ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError, continueOnError: true }),
    );
    expect(error).toBeDefined();
    for (const { fixture, i } of items) {
      expect([fixture.kind, saysOf(ps, fixture.naturalKey(i), "interrupted run", "adopt: true")]).toEqual([
        fixture.kind,
        true,
      ]);
    }
    setProgram(ps, withAdopt(programSource(items)));
    await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
    expect(await convergenceOf(ps, emus, items)).toEqual([]);
  });

  test("7. a forced replace (`pulumi up --replace`) whose create adopts the object it replaces keeps it", async () => {
    const items: KindItem[] = [{ fixture: iicsOrganization, i: 7 }];
    const ps = await kindStack("own-forced-replace", emus, items);
    for (const { fixture, i } of items) scan.add(...fixture.secrets(emus, i));
    scan.watch({ stack: ps, emulators: emus });
    setProgram(ps, withAdopt(programSource(items)));
    await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError });
    const [resource] = (await stateByKind(ps))(iicsOrganization);
    // The diff's refusal of an adopting replace never runs: the engine replaces because it is told to.
    await ps.stack.up({ onOutput: ps.onOutput, onError: ps.onError, replace: [resource.urn] });
    expect(iicsOrganization.objects(emus)).toContain(iicsOrganization.naturalKey(7));
    expect(saysOf(ps, "", "was just taken over by a resource with adopt: true")).toBe(true);
    expect(await convergenceOf(ps, emus, items)).toEqual([]);
  });

  secretScanTest(scan);
});

/** Whether one line of the stack's output names the key with every phrase. */
const saysOf = (ps: ProgramStack, key: string, ...phrases: string[]) =>
  ps.output.some((line) => line.includes(key) && phrases.every((p) => line.includes(p)));

const allEmulators = (emus: RunningEmulators) => Object.values(emus.byName).map((s) => s.emulator);

async function until(done: () => boolean, timeoutMs = 120_000) {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGKILL to every process working in the program's directory: the CLI, its language host and providers. */
function killEverythingIn(dir: string) {
  const real = fs.realpathSync(dir);
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readlinkSync(path.join("/proc", pid, "cwd")) === real) process.kill(Number(pid), "SIGKILL");
    } catch {
      // gone already, or not ours
    }
  }
}
