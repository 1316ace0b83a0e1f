import * as fs from "node:fs";
import * as path from "node:path";
import { Contract } from "../../emulators/core/contract";
import { SfpEmulator } from "../../emulators/sfp/server";

const CONTRACTS = path.join(__dirname, "../../contracts");
const BACKENDS = ["sfp", "biot", "commvault", "iics", "salesforce"];

describe("contracts/", () => {
  test.each(BACKENDS)("%s: every operation of a written document names its source", (backend) => {
    const index = JSON.parse(fs.readFileSync(path.join(CONTRACTS, backend, "index.json"), "utf8"));
    for (const entry of index.documents.filter((d: { asIs?: boolean }) => !d.asIs)) {
      const doc = JSON.parse(fs.readFileSync(path.join(CONTRACTS, backend, entry.file), "utf8"));
      const unsourced = Object.entries(doc.paths as Record<string, Record<string, { "x-source"?: string }>>)
        .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => [`${m} ${p}`, op["x-source"]]))
        .filter(([, source]) => typeof source !== "string" || source.length < 10);
      expect(unsourced).toEqual([]);
    }
  });

  test("the sfp seed is used as given: its operations match, the supplement counts apart", () => {
    const sfp = new Contract("sfp");
    const seed = sfp.match("GET", "/sfp/api/auth/salesforce/orgs")!;
    expect(sfp.entryOf(seed)).toMatchObject({ asIs: true });
    const byName = sfp.match("POST", "/sfp/api/auth/salesforce/register-sandbox-by-name")!;
    expect(sfp.entryOf(byName)).toMatchObject({ apart: true });
    expect(sfp.match("GET", "/sfp/api/nowhere")).toBeUndefined();
  });

  test("field uses: a field the schema lacks is neither described nor sourced", () => {
    const sf = new Contract("salesforce");
    const match = sf.match("POST", "/services/data/v62.0/composite")!;
    const uses = sf.fieldUses(match, "request", 200, { allOrNone: true, surprise: 1 });
    expect(uses).toEqual([
      { path: "allOrNone", described: true, sourced: true },
      { path: "surprise", described: false, sourced: false },
    ]);
    expect(
      sf.requestProblems(match, "/services/data/v62.0/composite", {}, { surprise: 1 }, "application/json"),
    ).toEqual([expect.stringContaining("compositeRequest")]);
  });

  test("an emulator answers 400 to a request outside its contract and keeps the violation", async () => {
    const sfp = new SfpEmulator();
    await sfp.emulator.start(0);
    try {
      const res = await fetch(`${sfp.emulator.url}/sfp/api/auth/salesforce/register`, {
        method: "POST",
        headers: { authorization: `Bearer ${sfp.issueToken("owner")}`, "content-type": "application/json" },
        body: JSON.stringify({ isDevHub: "yes" }),
      });
      expect(res.status).toBe(400);
      expect(sfp.emulator.takeContractViolations()).toEqual([
        expect.stringMatching(/request outside the contract: .*sfdxAuthUrl.*isDevHub must be boolean/),
      ]);
      await fetch(`${sfp.emulator.url}/sfp/api/auth/salesforce/register`, { method: "POST", body: "{}" });
    } finally {
      await expect(sfp.emulator.stop()).rejects.toThrow(/outside the contract/);
    }
  });
});
