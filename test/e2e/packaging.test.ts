import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, WORK } from "./workspace";

const OUT = path.join(WORK, "packaging");

/** The file list and package.json of a tarball. */
function inspect(tarball: string): { tarball: string; files: string[]; manifest: Record<string, any> } {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((entry) => entry.replace(/^package\//, ""));
  const manifest = JSON.parse(
    execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
  return { tarball, files, manifest };
}

/** Packs the package in `dir` into OUT and inspects the tarball. */
function pack(dir: string) {
  fs.mkdirSync(OUT, { recursive: true });
  const reply = execFileSync("npm", ["pack", "--json", "--silent", "--pack-destination", OUT], {
    cwd: dir,
    encoding: "utf8",
  });
  return inspect(path.join(OUT, JSON.parse(reply.slice(reply.indexOf("[")))[0].filename));
}

/** The tarball `npm pack` made of this checkout for the e2e run (global-setup.ts), which the programs install. */
const packedOrgplane = () =>
  path.join(
    WORK,
    fs.readdirSync(WORK).find((f) => f.endsWith(".tgz"))!,
  );

describe("orgplane's package", () => {
  const orgplane = inspect(packedOrgplane());

  it("ships the provider, the policy pack and the documents, and no emulator", () => {
    const allowed = [
      /^dist\/provider\//,
      /^dist\/policy\//,
      /^policy\//,
      /^provider\/.*\.md$/,
      /^docs\/[^/]+\.md$/,
    ];
    const topLevel = ["package.json", "README.md", "LICENSE", "CHANGELOG.md"];
    const stray = orgplane.files.filter((f) => !topLevel.includes(f) && !allowed.some((re) => re.test(f)));
    expect(stray).toEqual([]);
    expect(orgplane.files.filter((f) => /emulator|fastify/i.test(f))).toEqual([]);
    expect(orgplane.files).toContain("dist/provider/index.js");
    expect(orgplane.files).toContain("dist/policy/policies.js");
    // The READMEs link the reliability notes (`docs/reliability.md#ownership`): they ship too.
    expect(orgplane.files).toEqual(expect.arrayContaining(["docs/reliability.md", "docs/architecture.md"]));
  });

  it("depends on what resources, lookups, the policy pack and discover run, and nothing of the emulators", () => {
    const { manifest } = orgplane;
    // prettier: `orgplane discover` formats the program it writes.
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["axios", "jsforce", "prettier", "zod"]);
    expect(manifest.bin).toEqual({
      orgplane: "dist/provider/discover/cli.js",
      "orgplane-discover": "dist/provider/discover/cli.js",
    });
    const { main, types, exports, typesVersions, bin, dependencies, peerDependencies } = manifest;
    const whatInstallsAndLoads = { main, types, exports, typesVersions, bin, dependencies, peerDependencies };
    expect(JSON.stringify(whatInstallsAndLoads)).not.toMatch(/fastify|emulator/i);
  });
});

/**
 * Each kind writes its `__provider` itself instead of running the SDK's closure serializer (core/kind.ts). Installed
 * as users install it, the text must be the serializer's own for the kind's stub, so that state is unchanged.
 */
describe("installed orgplane's __provider", () => {
  it("is, for every kind, what the SDK's serializer writes for the kind's stub module", () => {
    const script = `
      const pulumi = require("@pulumi/pulumi");
      const written = {};
      pulumi.runtime.setMocks(
        { newResource: (a) => { written[a.type] = a.inputs.__provider; return { id: a.name, state: {} }; }, call: () => ({}) },
        "p", "s", false,
      ).then(async () => {
        const orgplane = require("orgplane");
        const out = [];
        for (const [namespace, members] of Object.entries(orgplane))
          for (const [name, Kind] of Object.entries(members))
            if (typeof Kind === "function" && typeof Kind.__pulumiType === "string") {
              new Kind(namespace + "-" + name, {});
              const provider = require("orgplane/provider/" + namespace + "/stubs/" + name);
              const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
              out.push({ type: Kind.__pulumiType, serializer: serialized.text });
            }
        await new Promise((resolve) => setTimeout(resolve, 100));
        for (const entry of out) entry.written = written[entry.type];
        console.log(JSON.stringify(out));
      });
    `;
    const reply = execFileSync(process.execPath, ["-e", script], { cwd: WORK, encoding: "utf8" });
    const kinds = JSON.parse(reply) as { type: string; serializer: string; written: string }[];
    expect(kinds.map((k) => k.type)).toHaveLength(7);
    for (const kind of kinds) {
      expect(kind.serializer).toMatch(/require\("orgplane\/provider\/\w+\/stubs\/\w+"\)/);
      expect({ type: kind.type, written: kind.written }).toEqual({
        type: kind.type,
        written: kind.serializer,
      });
    }
  });
});

describe("the orgplane-emulators package", () => {
  const emulators = pack(path.join(REPO, "emulators"));
  let server: ChildProcess | undefined;
  // The bin runs under npx: stop the whole process group.
  afterAll(() => server?.pid && process.kill(-server.pid));

  it("ships compiled emulators with their bin and depends on fastify", () => {
    expect(emulators.manifest.name).toBe("orgplane-emulators");
    expect(emulators.manifest.bin).toEqual({ "orgplane-emulators": "dist/cli.js" });
    expect(Object.keys(emulators.manifest.dependencies)).toContain("fastify");
    expect(emulators.files).toEqual(expect.arrayContaining(["dist/cli.js", "dist/index.js", "README.md"]));
    expect(emulators.files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it("installs from its tarball and `npx orgplane-emulators` serves the APIs", async () => {
    const home = path.join(OUT, "emulators-user");
    fs.rmSync(home, { recursive: true, force: true });
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(
      path.join(home, "package.json"),
      JSON.stringify({ name: "emulators-user", private: true }),
    );
    const npmArgs = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
    execFileSync("npm", [...npmArgs, emulators.tarball], { cwd: home, stdio: "pipe" });

    const envFile = path.join(home, "emulators.json");
    server = spawn("npx", ["--no-install", "orgplane-emulators"], {
      cwd: home,
      env: { ...process.env, ORGPLANE_EMULATOR_RANDOM_PORTS: "true", ORGPLANE_EMULATOR_ENV_FILE: envFile },
      stdio: "ignore",
      detached: true,
    });
    for (let i = 0; i < 200 && !fs.existsSync(envFile); i++) await new Promise((r) => setTimeout(r, 100));
    const env = JSON.parse(fs.readFileSync(envFile, "utf8")) as Record<string, string>;

    // Unauthenticated, the sfp server refuses in its own shape; the admin endpoints answer.
    const refused = await fetch(`${env.SFP_SERVER_URL}/sfp/api/auth/salesforce/orgs`);
    expect(refused.status).toBe(401);
    const log = await fetch(`${env.SFP_SERVER_URL}/__emulator/requests`);
    expect(log.status).toBe(200);
  });
});
