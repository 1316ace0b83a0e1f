import { RunningEmulators, startEmulators } from "../../emulators";
import { SalesforceState } from "../../emulators/salesforce/state";
import { SfpEmulator } from "../../emulators/sfp/server";
import { guardContracts } from "./contract-guard";

describe("sfp emulator contract", () => {
  let running: RunningEmulators;
  let sfp: SfpEmulator;
  let owner: string;
  let authUrl: string;
  const BASE = "/sfp/api/auth/salesforce";

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${sfp.emulator.url}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };

  beforeAll(async () => {
    running = await startEmulators({ only: ["salesforce", "sfp"] });
    sfp = (running.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
    owner = sfp.issueToken("owner");
    const state = (running.byName.salesforce.facts as { state: SalesforceState }).state;
    const created = state.createOrg({ username: "Ops@Contract.test", organizationType: "Developer Edition" });
    state.createSandbox(created.org.Id, "qa");
    authUrl = `force://PlatformCLI::${created.refreshToken}@${new URL(running.byName.salesforce.emulator.url).host}`;
  });
  guardContracts(() => Object.values(running?.byName ?? {}).map((s) => s.emulator));
  afterAll(() => running.stop());

  test("no or bad token: 401 NestJS body", async () => {
    expect(await call("GET", `${BASE}/orgs`)).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: "Unauthorized" },
    });
    expect((await call("GET", `${BASE}/orgs`, "not-a-jwt")).status).toBe(401);
  });

  test("register needs the owner role", async () => {
    const res = await call("POST", `${BASE}/register`, sfp.issueToken("member"), { sfdxAuthUrl: authUrl });
    expect(res).toMatchObject({
      status: 403,
      body: { statusCode: 403, message: "Forbidden - Requires role: owner", error: "Forbidden" },
    });
  });

  test("register validates the body like NestJS's ValidationPipe", async () => {
    const res = await call("POST", `${BASE}/register`, owner, { isDevHub: "yes" });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("Bad Request");
    expect(res.body.message).toEqual(
      expect.arrayContaining(["sfdxAuthUrl must be a string", "isDevHub must be a boolean value"]),
    );
  });

  test("register refuses an instanceUrl outside the contract's pattern before it registers anything", async () => {
    const before = [...sfp.orgs.keys()];
    for (const instanceUrl of ["http://x.example.com/../a?a=1#f", "https://acme.example.com"]) {
      const res = await call("POST", `${BASE}/register`, owner, {
        sfdxAuthUrl: authUrl,
        username: "orphan@x.test",
        instanceUrl,
        skipValidation: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([
        "instanceUrl must match https://*.salesforce.com regular expression",
      ]);
    }
    expect([...sfp.orgs.keys()]).toEqual(before);
  });

  test("register checks the auth URL against Salesforce and fills in the org facts (201)", async () => {
    const res = await call("POST", `${BASE}/register`, owner, {
      sfdxAuthUrl: authUrl,
      metadata: { env: "dev" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: "ops@contract.test",
      organizationType: "Developer Edition",
      instanceName: "NA139",
    });
    expect(res.body).not.toHaveProperty("sfdxAuthUrl");
    expect(res.body).not.toHaveProperty("createdAt");
    const bad = await call("POST", `${BASE}/register`, owner, {
      sfdxAuthUrl: authUrl.replace("5Aep", "XXXX"),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/invalid_grant|expired/);
  });

  test("register is an upsert and only one org is the default DevHub", async () => {
    const first = await call("POST", `${BASE}/register`, owner, {
      sfdxAuthUrl: authUrl,
      username: "a@x.test",
      skipValidation: true,
      isDevHub: true,
      isDefault: true,
    });
    const second = await call("POST", `${BASE}/register`, owner, {
      sfdxAuthUrl: authUrl,
      username: "b@x.test",
      skipValidation: true,
      isDevHub: true,
      isDefault: true,
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const again = await call("POST", `${BASE}/register`, owner, {
      sfdxAuthUrl: authUrl,
      username: "a@x.test",
      skipValidation: true,
      metadata: { v: 2 },
    });
    expect(again.status).toBe(201);
    const a = await call("GET", `${BASE}/org?username=a@x.test`, owner);
    const b = await call("GET", `${BASE}/org?username=b@x.test`, owner);
    expect(a.body).toMatchObject({ isDefault: false, metadata: { v: 2 } });
    expect(b.body.isDefault).toBe(true);
    expect(typeof a.body.createdAt).toBe("string");
  });

  test("get: 404 body, credentials only for owner and application", async () => {
    expect(await call("GET", `${BASE}/org?username=nobody@x.test`, owner)).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: "Organization not found", error: "Not Found" },
    });
    const asOwner = await call("GET", `${BASE}/org?username=ops@contract.test&authType=accessToken`, owner);
    expect(asOwner.body.accessToken).toMatch(/^00D\w{15}![.\w]+$/);
    const asMember = await call(
      "GET",
      `${BASE}/org?username=ops@contract.test&authType=accessToken`,
      sfp.issueToken("member"),
    );
    expect(asMember.status).toBe(200);
    expect(asMember.body).not.toHaveProperty("accessToken");
  });

  test("list filters by type, devhub and metadata (both formats)", async () => {
    const devhubs = await call("GET", `${BASE}/orgs?devhub=true`, sfp.issueToken("application"));
    // a@x.test was re-registered without isDevHub: the upsert reset it to its default.
    expect(devhubs.body.map((o: { username: string }) => o.username)).toEqual(["b@x.test"]);
    const byMeta = await call("GET", `${BASE}/orgs?metadata=env=dev`, owner);
    expect(byMeta.body.map((o: { username: string }) => o.username)).toEqual(["ops@contract.test"]);
    const byJson = await call("GET", `${BASE}/orgs?metadata=${encodeURIComponent('{"env":"dev"}')}`, owner);
    expect(byJson.body).toHaveLength(1);
  });

  test("sandbox by name: JIT registration through the production org", async () => {
    const res = await call("POST", `${BASE}/register-sandbox-by-name`, owner, {
      sandboxName: "qa",
      productionUsername: "ops@contract.test",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: "ops@contract.test.qa",
      isJitRegistration: true,
      parentProductionUsername: "ops@contract.test",
    });
    const missing = await call("POST", `${BASE}/register-sandbox-by-name`, owner, {
      sandboxName: "nope",
      productionUsername: "ops@contract.test",
    });
    expect(missing.status).toBe(400);
    const byName = await call("GET", `${BASE}/org?username=qa`, owner);
    expect(byName.body.username).toBe("ops@contract.test.qa");
  });

  test("test-connection and frontdoor", async () => {
    const ok = await call("POST", `${BASE}/test-connection?username=ops@contract.test`, owner);
    expect(ok.body).toMatchObject({ isValid: true, username: "ops@contract.test" });
    expect(
      (await call("POST", `${BASE}/test-connection?username=ops@contract.test`, sfp.issueToken("member")))
        .status,
    ).toBe(403);
    const redirect = await call("GET", `${BASE}/frontdoor?target=ops@contract.test`, owner);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toMatch(/\/secur\/frontdoor\.jsp\?sid=/);
    const json = await call("GET", `${BASE}/frontdoor?target=qa&redirect=false`, owner);
    expect(json.body.url).toMatch(/frontdoor\.jsp/);
  });

  test("delete: owner only, 200 then 404", async () => {
    expect(
      (await call("DELETE", `${BASE}/org?username=a@x.test`, sfp.issueToken("application"))).status,
    ).toBe(403);
    expect((await call("DELETE", `${BASE}/org?username=a@x.test`, owner)).status).toBe(200);
    expect((await call("DELETE", `${BASE}/org?username=a@x.test`, owner)).status).toBe(404);
  });

  test("every request is logged for API-call counting", () => {
    const deletes = sfp.emulator.calls({ method: "DELETE", path: `${BASE}/org` });
    expect(deletes.map((c) => c.status)).toEqual([403, 200, 404]);
  });
});
