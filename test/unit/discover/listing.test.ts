import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { providers as commvault } from "../../../provider/commvault/provider";
import { main } from "../../../provider/discover/cli";
import type { SalesforceState } from "../../../emulators/salesforce/state";
import { e2eEmulators } from "../../e2e/emulators";
import { EstateSecrets, seedEstate } from "../../e2e/estate";

/** Discovery in-process against the emulators, over a small estate (the full one runs in test/e2e/discover). */
describe("orgplane discover against the emulators", () => {
  let emus: Awaited<ReturnType<typeof e2eEmulators>>;
  let secrets: EstateSecrets;
  const saved = { ...process.env };

  beforeAll(async () => {
    emus = await e2eEmulators();
    secrets = await seedEstate(emus, {
      productions: 4,
      sandboxesPerProduction: 1,
      sandboxedProductions: 2,
      commvault: 3,
      users: 12,
      biot: 2,
      iics: 2,
    });
    Object.assign(process.env, emus.env, { SF_AUTH_URL: secrets.salesforceAuthUrl });
    // Pages of 5 rows, so that 13 users take three.
    (emus.running.byName.salesforce.facts as { state: SalesforceState }).state.queryPageSize = 5;
    // One organization of a company other than the CommCell.
    const checked = await commvault.Organization.check!(
      {},
      {
        organizationName: "acme-company-backup",
        plan: { planName: "Salesforce Gold" },
        company: { companyName: "Acme Corp" },
        accessNodes: [{ clientName: "cv-access-03" }],
        salesforceAccount: {
          authentication: "password",
          userName: "backup@acme.test",
          password: "p",
          consumerId: "c",
          consumerSecret: "s",
        },
        downloadCachePath: "/var/cache/sf",
      },
    );
    await commvault.Organization.create!(checked.inputs);
  });
  afterAll(async () => {
    process.env = saved;
    await emus.running.stop();
  });

  async function run(...args: string[]) {
    let out = "";
    let err = "";
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it("lists every backend as JSON in a dry run, refusing what check refuses", async () => {
    const { code, out, err } = await run("discover", "--dry-run", "--json");
    expect(err).toMatch(/\[sfp\] 6 objects/);
    expect(err).toMatch(
      /\[salesforce\] 5 users so far\n\[salesforce\] 10 users so far\n\[salesforce\] 13 users\n/,
    );
    expect(code).toBe(0);
    const items = JSON.parse(out) as { kind: string; key: string; refusals: { field: string }[] }[];
    const count = (kind: string) => items.filter((i) => i.kind === kind).length;
    expect(count("sfp.SalesforceOrgRegistration")).toBe(4);
    expect(count("sfp.SandboxRegistration")).toBe(2);
    expect(count("commvault.Organization")).toBe(4);
    expect(count("commvault.AccessNodeBinding")).toBeGreaterThanOrEqual(3);
    expect(count("salesforce.User")).toBe(13); // 12 and the org's admin
    expect(count("biot.Organization")).toBe(3); // 2 and the manufacturer
    expect(count("iics.Organization")).toBe(2);
    const refused = items.filter((i) => i.refusals.length > 0);
    expect(refused.map((i) => i.key)).toEqual(secrets.refused);
    expect(refused[0].refusals[0].field).toMatch(/^metadata/);
  });

  it("an object that cannot be read is skipped with a message; discovery goes on", async () => {
    const cv = emus.running.byName.commvault.emulator;
    cv.faults.add({ method: "GET", path: "/Instance$", nth: 2, status: 400, message: "broken" });
    try {
      const { code, out, err } = await run("discover", "--dry-run", "--json", "--backends", "commvault");
      expect(code).toBe(0);
      expect(err).toMatch(/\[commvault\] skipped organization estate-backup-1: it cannot be read \(.*broken/);
      const orgs = (JSON.parse(out) as { kind: string; key: string }[]).filter(
        (i) => i.kind === "commvault.Organization",
      );
      expect(orgs.map((o) => o.key)).toEqual(["estate-backup-0", "estate-backup-2", "acme-company-backup"]);
    } finally {
      cv.faults.clear();
    }
  });

  it("writes a project whose index.ts declares each object with adopt: true", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "discover-"));
    const dir = path.join(parent, "estate");
    try {
      const { code, err } = await run("discover", "--out", dir, "--access-nodes", "inline");
      expect(err).not.toMatch(/orgplane discover:/);
      expect(code).toBe(0);
      const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
      expect(index).toMatch(
        /new sfp\.SandboxRegistration\("admin0-uat", \{\s*sandboxName: "uat",\s*productionUsername: orgAdmin0EstateProdTest\.username/,
      );
      expect(index).not.toMatch(/AccessNodeBinding/);
      expect(index).toMatch(
        /organizationName: "acme-company-backup",\s+plan: \{ planName: "Salesforce Gold" \},\s+company: \{ companyName: "Acme Corp" \},/,
      );
      expect(index.match(/company: /g)).toHaveLength(1);
      expect(index).toMatch(/accessNodes: \[\{ clientGroupName: "sf-access-pool" \}\]/);
      expect((index.match(/^  adopt: true,$/gm) ?? []).length).toBe(4 + 2 + 4 + 13 + 3 + 2 - 1);
      expect(index).toMatch(/\/\/ const orgAdmin1EstateProdTest = new sfp\.SalesforceOrgRegistration/);
      expect(index).toMatch(/config\.requireSecret\("orgAdmin0EstateProdTestSfdxAuthUrl"\)/);
      const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
      expect(readme).toMatch(/pulumi config set --secret orgAdmin0EstateProdTestSfdxAuthUrl/);
      expect(fs.readdirSync(dir).sort()).toEqual(
        [".gitignore", "Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"].sort(),
      );
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
