import { CommvaultClient } from "../../../provider/commvault/client";
import { orgArgs, startHarness } from "./harness";

// "401, then one re-login" is tested once in core (test/unit/core/session.test.ts) and per kind by the fault matrix.
describe("commvault sessions: one login per process and credential", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  test("N creates make one login", async () => {
    await Promise.all([
      h.createOrg(orgArgs("s-1")),
      h.createOrg(orgArgs("s-2")),
      h.createOrg(orgArgs("s-3")),
    ]);
    await h.createOrg(orgArgs("s-4"));
    expect(h.calls("POST", /Login/)).toEqual(["POST /Login"]);
    const login = h.cv.emulator.calls({ path: /Login$/ })[0].body as { username: string; password: string };
    expect(login).toEqual({
      username: "admin",
      password: Buffer.from(h.cv.admin.password).toString("base64"),
    });
  });

  test("an access token is used as is: no login at all", async () => {
    h.cv.emulator.clearLog();
    const client = new CommvaultClient({ url: h.cv.apiUrl, token: h.cv.accessToken });
    expect((await client.listPlans()).map((p) => p.planName)).toEqual([
      "Salesforce Gold",
      "Salesforce Silver",
    ]);
    expect(h.calls("POST")).toEqual([]);
    expect(h.cv.emulator.log[0].status).toBe(200);
  });

  test("a token the server refuses is tried twice, then fails with the API's message", async () => {
    h.cv.emulator.clearLog();
    const client = new CommvaultClient({ url: h.cv.apiUrl, token: "QSDK 0123456789abcdef" });
    await expect(client.listPlans()).rejects.toThrow(
      "commvault GET /Plan failed: HTTP 401: 5: Access denied",
    );
    expect(h.cv.emulator.log.map((e) => e.status)).toEqual([401, 401]);
  });

  test("a wrong password fails with the login's own message and no secret", async () => {
    const client = new CommvaultClient({ url: h.cv.apiUrl, username: "admin", password: "not-the-password" });
    const error = await client.listPlans().catch((e) => e);
    expect(error.message).toBe("commvault POST /Login failed: HTTP 200: 1116: Invalid Username or Password");
    expect(error.message).not.toContain("not-the-password");
  });

  test("environment variables are the fallback connection", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { COMMVAULT_URL: h.cv.apiUrl, COMMVAULT_TOKEN: h.cv.accessToken });
    try {
      expect((await CommvaultClient.for(undefined).findPlan("salesforce gold"))?.planId).toBe(11);
      delete process.env.COMMVAULT_TOKEN;
      expect(() => CommvaultClient.for(undefined)).toThrow(
        /no usable connection in the environment.*COMMVAULT_URL, COMMVAULT_USERNAME, COMMVAULT_PASSWORD, COMMVAULT_TOKEN/,
      );
    } finally {
      process.env = saved;
    }
  });
});
