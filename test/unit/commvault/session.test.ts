import { CommvaultClient } from "../../../provider/commvault/client";
import { orgArgs, startHarness } from "./harness";

describe("commvault sessions: one login per process and credential, one re-login on 401", () => {
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

  test("a 401 (expired session) logs in once more and the call succeeds", async () => {
    const created = await h.createOrg(orgArgs("s-expire"));
    h.cv.auth.expireSessions();
    h.cv.emulator.clearLog();
    const read = await h.org.read!(created.id, created.state);
    expect(read.id).toBe(created.id);
    expect(h.calls("POST")).toEqual(["POST /Login"]);
    const statuses = h.cv.emulator.log.filter((e) => e.method === "GET").map((e) => e.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(2);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
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
