import * as salesforce from "../../../provider/salesforce";
import { Harness, salesforceHarness } from "./harness";

describe("salesforce functions", () => {
  let h: Harness;
  let org: ReturnType<Harness["newOrg"]>;
  let connection: { sfdxAuthUrl: string };
  let userId: string;

  beforeAll(async () => {
    h = await salesforceHarness();
    org = h.newOrg("admin@functions.test");
    connection = org.connection;
    userId = String(
      h.state.insert(org.org, "User", {
        Username: "sam@functions.test",
        Email: "shared@functions.test",
        LastName: "Sam",
        Alias: "sam",
        IsActive: true,
        ProfileId: h.byName(org.org, "Profile", "Standard User").Id,
        UserRoleId: h.byName(org.org, "UserRole", "CEO").Id,
        TimeZoneSidKey: "GMT",
        LocaleSidKey: "en_US",
        EmailEncodingKey: "UTF-8",
        LanguageLocaleKey: "en_US",
      }).Id,
    );
    h.state.insert(org.org, "UserLogin", { UserId: userId, IsFrozen: true });
    const other = h.state.insert(org.org, "User", {
      Username: "kim@functions.test",
      Email: "shared@functions.test",
      LastName: "Kim",
      Alias: "kim",
      IsActive: true,
      ProfileId: h.byName(org.org, "Profile", "Read Only").Id,
    });
    h.state.insert(org.org, "UserLogin", { UserId: other.Id, IsFrozen: false });
  });
  afterAll(() => h.stop());

  test("catalogues: profiles, roles, permission sets (no profile-owned), public groups, licences", async () => {
    const profiles = await salesforce.getProfiles({ connection });
    expect(profiles.map((p) => p.name)).toContain("System Administrator");
    expect(profiles.find((p) => p.name === "Standard Platform User")).toMatchObject({
      id: expect.stringMatching(/^00e/),
      userLicense: "Salesforce Platform",
    });
    const roles = await salesforce.getRoles({ connection });
    expect(roles.find((r) => r.developerName === "SalesRep")).toMatchObject({
      name: "Sales Rep",
      parentRoleId: expect.stringMatching(/^00E/),
    });
    const sets = await salesforce.getPermissionSets({ connection });
    expect(sets.map((s) => s.name)).toEqual([
      "API_Only_Access",
      "CRM_Analytics_Viewer",
      "Reports_Builder",
      "Sales_Ops",
      "Support_Agent",
    ]);
    const groups = await salesforce.getPublicGroups({ connection });
    expect(groups.map((g) => g.developerName)).toEqual(["Engineering", "Sales_Team", "Support_Team"]);
    const psls = await salesforce.getPermissionSetLicenses({ connection });
    expect(psls.find((l) => l.name === "EinsteinAnalyticsPlusPsl")).toMatchObject({
      label: "CRM Analytics Plus",
      total: 5,
    });
    const flags = await salesforce.getFeatureLicenses({ connection });
    expect(flags).toContainEqual({
      id: "UserPermissionsMarketingUser",
      name: "MarketingUser",
      label: "Marketing User",
    });
  });

  test("getPicklistValues reads a multi-select field by name or label", async () => {
    const values = await salesforce.getPicklistValues({ object: "User", field: "Regions", connection });
    expect(values.map((v) => v.value)).toEqual(["AMER", "EMEA", "APAC", "LATAM"]);
    await expect(
      salesforce.getPicklistValues({ object: "User", field: "Nope__c", connection }),
    ).rejects.toThrow(/has no field "Nope__c"/);
  });

  test("searchUsers by username (one) and by email (all), getUser with freeze state and names", async () => {
    const one = await salesforce.searchUsers({ username: "SAM@functions.test", connection });
    expect(one).toMatchObject({
      id: userId,
      isFrozen: true,
      profileName: "Standard User",
      roleName: "CEO",
      isActive: true,
    });
    expect(await salesforce.searchUsers({ username: "nobody@functions.test", connection })).toBeUndefined();
    const shared = await salesforce.searchUsers({ email: "shared@functions.test", connection });
    expect(shared.map((u) => [u.username, u.isFrozen])).toEqual([
      ["kim@functions.test", false],
      ["sam@functions.test", true],
    ]);
    expect(await salesforce.getUser({ id: userId, connection })).toMatchObject({
      username: "sam@functions.test",
    });
  });

  test("getUserLeads and transferLeads move open leads only", async () => {
    const open = h.state.insert(org.org, "Lead", {
      LastName: "A",
      Company: "X",
      OwnerId: userId,
      IsConverted: false,
    });
    h.state.insert(org.org, "Lead", { LastName: "B", Company: "X", OwnerId: userId, IsConverted: true });
    expect(await salesforce.getUserLeads({ userId, connection })).toHaveLength(2);
    const moved = await salesforce.transferLeads({ fromUserId: userId, toUserId: org.adminId, connection });
    expect(moved).toEqual({ transferred: 1, leadIds: [open.Id] });
    expect(await salesforce.getUserLeads({ userId: org.adminId, connection })).toEqual([open.Id]);
  });

  test("getRecordAttachments lists attachments and files; downloadAttachment returns the bytes", async () => {
    const lead = h.state.insert(org.org, "Lead", {
      LastName: "Docs",
      Company: "X",
      OwnerId: userId,
      IsConverted: false,
    });
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const client = (await import("../../../provider/salesforce/client")).SalesforceClient.for(connection);
    const attachmentId = await client.createOne("Attachment", {
      ParentId: lead.Id,
      Name: "raw.bin",
      Body: bytes.toString("base64"),
      ContentType: "application/octet-stream",
    });
    await client.createOne("ContentVersion", {
      Title: "Plan",
      PathOnClient: "plan.pdf",
      VersionData: Buffer.from("%PDF").toString("base64"),
      FirstPublishLocationId: lead.Id,
    });
    const list = await salesforce.getRecordAttachments({
      recordType: "Lead",
      recordId: String(lead.Id),
      connection,
    });
    expect(list).toEqual([
      {
        id: attachmentId,
        name: "raw.bin",
        parentId: lead.Id,
        isPrivate: false,
        size: 8,
        contentType: "application/octet-stream",
        kind: "Attachment",
      },
      {
        id: expect.stringMatching(/^069/),
        name: "Plan",
        parentId: lead.Id,
        isPrivate: false,
        size: 4,
        contentType: "PDF",
        kind: "ContentDocument",
      },
    ]);
    const download = await salesforce.downloadAttachment({ id: attachmentId, connection });
    expect(download).toMatchObject({
      size: 8,
      content: bytes.toString("base64"),
      contentType: "application/octet-stream",
    });
    await expect(
      salesforce.getRecordAttachments({ recordType: "Lead", recordId: "00Q000000000000AAA", connection }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  test.each([
    [
      "getPicklistValues",
      { object: "../User", field: "Regions" },
      "salesforce.getPicklistValues: object: must be an API name such as Lead or Region__c",
    ],
    [
      "getPicklistValues",
      { object: "User", field: " " },
      "salesforce.getPicklistValues: field: must not be blank",
    ],
    [
      "getRecordAttachments",
      { recordType: "User'--", recordId: "x" },
      "salesforce.getRecordAttachments: recordType: must be an API name such as Lead or Region__c (a letter, " +
        "then letters, digits or _); recordId: must be a record id (15 or 18 letters and digits)",
    ],
    ["searchUsers", {}, "salesforce.searchUsers: give exactly one of username and email"],
    [
      "searchUsers",
      { username: "sam@functions.test", email: "shared@functions.test" },
      "salesforce.searchUsers: give username or email, not both",
    ],
    ["searchUsers", { username: "sam\r\n@functions.test" }, "salesforce.searchUsers: username: must be a"],
    ["getUser", { id: "00e000000000000" }, "salesforce.getUser: id: must be a user id (15 or 18 characters"],
    ["getUserLeads", { userId: "' OR Id != '" }, "salesforce.getUserLeads: userId: must be a user id"],
    ["downloadAttachment", { id: "../x" }, "salesforce.downloadAttachment: id: must be an attachment id"],
    ["getProfiles", { limit: 5 }, "salesforce.getProfiles: limit: is not known to salesforce.getProfiles"],
    ["request", { method: "TRACE", path: "/services/data" }, "salesforce.request: method: Invalid option"],
    [
      "request",
      { method: "GET", path: "/services/data/v62.0/../../secret" },
      "salesforce.request: path: must not have . or .. path segments",
    ],
    ["request", { method: "GET", path: "/services\r\nX-Injected: 1" }, "salesforce.request: path: must not"],
    [
      "transferLeads",
      { fromUserId: "' OR Id != '", toUserId: "005000000000000" },
      "salesforce.transferLeads: fromUserId: must be a user id",
    ],
  ] as const)("%s(%j) is refused before any request", async (name, args, reason) => {
    h.emulator.clearLog();
    const lookup = salesforce[name] as (args: never) => Promise<unknown>;
    const error = (await lookup({ ...args, connection } as never).catch((e: Error) => e)) as Error;
    expect(error).toMatchObject({ name: "OrgplaneError" });
    expect(error.message).toContain(reason);
    expect(h.calls()).toEqual([]);
  });

  test("the Output form refuses too; a bad connection is named without its token", async () => {
    h.emulator.clearLog();
    const output = salesforce.getPicklistValuesOutput({
      object: "../User",
      field: "Regions",
      connection,
    }) as unknown as {
      promise(): Promise<unknown>;
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
    };
    for (const other of [output.isKnown, output.isSecret]) other.catch(() => undefined);
    await expect(output.promise()).rejects.toThrow(
      "salesforce.getPicklistValues: object: must be an API name",
    );
    const accessToken = "00D000000000000!never-shown-token";
    const error = (await salesforce
      .getProfiles({ connection: { accessToken } })
      .catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/^salesforce\.getProfiles: connection\.instanceUrl: is required/);
    expect(error.message).not.toContain("never-shown-token");
    expect(h.calls()).toEqual([]);
  });

  test("request: the Custom API action passes 4xx answers back and sends bodies", async () => {
    const ok = await salesforce.request({
      method: "GET",
      path: "/services/data/v62.0/sobjects/User/describe",
      connection,
    });
    expect(ok.status).toBe(200);
    expect((ok.body as { name: string }).name).toBe("User");
    const created = await salesforce.request({
      method: "POST",
      path: "/sobjects/Lead",
      body: { LastName: "Api", Company: "Y" },
      connection,
    });
    expect(created).toMatchObject({ status: 201, body: { success: true } });
    const refused = await salesforce.request({
      method: "DELETE",
      path: `/sobjects/User/${userId}`,
      connection,
    });
    expect(refused.status).toBe(405);
    expect(refused.body).toEqual([{ errorCode: "METHOD_NOT_ALLOWED", message: expect.any(String) }]);
    const queried = await salesforce.request({
      method: "GET",
      path: "/query",
      query: { q: "SELECT Id FROM Group WHERE Type = 'Queue'" },
      connection,
    });
    expect((queried.body as { totalSize: number }).totalSize).toBe(1);
  });
});
