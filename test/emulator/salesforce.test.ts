import jsforce from "jsforce";
import { generateKeyPairSync, sign } from "node:crypto";
import { RunningEmulators, startEmulators } from "../../emulators";
import { Emulator } from "../../emulators/core/emulator";
import { SalesforceOrg, SalesforceState } from "../../emulators/salesforce/state";
import { guardContracts } from "./contract-guard";

const V = "/services/data/v62.0";
const { publicKey, privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

describe("Salesforce emulator contract", () => {
  let running: RunningEmulators;
  let emulator: Emulator;
  let state: SalesforceState;
  let org: SalesforceOrg;
  let adminId: string;
  let refreshToken: string;
  let token: string;
  const id = (type: string, field: string, value: string) =>
    String([...state.table(org, type).values()].find((r) => r[field] === value)!.Id);

  const call = async (method: string, path: string, body?: unknown, auth: string | null = token) => {
    const form = typeof body === "string";
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(body !== undefined
          ? { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" }
          : {}),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const userBody = (username: string, extra: Record<string, unknown> = {}) => ({
    Username: username,
    LastName: "Contract",
    Email: username,
    Alias: "contract",
    TimeZoneSidKey: "Europe/Paris",
    LocaleSidKey: "fr_FR",
    EmailEncodingKey: "UTF-8",
    LanguageLocaleKey: "fr",
    ProfileId: id("Profile", "Name", "Standard User"),
    ...extra,
  });

  beforeAll(async () => {
    running = await startEmulators({ only: ["salesforce"] });
    emulator = running.byName.salesforce.emulator;
    state = (running.byName.salesforce.facts as { state: SalesforceState }).state;
    const created = state.createOrg({ username: "admin@contract.test", password: "Secret-1" });
    ({ org, userId: adminId, refreshToken } = created);
    token = state.issueAccessToken({
      orgId: org.Id,
      userId: adminId,
      clientId: "PlatformCLI",
      clientSecret: "",
    });
    state.connectedApps.set("ci-app", {
      clientId: "ci-app",
      clientSecret: "app-secret",
      publicKeyPem: publicKey,
    });
  });
  guardContracts(() => Object.values(running?.byName ?? {}).map((s) => s.emulator));
  afterAll(() => running.stop());

  describe("OAuth and identity", () => {
    const grant = (fields: Record<string, string>) =>
      call("POST", "/services/oauth2/token", new URLSearchParams(fields).toString(), null);
    const assertion = (claims: Record<string, unknown>, key = privateKey) => {
      const head = Buffer.from(JSON.stringify({ alg: "RS256" })).toString("base64url");
      const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${head}.${body}.${sign("RSA-SHA256", Buffer.from(`${head}.${body}`), key).toString("base64url")}`;
    };

    test("refresh_token grant: token answer, and invalid_grant for an unknown token", async () => {
      const ok = await grant({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: "PlatformCLI",
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        instance_url: emulator.url,
        token_type: "Bearer",
        id: `${emulator.url}/id/${org.Id}/${adminId}`,
      });
      expect(
        await grant({ grant_type: "refresh_token", refresh_token: "nope", client_id: "PlatformCLI" }),
      ).toMatchObject({
        status: 400,
        body: { error: "invalid_grant", error_description: "expired access/refresh token" },
      });
    });

    test("password grant needs the connected app's secret and the user's password", async () => {
      const fields = {
        grant_type: "password",
        client_id: "ci-app",
        client_secret: "app-secret",
        username: "admin@contract.test",
        password: "Secret-1",
      };
      expect((await grant(fields)).status).toBe(200);
      expect(await grant({ ...fields, password: "wrong" })).toMatchObject({
        status: 400,
        body: { error: "invalid_grant", error_description: "authentication failure" },
      });
      expect(await grant({ ...fields, client_secret: "x" })).toMatchObject({
        status: 400,
        body: { error: "invalid_client" },
      });
      expect(await grant({ ...fields, client_id: "x" })).toMatchObject({
        status: 400,
        body: { error: "invalid_client_id" },
      });
    });

    test("JWT bearer: RS256 verified with the registered key; audience, expiry and user checked", async () => {
      const claims = {
        iss: "ci-app",
        sub: "admin@contract.test",
        aud: "https://login.salesforce.com",
        exp: Math.floor(Date.now() / 1000) + 60,
      };
      const ok = await grant({
        grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
        assertion: assertion(claims),
      });
      expect(ok.status).toBe(200);
      expect(ok.body).not.toHaveProperty("refresh_token");
      const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
      const cases: [Record<string, unknown>, string, unknown?][] = [
        [claims, "invalid assertion", other],
        [{ ...claims, aud: "https://evil.example" }, "audience is invalid"],
        [{ ...claims, exp: 1 }, "invalid assertion"],
        [{ ...claims, sub: "nobody@contract.test" }, "user hasn't approved this consumer"],
      ];
      for (const [c, description, key] of cases) {
        const res = await grant({
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
          assertion: assertion(c, (key ?? privateKey) as string),
        });
        expect(res).toMatchObject({
          status: 400,
          body: { error: "invalid_grant", error_description: description },
        });
      }
      expect(await grant({ grant_type: "client_credentials" })).toMatchObject({
        status: 400,
        body: { error: "unsupported_grant_type" },
      });
    });

    test("SOAP login answers a session, or a fault", async () => {
      const envelope = (password: string) =>
        `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com">` +
        `<username>admin@contract.test</username><password>${password}</password></login></se:Body></se:Envelope>`;
      const soap = (password: string) =>
        fetch(`${emulator.url}/services/Soap/u/62.0`, {
          method: "POST",
          headers: { "content-type": "text/xml", SOAPAction: '""' },
          body: envelope(password),
        });
      const ok = await soap("Secret-1");
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(new RegExp(`<organizationId>${org.Id}</organizationId>`));
      const bad = await soap("nope");
      expect(bad.status).toBe(500);
      expect(await bad.text()).toContain("<faultcode>sf:INVALID_LOGIN</faultcode>");
    });

    test("identity, the version list and the version root", async () => {
      expect((await call("GET", "/services/data", undefined, null)).body).toContainEqual({
        label: "v62.0",
        url: "/services/data/v62.0",
        version: "62.0",
      });
      const root = await call("GET", V);
      expect(root.body).toMatchObject({
        identity: `${emulator.url}/id/${org.Id}/${adminId}`,
        sobjects: `${V}/sobjects`,
      });
      const identity = await call(
        "GET",
        `/id/${org.Id}/${adminId}?format=json&oauth_token=${encodeURIComponent(token)}`,
        undefined,
        null,
      );
      expect(identity.body).toMatchObject({
        user_id: adminId,
        organization_id: org.Id,
        username: "admin@contract.test",
      });
    });

    test("no token or a stale one: 401 INVALID_SESSION_ID as an error array", async () => {
      for (const auth of [null, "stale"]) {
        expect(await call("GET", `${V}/sobjects/User/${adminId}`, undefined, auth)).toMatchObject({
          status: 401,
          body: [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }],
        });
      }
    });
  });

  describe("sObject rows", () => {
    test("User create 201, read with ?fields, update 204; DELETE refused with 405", async () => {
      const created = await call("POST", `${V}/sobjects/User`, userBody("row@contract.test"));
      expect(created).toMatchObject({
        status: 201,
        body: { id: expect.stringMatching(/^005\w{15}$/), success: true, errors: [] },
      });
      const userId = created.body["id"];
      const read = await call(
        "GET",
        `${V}/sobjects/User/${userId}?fields=Username,CommunityNickname,IsActive`,
      );
      expect(read.body).toEqual({
        attributes: { type: "User", url: `${V}/sobjects/User/${userId}` },
        Username: "row@contract.test",
        CommunityNickname: "row",
        IsActive: true,
      });
      expect((await call("PATCH", `${V}/sobjects/User/${userId}`, { Title: "QA" })).status).toBe(204);
      expect(await call("DELETE", `${V}/sobjects/User/${userId}`)).toMatchObject({
        status: 405,
        body: [{ errorCode: "METHOD_NOT_ALLOWED" }],
      });
      expect(await call("GET", `${V}/sobjects/User/005000000000000AAA`)).toMatchObject({
        status: 404,
        body: [{ errorCode: "NOT_FOUND" }],
      });
      expect(await call("GET", `${V}/sobjects/Nope/${userId}`)).toMatchObject({
        status: 404,
        body: [{ errorCode: "NOT_FOUND" }],
      });
      const organization = await call("GET", `${V}/sobjects/Organization/${org.Id}?fields=Name,IsSandbox`);
      expect(organization.body).toMatchObject({ Name: org.Name, IsSandbox: false });
    });

    test("User validation: required, unknown field, picklist, lookup, length, email, duplicate username", async () => {
      const expectError = async (body: unknown, errorCode: string, fields?: string[]) => {
        const res = await call("POST", `${V}/sobjects/User`, body);
        expect(res.status).toBe(400);
        expect(res.body).toEqual([{ errorCode, message: expect.any(String), ...(fields ? { fields } : {}) }]);
        return res.body[0]["message"] as string;
      };
      const missing = { ...userBody("missing@contract.test") } as Record<string, unknown>;
      delete missing.LastName;
      delete missing.Alias;
      expect(await expectError(missing, "REQUIRED_FIELD_MISSING", ["LastName", "Alias"])).toBe(
        "Required fields are missing: [LastName, Alias]",
      );
      expect(await expectError(userBody("a@contract.test", { Nickname: "x" }), "INVALID_FIELD")).toBe(
        "No such column 'Nickname' on sobject of type User",
      );
      await expectError(
        userBody("b@contract.test", { TimeZoneSidKey: "Mars/Olympus" }),
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        ["TimeZoneSidKey"],
      );
      await expectError(
        userBody("c@contract.test", { ProfileId: "00e000000000000AAA" }),
        "INVALID_CROSS_REFERENCE_KEY",
        ["ProfileId"],
      );
      await expectError(userBody("c@contract.test", { UserRoleId: "junk" }), "MALFORMED_ID", ["UserRoleId"]);
      await expectError(userBody("d@contract.test", { Alias: "ninechars" }), "STRING_TOO_LONG", ["Alias"]);
      await expectError(userBody("not-an-email"), "INVALID_EMAIL_ADDRESS", ["Username"]);
      await expectError(userBody("e@contract.test", { Name: "x" }), "INVALID_FIELD_FOR_INSERT_UPDATE", [
        "Name",
      ]);
      const otherOrg = state.createOrg({ username: "admin@other-contract.test" });
      expect(otherOrg.userId).toBeDefined();
      await expectError(userBody("admin@other-contract.test"), "DUPLICATE_USERNAME", ["Username"]);
    });

    test("LocaleSidKey takes Salesforce locales such as orgplane's example de_CH, and refuses others", async () => {
      const created = await call(
        "POST",
        `${V}/sobjects/User`,
        userBody("swiss@contract.test", { LocaleSidKey: "de_CH" }),
      );
      expect(created.status).toBe(201);
      const refused = await call(
        "POST",
        `${V}/sobjects/User`,
        userBody("nowhere@contract.test", { LocaleSidKey: "zu_AQ" }),
      );
      expect(refused.body).toEqual([
        expect.objectContaining({
          errorCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          fields: ["LocaleSidKey"],
        }),
      ]);
    });

    test("licences: a profile's user licence runs out (LICENSE_LIMIT_EXCEEDED); inactive users free it", async () => {
      const license = [...state.table(org, "UserLicense").values()].find(
        (l) => l.Name === "Salesforce Platform",
      )!;
      license.TotalLicenses = 1;
      const platform = id("Profile", "Name", "Standard Platform User");
      const first = await call(
        "POST",
        `${V}/sobjects/User`,
        userBody("p1@contract.test", { ProfileId: platform }),
      );
      expect(first.status).toBe(201);
      expect(
        await call("POST", `${V}/sobjects/User`, userBody("p2@contract.test", { ProfileId: platform })),
      ).toMatchObject({
        status: 400,
        body: [{ errorCode: "LICENSE_LIMIT_EXCEEDED" }],
      });
      expect(
        (
          await call(
            "POST",
            `${V}/sobjects/User`,
            userBody("p3@contract.test", { ProfileId: platform, IsActive: false }),
          )
        ).status,
      ).toBe(201);
      expect(
        (await call("PATCH", `${V}/sobjects/User/${first.body["id"]}`, { IsActive: false })).status,
      ).toBe(204);
      const used = await call(
        "GET",
        `${V}/query?q=${encodeURIComponent("SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Platform'")}`,
      );
      expect(used.body["records"][0].UsedLicenses).toBe(0);
    });

    test("UserLogin: freeze with PATCH; no create or delete", async () => {
      const login = [...state.table(org, "UserLogin").values()].find((l) => l.UserId === adminId)!;
      expect((await call("PATCH", `${V}/sobjects/UserLogin/${login.Id}`, { IsFrozen: true })).status).toBe(
        204,
      );
      expect(login.IsFrozen).toBe(true);
      expect((await call("POST", `${V}/sobjects/UserLogin`, { UserId: adminId })).status).toBe(400);
      expect((await call("DELETE", `${V}/sobjects/UserLogin/${login.Id}`)).status).toBe(405);
      expect((await call("PATCH", `${V}/sobjects/UserLogin/${login.Id}`, { UserId: adminId })).body).toEqual([
        expect.objectContaining({ errorCode: "INVALID_FIELD_FOR_INSERT_UPDATE" }),
      ]);
      login.IsFrozen = false;
    });

    test("assignments: PermissionSetAssignment duplicates fail, GroupMember duplicates return the row", async () => {
      const salesOps = id("PermissionSet", "Name", "Sales_Ops");
      const psa = await call("POST", `${V}/sobjects/PermissionSetAssignment`, {
        AssigneeId: adminId,
        PermissionSetId: salesOps,
      });
      expect(psa.status).toBe(201);
      expect(
        await call("POST", `${V}/sobjects/PermissionSetAssignment`, {
          AssigneeId: adminId,
          PermissionSetId: salesOps,
        }),
      ).toMatchObject({
        status: 400,
        body: [{ errorCode: "DUPLICATE_VALUE" }],
      });
      expect((await call("DELETE", `${V}/sobjects/PermissionSetAssignment/${psa.body["id"]}`)).status).toBe(
        204,
      );
      const group = id("Group", "DeveloperName", "Engineering");
      const first = await call("POST", `${V}/sobjects/GroupMember`, {
        GroupId: group,
        UserOrGroupId: adminId,
      });
      const again = await call("POST", `${V}/sobjects/GroupMember`, {
        GroupId: group,
        UserOrGroupId: adminId,
      });
      expect(again.body["id"]).toBe(first.body["id"]);
      expect(
        await call("POST", `${V}/sobjects/GroupMember`, {
          GroupId: id("Group", "DeveloperName", "AllInternalUsers"),
          UserOrGroupId: adminId,
        }),
      ).toMatchObject({ status: 400 });
    });

    test("leads: an inactive owner is refused; converted leads cannot change", async () => {
      const inactive = (
        await call("POST", `${V}/sobjects/User`, userBody("gone@contract.test", { IsActive: false }))
      ).body["id"];
      const lead = (await call("POST", `${V}/sobjects/Lead`, { LastName: "L", Company: "C" })).body["id"];
      expect(state.findById(org, lead)!.record.OwnerId).toBe(adminId);
      expect(await call("PATCH", `${V}/sobjects/Lead/${lead}`, { OwnerId: inactive })).toMatchObject({
        status: 400,
        body: [{ errorCode: "INACTIVE_OWNER_OR_USER" }],
      });
      state.findById(org, lead)!.record.IsConverted = true;
      expect(await call("PATCH", `${V}/sobjects/Lead/${lead}`, { Company: "D" })).toMatchObject({
        status: 400,
        body: [{ errorCode: "CANNOT_UPDATE_CONVERTED_LEAD" }],
      });
    });

    test("attachments: the body field reads as a URL and downloads as bytes", async () => {
      const lead = (await call("POST", `${V}/sobjects/Lead`, { LastName: "Files", Company: "C" })).body["id"];
      const data = Buffer.from([255, 0, 128, 7]);
      const created = await call("POST", `${V}/sobjects/Attachment`, {
        ParentId: lead,
        Name: "a.bin",
        Body: data.toString("base64"),
      });
      const read = await call("GET", `${V}/sobjects/Attachment/${created.body["id"]}`);
      expect(read.body).toMatchObject({
        Body: `${V}/sobjects/Attachment/${created.body["id"]}/Body`,
        BodyLength: 4,
      });
      const raw = await fetch(`${emulator.url}${V}/sobjects/Attachment/${created.body["id"]}/Body`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(Buffer.from(await raw.arrayBuffer())).toEqual(data);
    });

    test("describe: fields with picklist values; global describe lists the objects", async () => {
      const user = await call("GET", `${V}/sobjects/User/describe`);
      const regions = user.body["fields"].find((f: { name: string }) => f.name === "Regions__c");
      expect(regions).toMatchObject({
        type: "multipicklist",
        custom: true,
        picklistValues: expect.arrayContaining([expect.objectContaining({ value: "EMEA", active: true })]),
      });
      expect(
        user.body["fields"].find((f: { name: string }) => f.name === "UserPermissionsMarketingUser"),
      ).toMatchObject({ type: "boolean", updateable: true });
      const global = await call("GET", `${V}/sobjects`);
      expect(global.body["sobjects"].map((o: { name: string }) => o.name)).toEqual(
        expect.arrayContaining([
          "User",
          "UserLogin",
          "PermissionSetLicenseAssign",
          "ContentDocumentLink",
          "Organization",
        ]),
      );
    });
  });

  describe("collections, batch and SOQL", () => {
    test("composite/sobjects: mixed types in one create; allOrNone rolls back; delete by ids", async () => {
      const user = (await call("POST", `${V}/sobjects/User`, userBody("bulk@contract.test"))).body["id"];
      const records = [
        {
          attributes: { type: "PermissionSetLicenseAssign" },
          AssigneeId: user,
          PermissionSetLicenseId: id("PermissionSetLicense", "DeveloperName", "IdentityConnect"),
        },
        {
          attributes: { type: "PermissionSetAssignment" },
          AssigneeId: user,
          PermissionSetId: id("PermissionSet", "Name", "Support_Agent"),
        },
        {
          attributes: { type: "GroupMember" },
          UserOrGroupId: user,
          GroupId: id("Group", "DeveloperName", "Sales_Team"),
        },
      ];
      const created = await call("POST", `${V}/composite/sobjects`, { allOrNone: true, records });
      expect(created.status).toBe(200);
      expect(created.body).toEqual(
        records.map(() => ({ id: expect.any(String), success: true, errors: [] })),
      );
      const failing = await call("POST", `${V}/composite/sobjects`, {
        allOrNone: true,
        records: [
          {
            attributes: { type: "PermissionSetAssignment" },
            AssigneeId: user,
            PermissionSetId: id("PermissionSet", "Name", "Sales_Ops"),
          },
          records[1],
        ],
      });
      expect(failing.body).toEqual([
        {
          id: expect.any(String),
          success: false,
          errors: [expect.objectContaining({ statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK" })],
        },
        { success: false, errors: [expect.objectContaining({ statusCode: "DUPLICATE_VALUE" })] },
      ]);
      expect(
        [...state.table(org, "PermissionSetAssignment").values()].filter((a) => a.AssigneeId === user),
      ).toHaveLength(1);
      const ids = created.body as { id: string }[];
      const removed = await call(
        "DELETE",
        `${V}/composite/sobjects?ids=${ids.map((r) => r.id).join(",")}&allOrNone=true`,
      );
      expect(removed.body).toEqual(ids.map((r) => ({ id: r.id, success: true, errors: [] })));
      const retrieved = await call("POST", `${V}/composite/sobjects/User`, {
        ids: [user, "005000000000000AAA"],
        fields: ["Username"],
      });
      expect(retrieved.body).toEqual([expect.objectContaining({ Username: "bulk@contract.test" }), null]);
    });

    test("composite/batch runs independent subrequests with their own statuses", async () => {
      const res = await call("POST", `${V}/composite/batch`, {
        batchRequests: [
          {
            method: "GET",
            url: `v62.0/query?q=${encodeURIComponent("SELECT Id FROM Profile WHERE Name = 'Read Only'")}`,
          },
          { method: "GET", url: "v62.0/query?q=SELECT+Nope+FROM+User" },
          { method: "PATCH", url: `v62.0/sobjects/User/${adminId}`, richInput: { Title: "Boss" } },
        ],
      });
      expect(res.body).toMatchObject({
        hasErrors: true,
        results: [
          { statusCode: 200, result: { totalSize: 1 } },
          { statusCode: 400, result: [{ errorCode: "INVALID_FIELD" }] },
          { statusCode: 204, result: null },
        ],
      });
    });

    describe("composite: dependent subrequests in one call", () => {
      const user = (username: string) => ({
        method: "POST",
        url: `${V}/sobjects/User`,
        referenceId: "newUser",
        body: userBody(username),
      });
      const assign = (referenceId: string, permissionSet: string, assignee = "@{newUser.id}") => ({
        method: "POST",
        url: `${V}/sobjects/PermissionSetAssignment`,
        referenceId,
        body: { AssigneeId: assignee, PermissionSetId: id("PermissionSet", "Name", permissionSet) },
      });
      const usersNamed = (username: string) =>
        [...state.table(org, "User").values()].filter((u) => u.Username === username);
      const halted = { errorCode: "PROCESSING_HALTED", message: expect.stringMatching(/rolled back/) };

      test("references in bodies and urls reach earlier answers; the call counts once", async () => {
        emulator.clearLog();
        const usage = () => state.apiUsage.get(org.Id)!.used;
        const before = usage();
        const res = await call("POST", `${V}/composite`, {
          allOrNone: true,
          compositeRequest: [
            user("chained@contract.test"),
            assign("salesOps", "Sales_Ops"),
            {
              method: "GET",
              url: `${V}/query?q=${encodeURIComponent("SELECT Id FROM UserLogin WHERE UserId = ")}'@{newUser.id}'`,
              referenceId: "login",
            },
            {
              method: "PATCH",
              url: `${V}/sobjects/UserLogin/@{login.records[0].Id}`,
              referenceId: "freeze",
              body: { IsFrozen: true },
            },
          ],
        });
        expect(res.status).toBe(200);
        const [created] = usersNamed("chained@contract.test");
        expect(res.body.compositeResponse).toEqual([
          {
            body: { id: created.Id, success: true, errors: [] },
            httpHeaders: { Location: `${V}/sobjects/User/${created.Id}` },
            httpStatusCode: 201,
            referenceId: "newUser",
          },
          expect.objectContaining({ httpStatusCode: 201, referenceId: "salesOps" }),
          expect.objectContaining({ httpStatusCode: 200, body: expect.objectContaining({ totalSize: 1 }) }),
          { body: null, httpHeaders: {}, httpStatusCode: 204, referenceId: "freeze" },
        ]);
        const login = [...state.table(org, "UserLogin").values()].find((l) => l.UserId === created.Id)!;
        expect(login.IsFrozen).toBe(true);
        const psa = [...state.table(org, "PermissionSetAssignment").values()];
        expect(psa.filter((a) => a.AssigneeId === created.Id)).toHaveLength(1);
        expect(usage() - before).toBe(1);
        expect(emulator.calls({ path: /\/composite$/ })).toHaveLength(1);
      });

      test("allOrNone: one failure rolls every change back; the others answer PROCESSING_HALTED", async () => {
        const admin = state.userById(org, adminId)!;
        const title = admin.Title;
        const res = await call("POST", `${V}/composite`, {
          allOrNone: true,
          compositeRequest: [
            {
              method: "PATCH",
              url: `${V}/sobjects/User/${adminId}`,
              referenceId: "retitle",
              body: { Title: "X" },
            },
            user("rolledback@contract.test"),
            assign("first", "Sales_Ops"),
            assign("twice", "Sales_Ops"),
            assign("after", "Support_Agent"),
          ],
        });
        expect(res.status).toBe(200);
        expect(res.body.compositeResponse).toEqual([
          { body: [halted], httpHeaders: {}, httpStatusCode: 400, referenceId: "retitle" },
          { body: [halted], httpHeaders: {}, httpStatusCode: 400, referenceId: "newUser" },
          { body: [halted], httpHeaders: {}, httpStatusCode: 400, referenceId: "first" },
          {
            body: [expect.objectContaining({ errorCode: "DUPLICATE_VALUE" })],
            httpHeaders: {},
            httpStatusCode: 400,
            referenceId: "twice",
          },
          { body: [halted], httpHeaders: {}, httpStatusCode: 400, referenceId: "after" },
        ]);
        expect(usersNamed("rolledback@contract.test")).toEqual([]);
        // The rollback restores records in place: a holder of the admin's record sees its old title.
        expect(state.userById(org, adminId)).toBe(admin);
        expect(admin.Title).toBe(title);
      });

      test("without allOrNone a failure stops only what references it: No value for ... found", async () => {
        const res = await call("POST", `${V}/composite`, {
          compositeRequest: [
            { ...user("partly@contract.test"), body: userBody("partly@contract.test", { Email: "nope" }) },
            assign("dependent", "Sales_Ops"),
            assign("independent", "Reports_Builder", adminId),
          ],
        });
        expect(res.body.compositeResponse).toEqual([
          expect.objectContaining({
            httpStatusCode: 400,
            body: [expect.objectContaining({ errorCode: "INVALID_EMAIL_ADDRESS" })],
          }),
          expect.objectContaining({
            httpStatusCode: 400,
            body: [
              {
                errorCode: "PROCESSING_HALTED",
                message: "Invalid reference specified. No value for newUser.id found in newUser.",
              },
            ],
          }),
          expect.objectContaining({ httpStatusCode: 201, referenceId: "independent" }),
        ]);
        const kept = [...state.table(org, "PermissionSetAssignment").values()].filter(
          (a) =>
            a.AssigneeId === adminId && a.PermissionSetId === id("PermissionSet", "Name", "Reports_Builder"),
        );
        expect(kept).toHaveLength(1);
      });

      test("limits: more than 25 subrequests or 5 queries are refused whole; a malformed call is a 400", async () => {
        const query = (i: number) => ({
          method: "GET",
          url: `${V}/query?q=SELECT+Id+FROM+Profile`,
          referenceId: `q${i}`,
        });
        const many = Array.from({ length: 26 }, (_, i) => assign(`a${i}`, "Sales_Ops", adminId));
        for (const compositeRequest of [many, Array.from({ length: 6 }, (_, i) => query(i))]) {
          const res = await call("POST", `${V}/composite`, { allOrNone: true, compositeRequest });
          expect(res.status).toBe(200);
          expect(res.body.compositeResponse).toEqual([
            {
              body: [
                { errorCode: "LIMIT_EXCEEDED", message: expect.stringMatching(/can’t contain more than/) },
              ],
              httpHeaders: {},
              httpStatusCode: 400,
              referenceId: null,
            },
          ]);
        }
        const assigned = [...state.table(org, "PermissionSetAssignment").values()].filter(
          (a) => a.AssigneeId === adminId && a.PermissionSetId === id("PermissionSet", "Name", "Sales_Ops"),
        );
        expect(assigned).toEqual([]);
        const noReference = await call("POST", `${V}/composite`, {
          compositeRequest: [{ method: "GET", url: `${V}/sobjects/User/${adminId}` }],
        });
        expect(noReference).toMatchObject({
          status: 400,
          body: [{ errorCode: "JSON_PARSER_ERROR", message: "'referenceId' is a required field." }],
        });
        expect((await call("POST", `${V}/composite`, { compositeRequest: [] }, null)).status).toBe(401);
      });

      test("faults and latency apply to the call as a whole", async () => {
        emulator.faults.add({ method: "POST", path: "/composite$", latencyMs: 50, status: 503, times: 1 });
        const refused = await call("POST", `${V}/composite`, {
          compositeRequest: [user("faulted@contract.test")],
        });
        expect(refused.status).toBe(503);
        expect(usersNamed("faulted@contract.test")).toEqual([]);
        const logged = emulator.log.at(-1)!;
        expect(logged).toMatchObject({ path: `${V}/composite`, status: 503, fault: "latency+status 503" });
        expect(logged.durationMs).toBeGreaterThanOrEqual(50);
      });
    });

    test("SOQL: relationship fields, IN/LIKE/OR, ORDER BY, LIMIT, paging with nextRecordsUrl", async () => {
      const q = (soql: string) => call("GET", `${V}/query?q=${encodeURIComponent(soql)}`);
      const names = await q(
        "SELECT Name, UserLicense.Name, UserLicense.LicenseDefinitionKey FROM Profile WHERE Name LIKE 'S%' OR Name IN ('Read Only') ORDER BY Name DESC LIMIT 3",
      );
      expect(names.body["records"].map((r: { Name: string }) => r.Name)).toEqual([
        "System Administrator",
        "Standard User",
        "Standard Platform User",
      ]);
      expect(names.body["records"][2].UserLicense).toMatchObject({
        attributes: { type: "UserLicense" },
        Name: "Salesforce Platform",
        LicenseDefinitionKey: "AUL",
      });
      state.queryPageSize = 3;
      try {
        const first = await q("SELECT Id FROM Profile");
        expect(first.body).toMatchObject({
          totalSize: 8,
          done: false,
          nextRecordsUrl: expect.stringMatching(/^\/services\/data\/v62.0\/query\/01g/),
        });
        const second = await call("GET", first.body["nextRecordsUrl"]);
        const third = await call("GET", second.body["nextRecordsUrl"]);
        expect([first, second, third].map((p) => p.body["records"].length)).toEqual([3, 3, 2]);
        expect(third.body).toMatchObject({ done: true });
        expect(third.body).not.toHaveProperty("nextRecordsUrl");
      } finally {
        state.queryPageSize = 2000;
      }
      expect(await q("SELECT Id FROM Nope")).toMatchObject({
        status: 400,
        body: [{ errorCode: "INVALID_TYPE" }],
      });
      expect(await q("SELECT Nope FROM User")).toMatchObject({
        status: 400,
        body: [{ errorCode: "INVALID_FIELD" }],
      });
      expect(await q("SELECT FROM")).toMatchObject({ status: 400, body: [{ errorCode: "MALFORMED_QUERY" }] });
    });

    test("API allowance: Sforce-Limit-Info on every call, then 403 REQUEST_LIMIT_EXCEEDED", async () => {
      const probe = await call("GET", `${V}/limits`);
      expect(probe.headers.get("sforce-limit-info")).toMatch(/^api-usage=\d+\/100000$/);
      state.apiUsage.set(org.Id, { used: 0, limit: 1 });
      expect((await call("GET", `${V}/limits`)).status).toBe(200);
      expect(await call("GET", `${V}/limits`)).toMatchObject({
        status: 403,
        body: [{ errorCode: "REQUEST_LIMIT_EXCEEDED" }],
      });
      state.apiUsage.set(org.Id, { used: 0, limit: 100000 });
    });
  });

  describe("admin endpoints for tests and demos", () => {
    test("register a connected app and a password, set a licence total and an API limit", async () => {
      const admin = "/__emulator/salesforce";
      expect(
        (await call("POST", `${admin}/connected-apps`, { clientId: "demo-app", clientSecret: "s" }, null))
          .status,
      ).toBe(201);
      expect(
        (
          await call(
            "POST",
            `${admin}/passwords`,
            { username: "admin@contract.test", password: "Other-2" },
            null,
          )
        ).status,
      ).toBe(201);
      const login = await call(
        "POST",
        "/services/oauth2/token",
        new URLSearchParams({
          grant_type: "password",
          client_id: "demo-app",
          client_secret: "s",
          username: "admin@contract.test",
          password: "Other-2",
        }).toString(),
        null,
      );
      expect(login.status).toBe(200);
      const license = await call(
        "POST",
        `${admin}/licenses`,
        { orgId: org.Id, name: "IdentityConnect", total: 7 },
        null,
      );
      expect(license.body).toMatchObject({ DeveloperName: "IdentityConnect", TotalLicenses: 7 });
      expect(
        (await call("POST", `${admin}/licenses`, { orgId: "nope", name: "x", total: 1 }, null)).status,
      ).toBe(404);
      expect((await call("POST", `${admin}/api-limit`, { orgId: org.Id, limit: 50000 }, null)).body).toEqual({
        used: 0,
        limit: 50000,
      });
    });
  });

  describe("driven by jsforce's own transport", () => {
    test("CRUD and queries, and jsforce's refresh path after a 401", async () => {
      const conn = new jsforce.Connection({
        oauth2: { clientId: "PlatformCLI", loginUrl: emulator.url },
        instanceUrl: emulator.url,
        accessToken: "stale-token",
        refreshToken,
        version: "62.0",
      });
      const refreshed: string[] = [];
      conn.on("refresh", (accessToken: string) => refreshed.push(accessToken));
      const created = await conn.sobject("User").create(userBody("jsforce@contract.test"));
      expect(refreshed).toHaveLength(1);
      expect(created).toMatchObject({ success: true });
      await conn.sobject("User").update({ Id: created.id!, Title: "via jsforce" });
      const found = await conn.query<{ Title: string; Profile: { Name: string } }>(
        `SELECT Title, Profile.Name FROM User WHERE Username = 'jsforce@contract.test'`,
      );
      expect(found.records[0]).toMatchObject({ Title: "via jsforce", Profile: { Name: "Standard User" } });
      const error = await conn
        .sobject("User")
        .destroy(created.id!)
        .catch((e) => e);
      expect(error).toMatchObject({ errorCode: "METHOD_NOT_ALLOWED" });
      const described = await conn.sobject("Group").describe();
      expect(described.fields.find((f) => f.name === "Type")!.picklistValues!.map((v) => v.value)).toContain(
        "Regular",
      );
    });
  });
});
