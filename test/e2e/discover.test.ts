import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { e2eEmulators } from "./emulators";
import { EstateSecrets, FULL_ESTATE, seedEstate } from "./estate";
import { apiCalls, clearLogs, projectStack, runDiscover } from "./discover-run";
import { REPO, WORK } from "./workspace";

interface Item {
  backend: string;
  kind: string;
  key: string;
  id: string;
  config?: { key: string; secret: boolean; suffix: string }[];
  refusals: { field: string; reason: string }[];
}

const MEASURES = path.join(WORK, "output", "discover-measures.json");
const programDir = (name: string) => path.join(WORK, "programs", name);

/**
 * Issue 18 end to end: a seeded estate is discovered by the installed `orgplane discover`, the generated
 * TypeScript project type-checks, and the real engine adopts it without one write; then preview and refresh are
 * quiet, `--unmanaged` lists what a stack does not hold, and bad input writes nothing.
 */
describe("orgplane discover over a seeded estate", () => {
  let emus: Awaited<ReturnType<typeof e2eEmulators>>;
  let secrets: EstateSecrets;
  let env: Record<string, string>;
  let items: Item[];
  let discovery: Awaited<ReturnType<typeof runDiscover>>;
  let discoveryCalls: ReturnType<typeof apiCalls>;
  const measures: Record<string, unknown> = {};
  const dir = programDir("discover-estate");

  beforeAll(async () => {
    emus = await e2eEmulators();
    secrets = await seedEstate(emus, FULL_ESTATE);
    env = { ...emus.env, SF_AUTH_URL: secrets.salesforceAuthUrl };
    fs.rmSync(dir, { recursive: true, force: true });
    // The discovery every test relies on runs here, so that each test also runs alone (`-t`).
    clearLogs(emus.running);
    discovery = await runDiscover(["--out", dir, "--json"], env);
    discoveryCalls = apiCalls(emus.running);
    items = discovery.code === 0 ? (JSON.parse(discovery.stdout) as Item[]) : [];
  });
  afterAll(async () => {
    fs.mkdirSync(path.dirname(MEASURES), { recursive: true });
    fs.writeFileSync(MEASURES, JSON.stringify(measures, null, 2));
    await emus?.running.stop();
  });

  /** The estate's secret values, and the refresh token inside each auth URL. */
  function secretValues(): string[] {
    const secretSuffixes = ["SfdxAuthUrl", "SalesforcePassword", "ConsumerSecret", "AdminPassword"];
    const values = [...secrets.values.values()].flatMap((v) =>
      Object.entries(v)
        .filter(([suffix]) => secretSuffixes.includes(suffix))
        .map(([, value]) => value),
    );
    const refreshTokens = values.map((v) => /^force:\/\/[^:]*:[^:]*:([^@]+)@/.exec(v)?.[1]).filter(Boolean);
    return [...values, ...(refreshTokens as string[])];
  }
  const leaked = (text: string) => secretValues().filter((secret) => text.includes(secret));

  /** The stack config the README asks for, from what the estate's owner knows. */
  function configFor(list: Item[]) {
    const config: Record<string, { value: string; secret: boolean }> = {};
    for (const item of list.filter((i) => i.refusals.length === 0))
      for (const slot of item.config ?? []) {
        const value = secrets.values.get(item.key)?.[slot.suffix];
        if (value === undefined) throw new Error(`the test knows no ${slot.suffix} for ${item.key}`);
        config[slot.key] = { value, secret: slot.secret };
      }
    return config;
  }

  test("discovers every backend and writes a project that type-checks", async () => {
    const run = discovery;
    expect(run.stderr).not.toMatch(/orgplane discover:/);
    expect(run.code).toBe(0);
    const calls = discoveryCalls;
    measures.discovery = { seconds: run.seconds, apiCalls: calls.total, byEmulator: calls.byEmulator };
    expect(calls.writes).toEqual([]);
    expect(calls.logins).toEqual({ salesforce: 1, commvault: 1, biot: 1, iics: 1 }); // sfp: a bearer token
    const count = (kind: string) => items.filter((i) => i.kind === kind).length;
    expect(count("sfp.SalesforceOrgRegistration") + count("sfp.SandboxRegistration")).toBe(50);
    expect(count("sfp.SandboxRegistration")).toBe(15);
    expect(count("commvault.Organization")).toBe(20);
    expect(count("commvault.AccessNodeBinding")).toBe(7 + 13 * 2);
    expect(count("salesforce.User")).toBe(501); // and the org's own admin
    expect(count("biot.Organization")).toBe(21); // and the manufacturer organization
    expect(count("iics.Organization")).toBe(20);
    expect(items.filter((i) => i.refusals.length > 0).map((i) => i.key)).toEqual(secrets.refused);
    for (const backend of ["sfp", "commvault", "salesforce", "biot", "iics"])
      expect(run.stderr).toMatch(new RegExp(`^\\[${backend}\\] \\d+ objects in`, "m"));
    const written = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
    expect(leaked([run.stdout, run.stderr, ...written].join("\n"))).toEqual([]);
    const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
    // The written tsconfig is `pulumi new typescript`'s (no skipLibCheck): orgplane's declarations hold no zod.
    const typed = spawnSync(process.execPath, [tsc, "-p", dir, "--noEmit"], {
      encoding: "utf8",
    });
    expect(typed.stdout + typed.stderr).toBe("");
    expect(typed.status).toBe(0);
  });

  test("the adopting up makes no write; the next preview shows no change and refresh no drift", async () => {
    // As the README advises for a large adoption: the state is saved once at the end, not after every step.
    const ps = await projectStack(dir, "discover-estate", {
      ...env,
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      PULUMI_SKIP_CHECKPOINTS: "true",
    });
    await ps.stack.setAllConfig(configFor(items));
    const adopted = items.filter((i) => i.refusals.length === 0).length;
    clearLogs(emus.running);
    const started = Date.now();
    const up = await ps.stack.up({ onOutput: ps.log, onError: ps.log, parallel: 16 });
    const calls = apiCalls(emus.running);
    measures.adoptingUp = {
      seconds: (Date.now() - started) / 1000,
      apiCalls: calls.total,
      writes: calls.writes.length,
      byEmulator: calls.byEmulator,
      resources: adopted,
    };
    expect(calls.writes.map((w) => `${w.method} ${w.path}`)).toEqual([]);
    expect(up.summary.resourceChanges).toEqual({ create: adopted + 1 });
    clearLogs(emus.running);
    const preview = await ps.stack.preview({ onOutput: ps.log, onError: ps.log });
    expect(preview.changeSummary).toEqual({ same: adopted + 1 });
    expect(apiCalls(emus.running).total).toBe(0);
    const refresh = await ps.stack.refresh({ onOutput: ps.log, onError: ps.log, parallel: 16 });
    expect(refresh.summary.resourceChanges).toEqual({ same: adopted + 1 });
    expect(apiCalls(emus.running).writes).toEqual([]);
    // Every stack resource holds the object it was declared for; no secret is in the state or the output.
    const { deployment } = await ps.stack.exportStack();
    // (exportStack decrypts secrets: the stored state is scanned instead.)
    expect(leaked(ps.stateText() + ps.output.join("\n"))).toEqual([]);
    const ids = new Set((deployment.resources as { id?: string }[]).map((r) => r.id));
    expect(items.filter((i) => i.refusals.length === 0 && !ids.has(i.id))).toEqual([]);
  });

  test("--unmanaged lists exactly what the given stack does not manage", async () => {
    const partDir = programDir("discover-part");
    fs.rmSync(partDir, { recursive: true, force: true });
    const part = await runDiscover(["--backends", "biot,iics", "--out", partDir, "--json"], env);
    expect(part.code).toBe(0);
    const partItems = JSON.parse(part.stdout) as Item[];
    const ps = await projectStack(partDir, "discover-part", { ...env, PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
    await ps.stack.setAllConfig(configFor(partItems));
    await ps.stack.up({ onOutput: ps.log, onError: ps.log, parallel: 16 });
    const stackEnv = { ...ps.envVars } as Record<string, string>;
    const listed = await runDiscover(["--unmanaged", "--stack", "e2e", "--cwd", partDir, "--json"], stackEnv);
    expect(listed.stderr).not.toMatch(/orgplane discover:/);
    expect(listed.code).toBe(0);
    const rest = (JSON.parse(listed.stdout) as Item[]).map((i) => `${i.kind} ${i.key}`).sort();
    const partKeys = new Set(partItems.map((i) => `${i.kind} ${i.key}`));
    expect(rest).toEqual(
      items
        .map((i) => `${i.kind} ${i.key}`)
        .filter((k) => !partKeys.has(k))
        .sort(),
    );
    const table = await runDiscover(["--unmanaged", "--stack", "e2e", "--cwd", partDir], stackEnv);
    expect(table.stdout.split("\n")[0]).toMatch(/^backend\s+kind\s+key\s+id$/);
    expect(table.stdout).toContain("admin0@estate-prod.test");
    expect(table.stdout).not.toContain("Estate Clinic 0");
  });

  test("--config-stack: connections from a stack's orgplane:* config keys, as the resources read them", async () => {
    // A project of its own that holds only the stack config.
    const configDir = programDir("discover-config");
    fs.rmSync(configDir, { recursive: true, force: true });
    fs.mkdirSync(configDir, { recursive: true });
    fs.writeFileSync(path.join(configDir, "Pulumi.yaml"), "name: discover-config\nruntime: nodejs\n");
    const ps = await projectStack(configDir, "discover-config", env);
    await ps.stack.setAllConfig({
      "orgplane:sfpServerUrl": { value: env.SFP_SERVER_URL },
      "orgplane:sfpServerToken": { value: env.SFP_SERVER_TOKEN, secret: true },
    });
    const merged: Record<string, string> = { ...(ps.envVars as Record<string, string>), ...env };
    const { SFP_SERVER_URL: _u, SFP_SERVER_TOKEN: _t, ...withoutSfp } = merged;
    const args = ["--backends", "sfp", "--dry-run", "--json", "--cwd", configDir];
    const without = await runDiscover(args, withoutSfp);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/sfp: no credentials.*orgplane:sfpServerToken/);
    const run = await runDiscover([...args, "--config-stack", "e2e"], withoutSfp);
    expect(run.stderr).not.toMatch(/orgplane discover:/);
    expect(run.code).toBe(0);
    const listed = (JSON.parse(run.stdout) as Item[]).map((i) => i.key).sort();
    expect(listed).toEqual(
      items
        .filter((i) => i.backend === "sfp")
        .map((i) => i.key)
        .sort(),
    );
    expect(run.stdout + run.stderr).not.toContain(env.SFP_SERVER_TOKEN);
  });

  describe("bad input: a clear error, nothing written", () => {
    const made: string[] = [];
    const fresh = () => {
      const out = programDir(`discover-bad-${Math.random().toString(36).slice(2, 8)}`);
      made.push(out);
      return out;
    };
    afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    test("an unknown backend", async () => {
      const out = fresh();
      const run = await runDiscover(["--backends", "sfp,salesforc", "--out", out], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /unknown backend salesforc: choose from sfp, commvault, salesforce, biot, iics/,
      );
      expect(fs.existsSync(out)).toBe(false);
    });

    test("missing credentials", async () => {
      const out = fresh();
      const { SFP_SERVER_URL: _u, SFP_SERVER_TOKEN: _t, ...withoutSfp } = env;
      const run = await runDiscover(["--backends", "sfp", "--out", out], withoutSfp);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /sfp: no credentials\. Set the environment variables SFP_SERVER_URL, SFP_SERVER_TOKEN/,
      );
      expect(fs.existsSync(out)).toBe(false);
      const none = await runDiscover(["--out", out], { NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS });
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/no backend has credentials/);
      expect(fs.existsSync(out)).toBe(false);
    });

    test("a filter that matches nothing", async () => {
      const out = fresh();
      const run = await runDiscover(
        ["--backends", "sfp,salesforce", "--domain", "nobody.example", "--out", out],
        env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/the user filters match no user; nothing was written/);
      expect(fs.existsSync(out)).toBe(false);
    });

    test("an output directory that holds a program, unless --force", async () => {
      // A copy of the discovered project, so that the other tests keep theirs.
      const dir = fresh();
      fs.cpSync(programDir("discover-estate"), dir, { recursive: true });
      const before = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
      fs.appendFileSync(path.join(dir, "index.ts"), "// edited by hand\n");
      const run = await runDiscover(["--backends", "biot", "--out", dir], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /already holds a program \(Pulumi\.yaml, index\.ts, package\.json\).*--force/,
      );
      expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toBe(`${before}// edited by hand\n`);
      const forced = await runDiscover(["--backends", "biot", "--out", dir, "--force"], env);
      expect(forced.code).toBe(0);
      expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).toMatch(/new biot\.Organization/);
      expect(fs.readFileSync(path.join(dir, "index.ts"), "utf8")).not.toMatch(/salesforce\.User/);
    });
  });
});
