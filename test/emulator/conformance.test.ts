import { execFile, execFileSync } from "node:child_process";
import { join } from "node:path";
import { BiotEmulator } from "../../emulators/biot";
import { RunningEmulators, startEmulators } from "../../emulators";
import { guardContracts } from "./contract-guard";

/**
 * The vendors' own clients (cvpysdk, BioT's SDKs, simple-salesforce) run their core flows against the
 * emulators over https: test/conformance/*.py, in a cached venv (scripts/ensure-conformance-venv).
 * No Python, no venv: the suite fails, it does not skip.
 */
const ROOT = join(__dirname, "..", "..");
const FLOWS: Record<string, { script: string; ops: string[] }> = {
  cvpysdk: {
    script: "cvpysdk_flows.py",
    ops: [
      "login",
      "token login (WhoAmI)",
      "clients and clients.get",
      "plans",
      "client groups",
      "organizations",
      "add_salesforce_client",
      "Salesforce instance and backup set",
      "token renewal on 401",
      "logout",
    ],
  },
  "biotmed SDKs": {
    script: "biot_flows.py",
    ops: [
      "health checks",
      "login",
      "refresh",
      "branding of own organization",
      "create by template",
      "search",
      "get (includeReferencers)",
      "update",
      "change admin",
      "delete (sync and async)",
      "logout",
    ],
  },
  "simple-salesforce": {
    script: "salesforce_flows.py",
    ops: [
      "session login (instance_url + session_id)",
      "OAuth refresh token grant",
      "password login (SOAP)",
      "password login (OAuth)",
      "JWT login",
      "query and query_all",
      "User get",
      "User create",
      "User update",
      "User delete",
      "PermissionSetAssignment",
      "composite",
      "limits",
      "session renewal on 401",
      "bad password: SOAP LoginFault",
    ],
  },
};

interface Result {
  client: string;
  op: string;
  ok: boolean;
  error?: string;
}

function run(
  python: string,
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<{ lines: Result[]; log: string }> {
  return new Promise((resolve) => {
    execFile(
      python,
      [script],
      { cwd: join(ROOT, "test", "conformance"), env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const lines = stdout
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as Result);
        resolve({ lines, log: `${error ? `${error.message}\n` : ""}${stderr}` });
      },
    );
  });
}

describe("conformance: the vendors' clients against the emulators over https", () => {
  let running: RunningEmulators;
  const results: Result[] = [];
  const logs: Record<string, string> = {};

  beforeAll(async () => {
    // Throws (and so fails every test here) when no venv can be made.
    const python = execFileSync(join(ROOT, "scripts", "ensure-conformance-venv"), {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }).trim();
    running = await startEmulators();
    const biot = running.byName.biot.facts!.biot as BiotEmulator;
    const deputy = biot.state.addUser({
      organizationId: biot.state.manufacturer.id,
      templateId: biot.state.templateByName("OrganizationAdmin", "user")!.id,
      firstName: "Deputy",
      lastName: "Admin",
      email: "deputy@manufacturer.example",
    });
    // Loopback only: no proxy may stand between the clients and the emulators.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_proxy$/i.test(k)));
    const env = {
      ...base,
      ...running.env,
      NO_PROXY: "127.0.0.1,localhost",
      BIOT_DEPUTY_ADMIN_ID: deputy.id,
    };
    const runs = await Promise.all(Object.values(FLOWS).map((f) => run(python, f.script, env)));
    Object.keys(FLOWS).forEach((client, i) => {
      results.push(...runs[i].lines);
      logs[client] = runs[i].log;
    });
  }, 600_000);

  guardContracts(() => Object.values(running?.byName ?? {}).map((s) => s.emulator));

  afterAll(async () => {
    await running?.stop();
  });

  for (const [client, { ops }] of Object.entries(FLOWS)) {
    test.each(ops)(`${client}: %s`, (op) => {
      const result = results.find((r) => r.client === client && r.op === op);
      if (!result) throw new Error(`${client} did not report "${op}"\n${logs[client] ?? ""}`);
      expect(result.error ?? "").toBe("");
      expect(result.ok).toBe(true);
    });
  }
});
