import * as fs from "node:fs";
import * as path from "node:path";
import * as commvault from "../../../provider/commvault";
import { startHarness } from "./harness";

/** What an Output holds (outside a deployment); its other promises are handled, so a failure leaves none behind. */
function valueOf<T>(output: unknown): Promise<T> {
  const o = output as { promise(): Promise<T>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
  for (const other of [o.isKnown, o.isSecret]) other.catch(() => undefined);
  return o.promise();
}
/** A call with arguments the types would refuse, as a JavaScript program can make it. */
const untyped = <R>(lookup: (args: never) => R, args: unknown): R => lookup(args as never);

describe("commvault lookups check their arguments before any call", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());
  beforeEach(() => h.cv.emulator.reset());

  test.each([
    ["getPlan", {}, "commvault.getPlan: give exactly one of planId and planName"],
    ["getPlan", { planName: "" }, "commvault.getPlan: planName: must not be blank"],
    ["getPlan", { planName: "Salesforce\nGold" }, "planName: must not contain control characters"],
    ["getPlan", { planId: 11, planName: "Salesforce Gold" }, "give planId or planName, not both"],
    ["getPlan", { planId: 0 }, "commvault.getPlan: planId: must be a positive integer"],
    ["getPlan", { planname: "Salesforce Gold" }, "planname: is not known to commvault.getPlan"],
    [
      "getClient",
      { clientName: "cv-access-01,name:eq:cv-access-02" },
      "commvault.getClient: clientName: must not contain , or : (Commvault's fq name filter has no escape",
    ],
    ["getClientGroup", { clientGroupName: "pool:x" }, "clientGroupName: must not contain , or :"],
    ["getCompany", { companyId: 7, companyName: "Acme Corp" }, "give companyId or companyName, not both"],
    [
      "getOrganization",
      { organizationName: " " },
      "commvault.getOrganization: organizationName: must not be",
    ],
    ["listClients", { cloudAppsOnly: "yes" }, "commvault.listClients: cloudAppsOnly: Invalid input"],
  ] as const)("%s(%j) is refused", async (name, args, reason) => {
    const lookup = commvault[name] as (args: never) => Promise<unknown>;
    const error = (await untyped(lookup, args).catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ name: "OrgplaneError" });
    expect(error.message).toContain(reason);
    expect(h.calls()).toEqual([]);
  });

  test("the Output form refuses as well, and a bad connection is named without its secrets", async () => {
    await expect(valueOf(untyped(commvault.getPlanOutput, {}))).rejects.toThrow(
      "commvault.getPlan: give exactly one of planId and planName",
    );
    const token = "cv-token-never-shown-1234";
    const error = (await commvault
      .getPlan({ planName: "Salesforce Gold", connection: { url: "ftp://cv.example.com", token } })
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/^commvault\.getPlan: connection\.url: /);
    expect(error.message).not.toContain(token);
    expect(h.calls()).toEqual([]);
  });

  test("valid arguments still find plans, companies, clients and groups", async () => {
    const { connection } = h;
    expect(await commvault.getPlan({ planName: "salesforce gold", connection })).toEqual({
      planId: 11,
      planName: "Salesforce Gold",
    });
    expect(await commvault.getPlan({ planId: 12, connection })).toMatchObject({
      planName: "Salesforce Silver",
    });
    expect(await commvault.getCompany({ companyName: "Acme Corp", connection })).toMatchObject({
      companyId: 7,
    });
    expect(await commvault.getClient({ clientName: "cv-access-01", connection })).toMatchObject({
      clientId: 101,
    });
    expect(await commvault.getClientGroup({ clientGroupName: "sf-access-pool", connection })).toMatchObject({
      clientGroupId: 201,
    });
    expect(h.cv.emulator.calls({ method: "GET", path: "/commandcenter/api/Client" })[0].query).toEqual({
      fq: "name:eq:cv-access-01",
    });
    expect((await commvault.listClients({ connection })).length).toBeGreaterThan(0);
  });

  test("the README's getPlanOutput example passes the checks and finds its plan", async () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../provider/commvault/README.md"), "utf8");
    const [, args] = /commvault\.getPlanOutput\((\{[^)]*\})\)/.exec(readme) ?? [];
    const example = new Function(`return (${args});`)() as { planName: string };
    const plan = await valueOf(commvault.getPlanOutput({ ...example, connection: h.connection }));
    expect(plan).toEqual({ planId: 11, planName: "Salesforce Gold" });
  });
});
