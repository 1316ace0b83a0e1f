import { generateKeyPairSync } from "node:crypto";
import { audienceFor, SalesforceClient, sessions } from "../../../provider/salesforce/client";
import { checkAndCreate, Harness, salesforceHarness } from "./harness";

const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const other = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

describe("salesforce connections", () => {
  let h: Harness;
  let org: ReturnType<Harness["newOrg"]>;
  const profileCount = async (connection: unknown) =>
    (await SalesforceClient.for(connection).query("SELECT Id FROM Profile")).length;

  beforeAll(async () => {
    h = await salesforceHarness();
    org = h.newOrg("integration@connections.test");
    h.state.connectedApps.set("orgplane-ci", {
      clientId: "orgplane-ci",
      clientSecret: "s3cr3t-consumer",
      publicKeyPem: publicKey,
    });
    h.state.passwords.set("integration@connections.test", {
      password: "Pa55word!",
      securityToken: "TOKENabc123",
    });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.emulator.clearLog());
  const tokenCalls = () => h.calls().filter((c) => c === "POST /services/oauth2/token").length;

  test("sfdxAuthUrl: refresh first, then calls go to the returned instance URL", async () => {
    expect(await profileCount(org.connection)).toBe(8);
    expect(h.calls()).toEqual(["POST /services/oauth2/token", "GET /services/data/v62.0/query"]);
    expect(h.emulator.log[0].body).toMatchObject({ grant_type: "refresh_token", client_id: "PlatformCLI" });
  });

  test("instanceUrl + accessToken: no login call at all", async () => {
    const accessToken = h.state.issueAccessToken({
      orgId: org.org.Id,
      userId: org.adminId,
      clientId: "x",
      clientSecret: "",
    });
    expect(await profileCount({ instanceUrl: h.emulator.url, accessToken })).toBe(8);
    expect(tokenCalls()).toBe(0);
  });

  test("JWT bearer: an RS256 assertion the connected app's certificate verifies", async () => {
    const jwt = {
      clientId: "orgplane-ci",
      username: "integration@connections.test",
      privateKey,
      loginUrl: h.emulator.url,
    };
    expect(await profileCount(jwt)).toBe(8);
    const form = h.emulator.log[0].body as Record<string, string>;
    expect(form.grant_type).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const claims = JSON.parse(Buffer.from(form.assertion.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({
      iss: "orgplane-ci",
      sub: "integration@connections.test",
      aud: h.emulator.url,
    });
    await expect(profileCount({ ...jwt, privateKey: other.privateKey })).rejects.toMatchObject({
      code: "invalid_grant",
      message: expect.stringContaining("invalid assertion"),
    });
    await expect(profileCount({ ...jwt, privateKey: "not a key" })).rejects.toThrow(
      /privateKey is not a usable PEM/,
    );
  });

  test("username + password: OAuth password flow with a connected app, SOAP login without", async () => {
    const password = {
      loginUrl: h.emulator.url,
      username: "integration@connections.test",
      password: "Pa55word!",
      securityToken: "TOKENabc123",
    };
    expect(
      await profileCount({ ...password, clientId: "orgplane-ci", clientSecret: "s3cr3t-consumer" }),
    ).toBe(8);
    expect(h.emulator.log[0].body).toMatchObject({
      grant_type: "password",
      password: "Pa55word!TOKENabc123",
    });
    h.emulator.clearLog();
    expect(await profileCount(password)).toBe(8);
    expect(h.calls()[0]).toBe("POST /services/Soap/u/62.0");
  });

  test("API 65.0 and later: a password without a connected app is refused at check, naming JWT or a refresh token", async () => {
    const { providers } = await import("../../../provider/salesforce/provider");
    const connection = {
      loginUrl: h.emulator.url,
      username: "integration@connections.test",
      password: "Pa55word!",
      apiVersion: "65.0",
    };
    const inputs = {
      username: "x@connections.test",
      email: "x@connections.test",
      lastName: "X",
      profileName: "Standard User",
      connection,
    };
    const result = await providers.User.check!({}, inputs);
    const failure = JSON.stringify(result.failures);
    expect(failure).toMatch(/SOAP login\(\).*65\.0.*JWT bearer.*sfdxAuthUrl/);
    expect(failure).not.toContain("Pa55word!");
    const withApp = { ...connection, clientId: "orgplane-ci", clientSecret: "s3cr3t-consumer" };
    expect((await providers.User.check!({}, { ...inputs, connection: withApp })).failures).toBeUndefined();
    expect(h.emulator.log).toHaveLength(0);
    // The emulator refuses SOAP login at 65.0 as Salesforce does.
    const soap = await fetch(`${h.emulator.url}/services/Soap/u/65.0`, {
      method: "POST",
      headers: { "content-type": "text/xml", soapaction: "login" },
      body: "<login><username>integration@connections.test</username><password>Pa55word!</password></login>",
    });
    expect(soap.status).toBe(500);
    expect(await soap.text()).toContain("<faultcode>sf:UNSUPPORTED_API_VERSION</faultcode>");
  });

  test("an org that blocks the OAuth password flow gets an error that says what to use instead", async () => {
    h.state.passwordFlowBlocked = true;
    try {
      const error = await profileCount({
        loginUrl: h.emulator.url,
        username: "integration@connections.test",
        password: "Blocked-Pa55word",
        clientId: "orgplane-ci",
        clientSecret: "s3cr3t-consumer",
        apiVersion: "61.0",
      }).catch((e) => e);
      expect(error.message).toMatch(/refuses the OAuth username-password flow.*JWT bearer.*sfdxAuthUrl/s);
      expect(error.message).not.toContain("Blocked-Pa55word");
      expect(error.message).not.toContain("s3cr3t-consumer");
    } finally {
      h.state.passwordFlowBlocked = false;
    }
  });

  test("login failures keep the API's code and carry no secret", async () => {
    const wrong = {
      loginUrl: h.emulator.url,
      username: "integration@connections.test",
      password: "Wrong-Pa55word-77",
      clientId: "orgplane-ci",
      clientSecret: "s3cr3t-consumer",
    };
    const oauth = await profileCount(wrong).catch((e) => e);
    expect(oauth).toMatchObject({ name: "ApiError", code: "invalid_grant", status: 400 });
    const soap = await profileCount({ ...wrong, clientId: undefined, clientSecret: undefined }).catch(
      (e) => e,
    );
    expect(soap).toMatchObject({ code: "INVALID_LOGIN", status: 500 });
    const revoked = h.newOrg("revoked@connections.test");
    h.state.refreshTokens.delete(revoked.refreshToken);
    const refresh = await profileCount(revoked.connection).catch((e) => e);
    expect(refresh).toMatchObject({
      code: "invalid_grant",
      message: expect.stringContaining("expired access/refresh token"),
    });
    for (const error of [oauth, soap, refresh]) {
      for (const secret of ["Wrong-Pa55word-77", "s3cr3t-consumer", revoked.refreshToken]) {
        expect(`${error.message} ${error.stack}`).not.toContain(secret);
      }
    }
  });

  test("without a connection input, SF_AUTH_URL and friends are used", async () => {
    const saved = { ...process.env };
    try {
      process.env.SF_AUTH_URL = org.connection.sfdxAuthUrl;
      process.env.SF_INSTANCE_URL = "https://ignored.my.salesforce.com";
      expect(await profileCount(undefined)).toBe(8);
      delete process.env.SF_AUTH_URL;
      process.env.SF_ACCESS_TOKEN = "only-a-token";
      delete process.env.SF_INSTANCE_URL;
      expect(() => SalesforceClient.for(undefined)).toThrow(
        /instanceUrl \(SF_INSTANCE_URL, orgplane:sfInstanceUrl\) — is required with accessToken/,
      );
    } finally {
      process.env = saved;
    }
  });

  test("one login per credential for N users", async () => {
    const shared = h.newOrg("admin@one-login.test");
    const before = sessions.logins;
    const base = {
      email: "u@one-login.test",
      lastName: "N",
      profileName: "Standard User",
      connection: shared.connection,
    };
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => checkAndCreate({ ...base, username: `u${i}@one-login.test` })),
    );
    expect(sessions.logins - before).toBe(1);
    expect(tokenCalls()).toBe(1);
  });

  test("core's retry policy applies to jsforce's requests (503 with Retry-After)", async () => {
    await profileCount(org.connection);
    h.emulator.clearLog();
    h.emulator.faults.add({ method: "GET", path: "/query$", status: 503, retryAfter: 0, times: 2 });
    expect(await profileCount(org.connection)).toBe(8);
    expect(h.emulator.log.map((e) => e.status)).toEqual([503, 503, 200]);
    h.emulator.faults.clear();
  });

  test("JWT audience follows the login host: sandboxes, My Domain, anything else as is", () => {
    expect(audienceFor("https://test.salesforce.com")).toBe("https://test.salesforce.com");
    expect(audienceFor("https://acme--uat.sandbox.my.salesforce.com")).toBe("https://test.salesforce.com");
    expect(audienceFor("https://acme.my.salesforce.com")).toBe("https://login.salesforce.com");
    expect(audienceFor("https://login.salesforce.com/")).toBe("https://login.salesforce.com");
    expect(audienceFor("http://127.0.0.1:4010/")).toBe("http://127.0.0.1:4010");
  });
});
