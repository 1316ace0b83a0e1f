import { CommvaultEmulator } from "../../emulators/commvault/server";
import { guardContracts } from "./contract-guard";

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A valid create body; `patch` overrides top-level fields. */
function createBody(name: string, patch: Record<string, unknown> = {}) {
  return {
    organizationName: name,
    plan: { planName: "Salesforce Gold", planId: 11, entityInfo: { companyId: 0, companyName: "Commcell" } },
    accessNodes: [
      { client: { clientId: 101, clientName: "cv-access-01", _type_: 3 } },
      { client: { clientGroupId: 201, clientGroupName: "sf-access-pool", _type_: 28 } },
    ],
    salesforceAccount: {
      environmentType: 0,
      authenticationType: 2,
      userCredentials: { userName: "backup@acme.com", password: b64("sf-pass") },
      consumerId: "3MVG9-consumer",
      consumerSecret: b64("consumer-secret"),
    },
    downloadCachePath: "/tmp/cache",
    syncDatabase: {
      dbEnabled: true,
      dbType: "3",
      dbHost: "db.local",
      dbPort: "5432",
      dbName: "sfsync",
      dbUserPassword: { userName: "sync", password: b64("db-pass") },
    },
    ...patch,
  };
}

describe("Commvault emulator HTTP contract", () => {
  const cv = new CommvaultEmulator();
  let token = "";

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(cv.apiUrl + path, {
      method,
      headers: {
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(token && !("authtoken" in headers) && !("authorization" in headers) ? { authtoken: token } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  const login = async (password = cv.admin.password) =>
    call("POST", "/Login", { username: "admin", password: b64(password) }, { authtoken: "" });

  beforeAll(async () => {
    await cv.emulator.start();
  });
  guardContracts(() => [cv.emulator]);
  afterAll(() => cv.emulator.stop());
  beforeEach(async () => {
    cv.emulator.reset();
    token = (await login()).body.token;
  });

  describe("authentication", () => {
    test("login takes a Base64 password and returns a QSDK token", async () => {
      const res = await login();
      expect(res.status).toBe(200);
      expect(res.body.token).toMatch(/^QSDK [0-9a-f]{64,}$/);
      expect(res.body).toMatchObject({ userName: "admin", errList: [], isAccountLocked: false });
    });

    test("a wrong password is a 200 without a token, with errList", async () => {
      const res = await login("wrong");
      expect(res.status).toBe(200);
      expect(res.body.token).toBeUndefined();
      expect(res.body.errList[0].errLogMessage).toBe("Invalid Username or Password");
    });

    test("a password that is not Base64 is a 400 with errorMessage and errorCode", async () => {
      const res = await call(
        "POST",
        "/Login",
        { username: "admin", password: "not base64!" },
        { authtoken: "" },
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errorMessage: "password must be Base64 encoded", errorCode: 2 });
    });

    test("no token, a bad token, or an expired session gets 401 Access denied", async () => {
      const denied = { errorMessage: "Access denied", errorCode: 5 };
      expect(await call("GET", "/Plan", undefined, { authtoken: "" })).toMatchObject({
        status: 401,
        body: denied,
      });
      expect(await call("GET", "/Plan", undefined, { authtoken: "QSDK 1234" })).toMatchObject({
        status: 401,
        body: denied,
      });
      cv.auth.expireSessions();
      expect(await call("GET", "/Plan")).toMatchObject({ status: 401, body: denied });
    });

    test("a session dies after the idle timeout", async () => {
      // A session takes the idle timeout at login; the clock then moves past it.
      cv.auth.idleMs = 1000;
      token = (await login()).body.token;
      try {
        expect((await call("GET", "/Plan")).status).toBe(200);
        cv.auth.now = () => Date.now() + 1001;
        expect((await call("GET", "/Plan")).status).toBe(401);
      } finally {
        cv.auth.idleMs = 30 * 60_000;
        cv.auth.now = Date.now;
      }
    });

    test("the token is accepted raw, with QSDK, or as a Bearer access token", async () => {
      const raw = token.replace("QSDK ", "");
      expect((await call("GET", "/Plan", undefined, { authtoken: raw })).status).toBe(200);
      expect((await call("GET", "/Plan", undefined, { authtoken: cv.accessToken })).status).toBe(200);
      expect(
        (await call("GET", "/Plan", undefined, { authtoken: "", authorization: `Bearer ${cv.accessToken}` }))
          .status,
      ).toBe(200);
    });

    test("logout ends the session; a second logout is 401", async () => {
      const out = await call("POST", "/Logout");
      expect(out).toMatchObject({ status: 200, body: "User logged out" });
      expect((await call("POST", "/Logout")).status).toBe(401);
    });

    test("RenewLoginToken swaps the token", async () => {
      const renewed = await call("POST", "/RenewLoginToken", { sessionId: token, deviceId: "d1" });
      expect(renewed.body.token).toMatch(/^QSDK /);
      expect((await call("GET", "/Plan")).status).toBe(401);
      token = renewed.body.token;
      expect((await call("GET", "/Plan")).status).toBe(200);
    });

    test("access token renewal; reusing an old pair revokes the chain", async () => {
      const first = cv.auth.issueAccessToken("admin");
      const renewed = await call("POST", "/V4/AccessToken/Renew", first, { authtoken: "" });
      expect(renewed.status).toBe(200);
      const next = renewed.body.tokenInfo.accessToken;
      expect((await call("GET", "/Plan", undefined, { authtoken: next })).status).toBe(200);
      expect((await call("POST", "/V4/AccessToken/Renew", first, { authtoken: "" })).status).toBe(401);
      expect((await call("GET", "/Plan", undefined, { authtoken: next })).status).toBe(401);
    });

    test("the limiter answers 429 with X-RateLimit headers", async () => {
      cv.auth.rateLimit = { readsPerHour: 2, writesPerHour: 100 };
      try {
        expect((await call("GET", "/Plan")).status).toBe(200);
        expect((await call("GET", "/Plan")).status).toBe(200);
        const limited = await call("GET", "/Plan");
        expect(limited.status).toBe(429);
        expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
        expect(Number(limited.headers.get("x-ratelimit-period"))).toBeGreaterThan(0);
        expect(limited.body.errorMessage).toMatch(/rate limit/);
      } finally {
        cv.auth.rateLimit = undefined;
      }
    });
  });

  describe("paths", () => {
    test("match case-insensitively and under /webconsole/api too", async () => {
      expect((await call("GET", "/client/101")).status).toBe(200);
      expect((await call("GET", "/CLIENT/101")).status).toBe(200);
      const legacy = await fetch(`${cv.emulator.url}/webconsole/api/Plan`, { headers: { authtoken: token } });
      expect(legacy.status).toBe(200);
    });

    test("an unknown API is a 404 in the Commvault error shape", async () => {
      const res = await call("GET", "/NoSuchThing");
      expect(res.status).toBe(404);
      expect(res.body.errorCode).toBe(2);
      expect(res.body.errorMessage).toMatch(/NoSuchThing/);
    });

    test("injected faults use the Commvault error body", async () => {
      cv.emulator.faults.add({ path: "/Plan", status: 500, message: "boom", times: 1 });
      expect(await call("GET", "/Plan")).toMatchObject({
        status: 500,
        body: { errorMessage: "boom", errorCode: 2 },
      });
    });
  });

  describe("lookups", () => {
    test("clients by fq name and by id", async () => {
      const byName = await call("GET", `/Client?fq=${encodeURIComponent("name:eq:CV-ACCESS-02")}`);
      expect(byName.body.clientProperties).toHaveLength(1);
      expect(byName.body.clientProperties[0].client.clientEntity).toMatchObject({ clientId: 102, _type_: 3 });
      expect((await call("GET", "/Client?fq=name:eq:nope")).body.clientProperties).toEqual([]);
      expect((await call("GET", "/Client")).body.clientProperties.length).toBe(4);
      const one = await call("GET", "/Client/103");
      expect(one.body.clientProperties[0].entityInfo).toEqual({ companyId: 7, companyName: "Acme Corp" });
      expect(await call("GET", "/Client/999")).toMatchObject({ status: 404, body: { errorCode: 2 } });
      expect((await call("GET", "/Client?fq=name:like:x")).status).toBe(400);
    });

    test("client groups, plans and companies, legacy and V4", async () => {
      const group = await call("GET", "/ClientGroup?fq=name:eq:sf-access-pool");
      expect(group.body.groups[0].clientGroup).toEqual({
        clientGroupId: 201,
        clientGroupName: "sf-access-pool",
      });
      const detail = await call("GET", "/ClientGroup/202");
      expect(detail.body.clientGroupDetail.associatedClients.map((c: any) => c.clientId)).toEqual([103, 110]);
      expect((await call("GET", "/ClientGroup/999")).status).toBe(404);
      expect((await call("GET", "/V4/ServerGroup")).body.serverGroupCount).toBe(2);

      const plan = await call("GET", "/Plan?fq=name:eq:salesforce%20silver");
      expect(plan.body.plans).toEqual([{ plan: { planId: 12, planName: "Salesforce Silver" } }]);
      expect((await call("GET", "/Plan/11")).body.plan.summary.plan).toEqual({
        planId: 11,
        planName: "Salesforce Gold",
      });
      expect((await call("GET", "/Plan/99")).status).toBe(404);
      expect((await call("GET", "/V4/PlanIds")).body.entities).toHaveLength(2);

      const company = await call("GET", "/Organization?fq=name:eq:Acme%20Corp");
      expect(company.body.providers[0].shortName).toEqual({ id: 7, domainName: "acme" });
      expect((await call("GET", "/Organization?fq=name:eq:Commcell")).body.providers).toEqual([]);
      expect((await call("GET", "/Organization/7")).body.organizationInfo.organization.connectName).toBe(
        "Acme Corp",
      );
      expect((await call("GET", "/V4/company")).body).toMatchObject({ companyCount: 1 });
    });
  });

  describe("Salesforce organizations", () => {
    test("create allocates a client, instance and backup set, visible in every read", async () => {
      const res = await call("POST", "/Salesforce/Organization", createBody("acme-prod"));
      expect(res.status).toBe(200);
      expect(res.body.response).toMatchObject({
        errorCode: 0,
        entity: { clientName: "acme-prod", _type_: 3 },
      });
      const clientId = res.body.response.entity.clientId;
      expect(clientId).toBeGreaterThan(0);

      const instance = (await call("GET", `/Instance?clientId=${clientId}`)).body.instanceProperties[0];
      expect(instance.instance).toMatchObject({ clientId, applicationId: 134 });
      expect(instance.cloudAppsInstance.salesforceInstance.endpoint).toBe("https://login.salesforce.com");
      expect(instance.cloudAppsInstance.generalCloudProperties.accessNodes.memberServers).toEqual([
        { client: { clientId: 101, clientName: "cv-access-01", _type_: 3 } },
        { client: { clientGroupId: 201, clientGroupName: "sf-access-pool", _type_: 28 } },
      ]);
      const backupset = (await call("GET", `/Backupset?clientId=${clientId}`)).body.backupsetProperties[0];
      expect(backupset.backupSetEntity).toMatchObject({ clientId, instanceId: instance.instance.instanceId });
      const sf = backupset.cloudAppsBackupset.salesforceBackupSet;
      expect(sf.downloadCachePath).toBe("/tmp/cache");
      expect(sf.syncDatabase).toMatchObject({
        dbType: "3",
        dbPort: "5432",
        dbUserPassword: { userName: "sync" },
      });
      expect(JSON.stringify(backupset)).not.toContain(b64("db-pass"));

      const list = (await call("GET", "/Salesforce/Organization")).body.orgs;
      expect(list).toEqual([
        expect.objectContaining({
          sfSubclient: expect.objectContaining({
            clientId,
            clientName: "acme-prod",
            instanceId: instance.instance.instanceId,
            backupsetId: backupset.backupSetEntity.backupsetId,
          }),
        }),
      ]);
      const cloudApps = (await call("GET", "/Client?PseudoClientType=CloudApps")).body.clientProperties;
      expect(cloudApps.map((c: any) => c.clientProps.cloudAppsInstanceType)).toEqual([3]);
      const ids = await call(
        "GET",
        "/GetId?clientname=acme-prod&agent=Cloud%20Apps&backupset=defaultBackupSet",
      );
      expect(ids.body).toMatchObject({ clientId, backupsetId: backupset.backupSetEntity.backupsetId });
      const partial = await call("GET", "/GetId?clientname=acme-prod&agent=Cloud%20Apps&backupset=nope");
      expect(partial).toMatchObject({ status: 404, body: { clientId, backupsetId: -32000 } });
    });

    test.each([
      ["organizationName", { organizationName: undefined }, "organizationName is required"],
      ["downloadCachePath", { downloadCachePath: "" }, "downloadCachePath cannot be empty"],
      [
        "authenticationType range",
        { salesforceAccount: { ...createBody("x").salesforceAccount, authenticationType: 3 } },
        "salesforceAccount.authenticationType must be between 1 and 2",
      ],
      [
        "environmentType range",
        { salesforceAccount: { ...createBody("x").salesforceAccount, environmentType: 2 } },
        "salesforceAccount.environmentType must be between 0 and 1",
      ],
      [
        "consumerSecret Base64",
        { salesforceAccount: { ...createBody("x").salesforceAccount, consumerSecret: "plain text secret" } },
        "salesforceAccount.consumerSecret must be Base64 encoded",
      ],
      [
        "password Base64",
        {
          salesforceAccount: {
            ...createBody("x").salesforceAccount,
            userCredentials: { userName: "u", password: "hunter2" },
          },
        },
        "salesforceAccount.userCredentials.password must be Base64 encoded",
      ],
      [
        "security token Base64 (cvpysdk's reading)",
        { salesforceAccount: { ...createBody("x").salesforceAccount, token: "plain-token!" } },
        "salesforceAccount.token must be Base64 encoded",
      ],
      [
        "dbType",
        { syncDatabase: { ...createBody("x").syncDatabase, dbType: 3 } },
        "syncDatabase.dbType must be a string",
      ],
      [
        "dbType enum",
        { syncDatabase: { ...createBody("x").syncDatabase, dbType: "1" } },
        'syncDatabase.dbType must be "2" (SQL Server) or "3" (PostgreSQL)',
      ],
      ["plan exists", { plan: { planName: "Nope", planId: 99 } }, "Plan [99] does not exist"],
      [
        "plan name matches id",
        { plan: { planName: "Salesforce Silver", planId: 11 } },
        "plan.planName [Salesforce Silver] does not match plan.planId [11]",
      ],
      [
        "company exists",
        { plan: { planName: "Salesforce Gold", planId: 11, entityInfo: { companyId: 42 } } },
        "Company [42] does not exist",
      ],
      [
        "node exists",
        { accessNodes: [{ client: { clientId: 999, clientName: "ghost" } }] },
        "Client [999] does not exist",
      ],
      [
        "group exists",
        { accessNodes: [{ client: { clientGroupName: "ghosts", _type_: 28 } }] },
        "Client group [ghosts] does not exist",
      ],
      [
        "node has Cloud Apps",
        { accessNodes: [{ client: { clientId: 110, clientName: "cv-media-01" } }] },
        "Client [cv-media-01] has no Cloud Apps package and cannot be an access node",
      ],
    ])("create refuses a bad %s with 400", async (_label, patch, message) => {
      const res = await call("POST", "/Salesforce/Organization", createBody("acme-bad", patch));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errorMessage: message, errorCode: 2 });
      expect(cv.state.orgs.size).toBe(0);
    });

    test("a duplicate organizationName is a 409", async () => {
      expect((await call("POST", "/Salesforce/Organization", createBody("acme-dup"))).status).toBe(200);
      const again = await call("POST", "/Salesforce/Organization", createBody("ACME-DUP"));
      expect(again).toMatchObject({
        status: 409,
        body: { errorMessage: "Client [ACME-DUP] already exists" },
      });
    });

    test("modify checks its ids, replaces the node list and sets content settings", async () => {
      const created = await call("POST", "/Salesforce/Organization", createBody("acme-mod"));
      const org = cv.state.orgs.get(created.body.response.entity.clientId)!;
      const path = `/Salesforce/Organization/${org.clientId}`;
      expect((await call("POST", path, {})).status).toBe(400);
      expect((await call("POST", `${path}?instanceId=${org.instanceId}&backupsetId=1`, {})).status).toBe(400);
      expect(
        (await call("POST", `/Salesforce/Organization/9999?instanceId=1&backupsetId=1`, {})).status,
      ).toBe(404);

      const ok = await call("POST", `${path}?instanceId=${org.instanceId}&backupsetId=${org.backupsetId}`, {
        accessNodes: [{ client: { clientId: 102, clientName: "cv-access-02", _type_: 3 } }],
        noOfBackupStreams: 6,
        backupSFMetadata: false,
        ignoreObjs: ["Attachment"],
      });
      expect(ok.body.response).toEqual([{ errorCode: 0, warningCode: 0, warningMessage: "" }]);
      expect(org.accessNodes).toEqual([{ type: 3, id: 102, name: "cv-access-02" }]);
      expect(org.content).toMatchObject({
        noOfBackupStreams: 6,
        backupSFMetadata: false,
        ignoreObjs: ["Attachment"],
      });

      const ghost = await call(
        "POST",
        `${path}?instanceId=${org.instanceId}&backupsetId=${org.backupsetId}`,
        {
          accessNodes: [{ client: { clientId: 999, clientName: "ghost" } }],
        },
      );
      expect(ghost.status).toBe(200);
      expect(ghost.body.response[0]).toMatchObject({
        errorCode: 2,
        errorString: "Client [999] does not exist",
      });
      expect(org.accessNodes).toHaveLength(1);
      const bad = await call("POST", `${path}?instanceId=${org.instanceId}&backupsetId=${org.backupsetId}`, {
        noOfBackupStreams: 0,
      });
      expect(bad.status).toBe(400);
    });

    test("retire removes a client without backup data and deconfigures one with data", async () => {
      const a = (await call("POST", "/Salesforce/Organization", createBody("acme-a"))).body.response.entity
        .clientId;
      const b = (await call("POST", "/Salesforce/Organization", createBody("acme-b"))).body.response.entity
        .clientId;
      cv.state.orgs.get(b)!.hasBackupData = true;
      expect((await call("DELETE", `/Client/${a}/Retire`)).body.response).toEqual({
        errorCode: 0,
        errorString: "",
      });
      expect((await call("GET", `/Client/${a}`)).status).toBe(404);
      await call("DELETE", `/Client/${b}/Retire`);
      const retired = await call("GET", `/Client/${b}`);
      expect(retired.body.clientProperties[0].clientProps.isDeconfiguredClient).toBe(true);
      expect((await call("DELETE", `/Client/${a}/Retire`)).status).toBe(404);
    });

    test("delete needs forceDelete for a configured client; the refusal is a 200 with errorCode", async () => {
      const id = (await call("POST", "/Salesforce/Organization", createBody("acme-del"))).body.response.entity
        .clientId;
      const refused = await call("DELETE", `/Client/${id}`);
      expect(refused.status).toBe(200);
      expect(refused.body.response[0].errorCode).toBe(2);
      const deleted = await call("DELETE", `/Client/${id}?forceDelete=true`);
      expect(deleted.body.response[0]).toMatchObject({ errorCode: 0, entity: { clientId: id } });
      expect((await call("GET", `/Instance?clientId=${id}`)).status).toBe(404);
      expect((await call("DELETE", `/Client/${id}?forceDelete=true`)).status).toBe(404);
    });
  });

  describe("what cvpysdk reads", () => {
    /** The body cvpysdk's add_salesforce_client posts to /pseudoClient (client.py). */
    const pseudoClient = (name: string, accessNode = "cv-access-01", secret = b64("consumer-secret")) => ({
      clientInfo: {
        clientType: 15,
        cloudClonnectorProperties: {
          instanceType: 3,
          instance: {
            instance: { clientName: name, instanceName: name },
            cloudAppsInstance: {
              instanceType: 3,
              salesforceInstance: {
                enableREST: true,
                endpoint: "https://test.salesforce.com",
                consumerId: "3MVG9-sdk",
                consumerSecret: secret,
                defaultBackupsetProp: {
                  downloadCachePath: "/sf",
                  token: b64("tok"),
                  userPassword: { userName: "sdk@acme.com", password: b64("pw") },
                },
              },
              generalCloudProperties: {
                numberOfBackupStreams: 4,
                accessNodes: { memberServers: [{ client: { clientName: accessNode, _type_: 3 } }] },
              },
            },
          },
        },
      },
      entity: { clientName: name },
    });

    test("POST /pseudoClient creates a Salesforce client readable by id, instance and backup set", async () => {
      const created = await call("POST", "/pseudoClient", pseudoClient("sdk-org"));
      expect(created.body.response).toMatchObject({ errorCode: 0, entity: { clientName: "sdk-org" } });
      const id = created.body.response.entity.clientId;
      const client = (await call("GET", `/Client/${id}`)).body.clientProperties[0];
      expect(client.client).toMatchObject({
        cvdPort: 8400,
        osInfo: { OsDisplayInfo: { ProcessorType: "x64" } },
      });
      expect(client.clientProps.clientActivityControl.activityControlOptions).toHaveLength(3);
      const agents = (await call("GET", `/Agent?clientId=${id}`)).body.agentProperties;
      expect(agents.map((a: any) => a.idaEntity.appName)).toEqual(["Cloud Apps"]);
      const instances = (await call("GET", `/Instance?clientId=${id}`)).body.instanceProperties;
      const instance = (await call("GET", `/Instance/${instances[0].instance.instanceId}`)).body;
      const general = instance.instanceProperties[0].cloudAppsInstance.generalCloudProperties;
      expect(general.proxyServers).toEqual([{ clientId: 101, clientName: "cv-access-01", _type_: 3 }]);
      expect(instance.instanceProperties[0].cloudAppsInstance.salesforceInstance.environmentType).toBe(1);
      const sets = (await call("GET", `/Backupset?clientId=${id}&propertyLevel=10`)).body.backupsetProperties;
      expect(sets[0].commonBackupSet.isDefaultBackupSet).toBe(true);
      const set = (await call("GET", `/Backupset/${sets[0].backupSetEntity.backupsetId}`)).body;
      expect(set.backupsetProperties[0].cloudAppsBackupset.salesforceBackupSet.downloadCachePath).toBe("/sf");
      const subclients = (await call("GET", `/Subclient?clientId=${id}&applicationId=134`)).body;
      expect(subclients.subClientProperties[0].subClientEntity.subclientName).toBe("default");
    });

    test("POST /pseudoClient refusals are a 200 with errorCode and errorString, as cvpysdk reads them", async () => {
      await call("POST", "/pseudoClient", pseudoClient("sdk-org"));
      const plainToken = pseudoClient("sdk-d");
      const sf =
        plainToken.clientInfo.cloudClonnectorProperties.instance.cloudAppsInstance.salesforceInstance;
      sf.defaultBackupsetProp.token = "plain token";
      const cases = [
        [pseudoClient("sdk-org"), /already exists/],
        [pseudoClient("sdk-b", "cv-media-01"), /not a Cloud Apps server/],
        [pseudoClient("sdk-c", "cv-access-01", "not base64!"), /consumerSecret must be Base64/],
        [{ clientInfo: { clientType: 13 } }, /clientType must be 15/],
        [plainToken, /token must be Base64/],
      ] as const;
      for (const [body, message] of cases) {
        const res = await call("POST", "/pseudoClient", body);
        expect(res.status).toBe(200);
        expect(res.body.response.errorCode).toBe(2);
        expect(res.body.response.errorString).toMatch(message);
      }
    });

    test("lists carry the keys cvpysdk reads: group name/Id, providerGUID, V2 plans, access nodes", async () => {
      const groups = (await call("GET", "/ClientGroup")).body.groups;
      expect(groups[0]).toMatchObject({ name: "sf-access-pool", Id: 201 });
      const providers = (await call("GET", "/Organization")).body.providers;
      expect(providers[0].providerGUID).toMatch(/^[0-9A-F-]{36}$/i);
      expect((await call("GET", "/V2/Plan")).body.plans.map((p: any) => p.plan.planName)).toContain(
        "Salesforce Gold",
      );
      const nodes = (await call("GET", "/VSAClientAndClientGroupList")).body.clients;
      expect(nodes.map((c: any) => c.clientName)).toEqual(["cv-access-01", "cv-access-02", "cv-access-03"]);
      expect((await call("GET", "/Instance/999999")).status).toBe(404);
      expect((await call("GET", "/Agent?clientId=999999")).status).toBe(404);
    });

    test("a timed-out session renews; a logged-out one does not", async () => {
      const first = (await login()).body.token;
      cv.auth.expireSessions();
      expect((await call("GET", "/Plan", undefined, { authtoken: first })).status).toBe(401);
      const renewed = await call("POST", "/RenewLoginToken", { sessionId: first }, { authtoken: "" });
      expect(renewed.body.token).toMatch(/^QSDK /);
      const out = { authtoken: renewed.body.token, "content-type": "application/xml" };
      expect((await fetch(cv.apiUrl + "/Logout", { method: "POST", headers: out })).status).toBe(200);
      const again = await call(
        "POST",
        "/RenewLoginToken",
        { sessionId: renewed.body.token },
        { authtoken: "" },
      );
      expect(again.status).toBe(401);
    });
  });
});
