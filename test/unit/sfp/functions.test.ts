import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulators, startEmulators } from "../../../emulators";
import { SalesforceState } from "../../../emulators/salesforce/state";
import { SfpEmulator } from "../../../emulators/sfp/server";
import { sfp } from "../../../provider";

/** What an Output holds (outside a deployment, as a unit test runs). */
const valueOf = <T>(output: unknown) => (output as { promise(): Promise<T> }).promise();

describe("sfp functions against the emulator", () => {
  let running: RunningEmulators;
  let emulator: SfpEmulator;
  let connection: { url: string; token: string };

  beforeAll(async () => {
    running = await startEmulators({ only: ["salesforce", "sfp"] });
    emulator = (running.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
    connection = { url: emulator.emulator.url, token: emulator.issueToken("owner") };
    const state = (running.byName.salesforce.facts as { state: SalesforceState }).state;
    const created = state.createOrg({
      username: "hub@functions.test",
      organizationType: "Developer Edition",
    });
    state.createSandbox(created.org.Id, "uat");
    const host = new URL(running.byName.salesforce.emulator.url).host;
    const client = { url: emulator.emulator.url, token: connection.token };
    const register = async (body: unknown, route = "register") => {
      const res = await fetch(`${client.url}/sfp/api/auth/salesforce/${route}`, {
        method: "POST",
        headers: { authorization: `Bearer ${client.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    };
    await register({ sfdxAuthUrl: `force://PlatformCLI::${created.refreshToken}@${host}`, isDevHub: true });
    await register(
      { sandboxName: "uat", productionUsername: "hub@functions.test" },
      "register-sandbox-by-name",
    );
  });
  afterAll(() => running.stop());

  test("testConnection checks a registered org's stored credentials (a POST without a body)", async () => {
    emulator.emulator.clearLog();
    const result = await sfp.testConnection({ username: "hub@functions.test", connection });
    expect(result).toMatchObject({ isValid: true, username: "hub@functions.test" });
    const [call] = emulator.emulator.calls({ path: "/sfp/api/auth/salesforce/test-connection" });
    expect(call).toMatchObject({ status: 200, body: undefined });
    expect(emulator.emulator.takeContractViolations()).toEqual([]);
  });

  test("the root README's listOrgsOutput example finds the registered orgs it describes", async () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
    const [, args] = /sfp\.listOrgsOutput\((\{[^)]*\})\)/.exec(readme) ?? [];
    expect(args).toBeDefined();
    const filter = new Function(`return (${args});`)() as Parameters<typeof sfp.listOrgs>[0];
    const listed = await valueOf<sfp.SfpOrg[]>(sfp.listOrgsOutput({ ...filter, connection }));
    expect(listed.map((o) => o.username)).toEqual(["hub@functions.test"]);
  });

  test.each([
    [
      "getOrg",
      { username: "../../orgs" },
      "sfp.getOrg: username: must be a Salesforce username (email-shaped)",
    ],
    ["getOrg", { username: "a\r\nb" }, "sfp.getOrg: username: must be a Salesforce username"],
    ["getOrg", { username: "" }, "sfp.getOrg: username: must be a Salesforce username"],
    [
      "getOrg",
      { username: "hub@functions.test", authType: "password" },
      "sfp.getOrg: authType: Invalid option",
    ],
    ["listOrgs", { type: 5 }, "sfp.listOrgs: type: Invalid input: expected string, received number"],
    ["listOrgs", { metadata: { " ": "x" } }, "sfp.listOrgs: metadata. : must not be blank"],
    [
      "testConnection",
      {},
      "sfp.testConnection: username: Invalid input: expected string, received undefined",
    ],
    [
      "getFrontdoorUrl",
      { target: "uat\n" },
      "sfp.getFrontdoorUrl: target: must not contain control characters",
    ],
  ] as const)("%s(%j) is refused before any request", async (name, args, reason) => {
    emulator.emulator.clearLog();
    const lookup = sfp[name] as (args: never) => Promise<unknown>;
    const error = (await lookup({ ...args, connection } as never).catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ name: "OrgplaneError" });
    expect(error.message).toContain(reason);
    expect(emulator.emulator.log).toEqual([]);
  });

  test("the Output form refuses too; valid arguments still work", async () => {
    emulator.emulator.clearLog();
    const output = sfp.listOrgsOutput({ type: 5, connection } as never) as unknown as {
      promise(): Promise<unknown>;
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
    };
    for (const other of [output.isKnown, output.isSecret]) other.catch(() => undefined);
    await expect(output.promise()).rejects.toThrow("sfp.listOrgs: type: Invalid input");
    expect(emulator.emulator.log).toEqual([]);
    expect(await sfp.getOrg({ username: "HUB@functions.test", connection })).toMatchObject({
      username: "hub@functions.test",
    });
    const listed = await sfp.listOrgs({ devhub: true, metadata: {}, connection });
    expect(listed.map((o) => o.username)).toEqual(["hub@functions.test"]);
  });

  test("type filters on the org type Salesforce reports: a sandbox is found by its edition", async () => {
    const sandbox = (await sfp.listOrgs({ connection })).find((o) => o.isJitRegistration)!;
    expect(sandbox.organizationType).not.toMatch(/sandbox/i);
    expect(await sfp.listOrgs({ type: "sandbox", connection })).toEqual([]);
    const byEdition = await sfp.listOrgs({ type: sandbox.organizationType, connection });
    expect(byEdition.map((o) => o.username)).toContain(sandbox.username);
  });
});
