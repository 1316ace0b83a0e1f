import * as path from "node:path";
import { BiotEmulator } from "../../emulators/biot/server";
import { guardContracts } from "./contract-guard";
import { Exchange, OpenApiContract } from "./openapi";

const contract = new OpenApiContract(
  ["biot-organization-openapi-2.4.2.json", "biot-ums-login-openapi-2.4.2.json"].map((f) =>
    path.join(__dirname, "contracts", f),
  ),
);
const ORGS = "/organization/v1/organizations";
const MISSING_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

describe("BioT emulator against the OpenAPI 2.4.2 contract", () => {
  let biot: BiotEmulator;
  let base: string;
  let token: string;
  let seen: Exchange[] = [];

  /** Every request goes through here, and every response is validated against the spec after each test. */
  async function call(
    method: string,
    url: string,
    options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token === undefined ? token : options.token;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(base + url, { method, headers, body: payload });
    const text = await res.text();
    const body = text === "" ? "" : JSON.parse(text);
    seen.push({ method, url, status: res.status, body });
    return { status: res.status, body };
  }
  const search = (request: unknown) =>
    call("GET", `${ORGS}?searchRequest=${encodeURIComponent(JSON.stringify(request))}`);
  const serviceLogin = async () =>
    (
      await call("POST", "/ums/v2/services/accessToken", {
        body: { id: biot.state.service.id, secretKey: biot.state.service.secret },
      })
    ).body.accessToken as string;
  let n = 0;
  const newOrg = (extra: Record<string, unknown> = {}) => ({
    _name: `Org ${++n}`,
    _primaryAdministrator: {
      _name: { firstName: "Ada", lastName: "Admin" },
      _email: `admin${n}@org.example`,
    },
    ...extra,
  });
  const templateId = (name: string) => biot.state.templateByName(name, "organization")!.id;
  const createClinic = async (extra: Record<string, unknown> = {}) =>
    (
      await call("POST", `${ORGS}/templates/Clinic`, {
        body: newOrg(extra),
        headers: { "x-execution-mode": "sync" },
      })
    ).body;

  beforeAll(async () => {
    biot = new BiotEmulator();
    base = await biot.emulator.start(0);
    token = await serviceLogin();
  });
  guardContracts(() => [biot.emulator]);
  afterAll(() => biot.emulator.stop());
  afterEach(() => {
    const problems = seen.flatMap((x) => contract.problems(x));
    seen = [];
    expect(problems).toEqual([]);
  });

  test("the validator itself rejects a body that breaks the contract", () => {
    const bad = {
      method: "GET",
      url: `${ORGS}/${MISSING_ID}`,
      status: 200,
      body: { _id: "not-a-uuid", _name: "x" },
    };
    expect(contract.problems(bad).join()).toMatch(
      /must have required property '_creationTime'|format "uuid"/,
    );
    expect(contract.problems({ ...bad, status: 418 }).join()).toMatch(/status not documented/);
    expect(contract.problems({ ...bad, status: 404, body: { code: "NOPE" } }).join()).toMatch(
      /not one the spec lists/,
    );
  });

  describe("UMS login", () => {
    test("a service user gets an access token with its expiration", async () => {
      const res = await call("POST", "/ums/v2/services/accessToken", {
        body: { id: biot.state.service.id, secretKey: biot.state.service.secret },
      });
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.accessTokenExpiration)).toBeGreaterThan(Date.now());
    });

    test("a wrong secret key is 403 LOGIN_FAILED; a malformed id is 400", async () => {
      const wrong = await call("POST", "/ums/v2/services/accessToken", {
        body: { id: biot.state.service.id, secretKey: "nope" },
      });
      expect([wrong.status, wrong.body.code]).toEqual([403, "LOGIN_FAILED"]);
      expect(wrong.body.serviceName).toBe("User Management Service");
      expect(
        (await call("POST", "/ums/v2/services/accessToken", { body: { id: "x", secretKey: "y" } })).status,
      ).toBe(400);
    });

    test("a user logs in, refreshes once per refresh token, and wrong or locked users are refused", async () => {
      const { username, secret } = biot.state.adminUser;
      const login = await call("POST", "/ums/v2/users/login", { body: { username, password: secret } });
      expect(login.status).toBe(200);
      expect(login.body.userId).toBe(biot.state.adminUser.id);
      const refreshed = await call("POST", "/ums/v2/users/token/refresh", {
        body: { refreshToken: login.body.refreshJwt.token },
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.accessJwt.token).not.toBe(login.body.accessJwt.token);
      const reused = await call("POST", "/ums/v2/users/token/refresh", {
        body: { refreshToken: login.body.refreshJwt.token },
      });
      expect([reused.status, reused.body.code]).toEqual([403, "REFRESH_TOKEN_NOT_VALID"]);
      const wrong = await call("POST", "/ums/v2/users/login", { body: { username, password: "wrong" } });
      expect([wrong.status, wrong.body.code]).toEqual([403, "LOGIN_FAILED"]);
      biot.state.viewer.locked = true;
      const locked = await call("POST", "/ums/v2/users/login", {
        body: { username: biot.state.viewer.username, password: biot.state.viewer.secret },
      });
      biot.state.viewer.locked = false;
      expect([locked.status, locked.body.code]).toEqual([401, "USER_LOCKED"]);
      const newToken = (
        await call("GET", `${ORGS}/${biot.state.manufacturer.id}`, { token: refreshed.body.accessJwt.token })
      ).status;
      expect(newToken).toBe(200);
    });
  });

  describe("auth on the Organization service", () => {
    test("no token, an unknown token or an expired one is 401 TOKEN_NOT_VALID", async () => {
      for (const t of [null, "made-up"]) {
        const res = await call("GET", ORGS, { token: t });
        expect([res.status, res.body.code]).toEqual([401, "TOKEN_NOT_VALID"]);
      }
      biot.auth.lifetimes.accessSeconds = -1;
      const expired = await serviceLogin();
      biot.auth.lifetimes.accessSeconds = 900;
      expect((await call("GET", ORGS, { token: expired })).status).toBe(401);
    });

    test("a user without the permission gets 403 ACCESS_DENIED but may read", async () => {
      const { username, secret } = biot.state.viewer;
      const viewer = (await call("POST", "/ums/v2/users/login", { body: { username, password: secret } }))
        .body.accessJwt.token;
      const res = await call("POST", `${ORGS}/templates/Clinic`, { body: newOrg(), token: viewer });
      expect([res.status, res.body.code]).toEqual([403, "ACCESS_DENIED"]);
      expect((await call("GET", ORGS, { token: viewer })).status).toBe(200);
    });
  });

  describe("create", () => {
    test("by template id: 201 with the admin created and referenced, custom attributes at the top level", async () => {
      const body = newOrg({
        _templateId: templateId("Clinic"),
        _timezone: "Europe/Oslo",
        _locale: "nb-no",
        _phone: "+4723000000",
        beds: 5,
        _headquarters: { countryCode: "NO", city: "Oslo" },
      });
      const res = await call("POST", ORGS, { body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        _name: body._name,
        _timezone: "Europe/Oslo",
        beds: 5,
        region: null,
        _template: { name: "Clinic" },
      });
      expect(res.body._primaryAdministrator).toMatchObject({
        name: "Ada Admin",
        templateName: "OrganizationAdmin",
        organizationId: res.body._id,
      });
      expect(JSON.stringify(res.body)).not.toContain(body._primaryAdministrator._email); // never echoed
      expect(biot.state.users.get(res.body._primaryAdministrator.id)?.email).toBe(
        body._primaryAdministrator._email,
      );
    });

    test("by template name: 201; an unknown name is 404 TEMPLATE_NOT_FOUND_BY_NAME", async () => {
      const ok = await call("POST", `${ORGS}/templates/Hospital`, { body: newOrg({ tier: "A" }) });
      expect(ok.status).toBe(201);
      const missing = await call("POST", `${ORGS}/templates/Nope`, { body: newOrg() });
      expect([missing.status, missing.body.code, missing.body.details]).toEqual([
        404,
        "TEMPLATE_NOT_FOUND_BY_NAME",
        { templateName: "Nope" },
      ]);
    });

    test("template id problems: missing, unknown (404) and not an organization template (403)", async () => {
      const missing = await call("POST", ORGS, { body: newOrg() });
      expect([missing.status, missing.body.code]).toEqual([400, "ATTRIBUTE_IS_MANDATORY"]);
      const unknown = await call("POST", ORGS, { body: newOrg({ _templateId: MISSING_ID }) });
      expect([unknown.status, unknown.body.code]).toEqual([404, "REFERENCE_CONFIGURATION_ENTITY_NOT_FOUND"]);
      const userTemplate = biot.state.templateByName("Caregiver", "user")!.id;
      const wrong = await call("POST", ORGS, { body: newOrg({ _templateId: userTemplate }) });
      expect([wrong.status, wrong.body.code]).toEqual([403, "ENTITY_TYPE_TEMPLATE_MISMATCH"]);
    });

    test.each([
      ["long name", { _name: "x".repeat(33) }, "VALIDATION_MAX_ALLOWED_VALUE"],
      ["timezone", { _timezone: "Mars/Base" }, "VALIDATION_TIMEZONE_NOT_VALID"],
      ["locale", { _locale: "EN_US" }, "VALIDATION_LOCALE_NOT_VALID"],
      ["headquarters without country", { _headquarters: { city: "Boston" } }, "ATTRIBUTE_IS_MANDATORY"],
      ["phone", { _phone: "555" }, "ATTRIBUTE_REGEX_VALIDATION_FAILED"],
      ["unknown attribute", { color: "red" }, "ATTRIBUTE_NOT_VALID_FOR_TEMPLATE"],
      ["attribute type", { beds: "many" }, "ATTRIBUTE_VALUE_TYPE_MISMATCH"],
      ["attribute regex", { accountCode: "abc" }, "ATTRIBUTE_REGEX_VALIDATION_FAILED"],
      ["attribute maximum", { beds: 10001 }, "VALIDATION_MAX_ALLOWED_VALUE"],
      ["admin without name", { _primaryAdministrator: { _email: "x@y.example" } }, "ATTRIBUTE_IS_MANDATORY"],
      [
        "mfa minimum",
        {
          _primaryAdministrator: {
            _name: { firstName: "A", lastName: "B" },
            _mfa: { enabled: true, expirationInMinutes: 0 },
          },
        },
        "VALIDATION_MINIMUM_ALLOWED_VALUE",
      ],
      [
        "gender",
        { _primaryAdministrator: { _name: { firstName: "A", lastName: "B" }, _gender: "X" } },
        "SELECT_ATTRIBUTE_INVALID_VALUE",
      ],
    ])("400 for %s", async (_label, extra, code) => {
      const res = await call("POST", `${ORGS}/templates/Clinic`, { body: newOrg(extra) });
      expect([res.status, res.body.code]).toEqual([400, code]);
      expect(res.body.traceId).toMatch(/^[0-9a-f]{16}$/);
    });

    test("409 for a taken name or admin email", async () => {
      const first = await createClinic();
      const sameName = await call("POST", `${ORGS}/templates/Clinic`, {
        body: { ...newOrg(), _name: first._name },
      });
      expect([sameName.status, sameName.body.code, sameName.body.details]).toEqual([
        409,
        "ORGANIZATION_ALREADY_EXIST",
        { name: first._name },
      ]);
      const body = newOrg();
      body._primaryAdministrator._email = "admin@manufacturer.example";
      const sameEmail = await call("POST", `${ORGS}/templates/Clinic`, { body });
      expect([sameEmail.status, sameEmail.body.code]).toEqual([409, "EMAIL_ALREADY_EXIST"]);
    });
  });

  describe("get, PATCH, delete", () => {
    test("GET by id: 200, 404 ORGANIZATION_NOT_FOUND with the id, 400 for a non-uuid", async () => {
      const org = await createClinic();
      expect((await call("GET", `${ORGS}/${org._id}`)).body).toEqual(org);
      const missing = await call("GET", `${ORGS}/${MISSING_ID}`);
      expect([missing.status, missing.body.code, missing.body.details]).toEqual([
        404,
        "ORGANIZATION_NOT_FOUND",
        { id: MISSING_ID },
      ]);
      expect((await call("GET", `${ORGS}/not-a-uuid`)).status).toBe(400);
    });

    test("PATCH changes only what it is sent; null is outside the 2.4.2 schema; lastModifiedTime moves", async () => {
      const org = await createClinic({
        _description: "before",
        _phone: "+4723000000",
        region: "north",
        beds: 3,
      });
      await new Promise((r) => setTimeout(r, 5));
      // UpdateOrganizationRequest types _phone as a string, without null: the contract refuses a null.
      const nullPhone = await call("PATCH", `${ORGS}/${org._id}`, { body: { _phone: null } });
      expect(nullPhone.status).toBe(400);
      seen.pop(); // the contract's own refusal (BAD_REQUEST), not a code of this operation
      expect(biot.emulator.takeContractViolations()).toEqual([
        expect.stringContaining("body/_phone must be string"),
      ]);
      const res = await call("PATCH", `${ORGS}/${org._id}`, {
        body: { _description: "after", beds: 4 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ _name: org._name, _description: "after", region: "north", beds: 4 });
      expect(res.body._phone).toBeUndefined(); // the handler ran before the contract refused the null
      expect(res.body._creationTime).toBe(org._creationTime);
      expect(Date.parse(res.body._lastModifiedTime)).toBeGreaterThan(Date.parse(org._lastModifiedTime));
    });

    test("PATCH errors: country code, taken name, read-only fields, unknown id, malformed body", async () => {
      const org = await createClinic();
      const other = await createClinic();
      const noCountry = await call("PATCH", `${ORGS}/${org._id}`, {
        body: { _headquarters: { city: "Boston" } },
      });
      expect([noCountry.status, noCountry.body.code]).toEqual([400, "COUNTRY_CODE_CANNOT_BE_NULL"]);
      // What null does is undocumented; the 2.4.2 schema has no null for an address, so the contract refuses
      // it under either reading (state.nullAddressClears no longer reaches the handler).
      for (const clears of [false, true]) {
        biot.state.nullAddressClears = clears;
        const nullAddress = await call("PATCH", `${ORGS}/${org._id}`, { body: { _headquarters: null } });
        expect(nullAddress.status).toBe(400);
        if (clears) seen.pop(); // the contract's own refusal (BAD_REQUEST)
      }
      biot.state.nullAddressClears = false;
      const taken = await call("PATCH", `${ORGS}/${org._id}`, { body: { _name: other._name } });
      expect([taken.status, taken.body.code]).toEqual([409, "ORGANIZATION_ALREADY_EXIST"]);
      for (const readOnly of [
        { _templateId: templateId("Hospital") },
        { _primaryAdministrator: { _name: { firstName: "B", lastName: "C" } } },
      ]) {
        const res = await call("PATCH", `${ORGS}/${org._id}`, { body: readOnly });
        expect([res.status, res.body.code]).toEqual([400, "ATTRIBUTE_NOT_VALID_FOR_TEMPLATE"]);
      }
      const missing = await call("PATCH", `${ORGS}/${MISSING_ID}`, { body: { _description: "x" } });
      expect([missing.status, missing.body.code]).toEqual([404, "ORGANIZATION_NOT_FOUND"]);
      const malformed = await call("PATCH", `${ORGS}/${org._id}`, { raw: "{not json" });
      expect(malformed.status).toBe(400);
    });

    test("DELETE sync: 204 with no body, the org and its users are gone at once; then 404", async () => {
      const org = await createClinic();
      const res = await call("DELETE", `${ORGS}/${org._id}`, { headers: { "x-execution-mode": "sync" } });
      expect([res.status, res.body]).toEqual([204, ""]);
      expect(biot.state.users.has(org._primaryAdministrator.id)).toBe(false);
      expect((await call("GET", `${ORGS}/${org._id}`)).status).toBe(404);
      const again = await call("DELETE", `${ORGS}/${org._id}`, { headers: { "x-execution-mode": "sync" } });
      expect([again.status, again.body.code]).toEqual([404, "ORGANIZATION_NOT_FOUND"]);
    });

    test("DELETE async (the default) answers 204 before the background work is done", async () => {
      const org = await createClinic();
      expect((await call("DELETE", `${ORGS}/${org._id}`)).status).toBe(204);
      expect((await call("GET", `${ORGS}/${org._id}`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, biot.orgs.asyncDeleteDelayMs + 50));
      expect((await call("GET", `${ORGS}/${org._id}`)).status).toBe(404);
    });

    test("DELETE of the first organization is 403 CANNOT_DELETE_FIRST_ORGANIZATION", async () => {
      const res = await call("DELETE", `${ORGS}/${biot.state.manufacturer.id}`, {
        headers: { "x-execution-mode": "sync" },
      });
      expect([res.status, res.body.code]).toEqual([403, "CANNOT_DELETE_FIRST_ORGANIZATION"]);
      expect(biot.state.orgs.has(biot.state.manufacturer.id)).toBe(true);
    });
  });

  describe("change admin (acts on the caller's own organization)", () => {
    test("promotes an org-admin user of the caller's organization", async () => {
      const adminTemplate = biot.state.templateByName("OrganizationAdmin", "user")!;
      const deputy = biot.state.addUser({
        organizationId: biot.state.manufacturer.id,
        templateId: adminTemplate.id,
        firstName: "Deputy",
        lastName: "Admin",
      });
      const previous = biot.state.manufacturer.adminId;
      const res = await call("POST", `${ORGS}/admin/${deputy.id}`);
      expect(res.status).toBe(200);
      expect(res.body._primaryAdministrator.id).toBe(deputy.id);
      biot.state.manufacturer.adminId = previous;
    });

    test("refuses other templates (409), unknown users (404), callers without permission (403) and non-admin users (401)", async () => {
      const caregiver = await call("POST", `${ORGS}/admin/${biot.state.viewer.id}`);
      expect([caregiver.status, caregiver.body.code]).toEqual([
        409,
        "USER_TEMPLATE_NOT_MATCH_TO_ORGANIZATION_ADMIN",
      ]);
      const unknown = await call("POST", `${ORGS}/admin/${MISSING_ID}`);
      expect([unknown.status, unknown.body.code]).toEqual([404, "USER_NOT_FOUND"]);
      const { username, secret } = biot.state.viewer;
      const viewer = (await call("POST", "/ums/v2/users/login", { body: { username, password: secret } }))
        .body.accessJwt.token;
      const denied = await call("POST", `${ORGS}/admin/${biot.state.viewer.id}`, { token: viewer });
      expect([denied.status, denied.body.code]).toEqual([403, "ACCESS_DENIED"]);
      biot.state.viewer.permissions.add("ORGANIZATION_CHANGE_ADMIN");
      const notAdmin = await call("POST", `${ORGS}/admin/${biot.state.viewer.id}`, { token: viewer });
      biot.state.viewer.permissions.delete("ORGANIZATION_CHANGE_ADMIN");
      expect([notAdmin.status, notAdmin.body.code]).toEqual([401, "USER_IS_NOT_ADMIN"]);
    });
  });

  describe("search", () => {
    let made: { _id: string; _name: string }[];
    beforeAll(async () => {
      biot.state.clearCreated();
      made = [];
      for (const [name, region, beds] of [
        ["Alpha Care", "north", 10],
        ["Beta Care", "south", 20],
        ["Gamma Health", "north", 30],
      ] as const) {
        made.push(await createClinic({ _name: name, region, beds }));
      }
    });

    test("no request: every organization, newest first, with page metadata", async () => {
      const res = await call("GET", ORGS);
      expect(res.body.data.map((o: { _name: string }) => o._name)).toEqual([
        "Gamma Health",
        "Beta Care",
        "Alpha Care",
        "Manufacturer",
      ]);
      expect(res.body.metadata.page).toEqual({ totalResults: 4, page: 0, limit: 100 });
      expect(res.body.metadata.sort).toEqual([{ prop: "_creationTime", order: "DESC" }]);
    });

    test.each([
      ["eq", { _name: { eq: "Beta Care" } }, ["Beta Care"]],
      ["in", { _id: { in: [] as string[] } }, ["Alpha Care", "Gamma Health"]],
      ["like (case-insensitive substring)", { _name: { like: "care" } }, ["Alpha Care", "Beta Care"]],
      ["not", { region: { not: "north" }, _templateName: { eq: "Clinic" } }, ["Beta Care"]],
      ["custom attribute range", { beds: { gte: 15, lt: 30 } }, ["Beta Care"]],
      [
        "$OR",
        { $OR: { filter: { _name: { eq: "Alpha Care" }, region: { eq: "south" } } } },
        ["Alpha Care", "Beta Care"],
      ],
      ["isNull", { region: { isNull: true } }, ["Manufacturer"]],
    ])("filter %s", async (label, filter, names) => {
      if (label === "in") (filter as { _id: { in: string[] } })._id.in = [made[0]._id, made[2]._id];
      const res = await search({ filter, sort: [{ prop: "_name", order: "ASC" }] });
      expect(res.status).toBe(200);
      expect(res.body.data.map((o: { _name: string }) => o._name)).toEqual(names);
    });

    test("paging and multi-field sort", async () => {
      const sort = [
        { prop: "region", order: "ASC" },
        { prop: "_name", order: "DESC" },
      ];
      const page0 = await search({ sort, limit: 2, page: 0 });
      const page1 = await search({ sort, limit: 2, page: 1 });
      const names = [...page0.body.data, ...page1.body.data].map((o: { _name: string }) => o._name);
      expect(names).toEqual(["Manufacturer", "Gamma Health", "Alpha Care", "Beta Care"]);
      expect(page1.body.metadata.page).toEqual({ totalResults: 4, page: 1, limit: 2 });
      expect((await search({ limit: 2, page: 5 })).body.data).toEqual([]);
    });

    test("free text ORs its terms", async () => {
      const res = await search({ freeTextSearch: "gamma beta", sort: [{ prop: "_name", order: "ASC" }] });
      expect(res.body.data.map((o: { _name: string }) => o._name)).toEqual(["Beta Care", "Gamma Health"]);
      expect(res.body.metadata.freeTextSearch).toBe("gamma beta");
    });

    test("400 for malformed JSON, a bad limit, or a field that cannot be filtered or sorted", async () => {
      expect((await call("GET", `${ORGS}?searchRequest=%7Bnope`)).status).toBe(400);
      expect((await search({ limit: 0 })).status).toBe(400);
      expect((await search({ filter: { _secret: { eq: 1 } } })).status).toBe(400);
      expect((await search({ sort: [{ prop: "_templateName" }] })).status).toBe(400);
    });
  });

  test("injected faults answer with an ErrorResponse of the documented code", async () => {
    biot.emulator.faults.add({ method: "GET", path: `^${ORGS}$`, status: 504, times: 1 });
    biot.emulator.faults.add({ method: "GET", path: `^${ORGS}$`, status: 500, times: 1 });
    const timeout = await call("GET", ORGS);
    const broken = await call("GET", ORGS);
    expect([timeout.status, timeout.body.code, broken.status, broken.body.code]).toEqual([
      504,
      "GATEWAY_TIMEOUT",
      500,
      "INTERNAL_SERVER_ERROR",
    ]);
  });
  describe("what BioT's SDKs call beyond the 2.4.2 extracts", () => {
    const plain = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(base + url, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : "" };
    };

    test("health checks answer 200 without a token", async () => {
      for (const url of ["/organization/system/healthCheck", "/ums/system/healthCheck"]) {
        const res = await plain("GET", url);
        expect(res.status).toBe(200);
        expect(typeof res.body.traceId).toBe("string");
      }
    });

    test("logout ends the refresh token; an unknown one is refused", async () => {
      const { username, secret } = biot.state.adminUser;
      const login = await plain("POST", "/ums/v2/users/login", { username, password: secret });
      const refreshToken = login.body.refreshJwt.token;
      expect(await plain("POST", "/ums/v2/users/logout", { refreshToken })).toEqual({
        status: 200,
        body: "",
      });
      const refreshed = await plain("POST", "/ums/v2/users/token/refresh", { refreshToken });
      expect([refreshed.status, refreshed.body.code]).toEqual([403, "REFRESH_TOKEN_NOT_VALID"]);
      const again = await plain("POST", "/ums/v2/users/logout", { refreshToken });
      expect([again.status, again.body.code]).toEqual([403, "REFRESH_TOKEN_NOT_VALID"]);
    });

    test("branding of the caller's organization, and _referencers only when asked", async () => {
      expect(await call("GET", `${ORGS}/branding/self`)).toEqual({ status: 200, body: {} });
      expect((await call("GET", `${ORGS}/branding/self`, { token: null })).status).toBe(401);
      const org = await createClinic();
      expect((await call("GET", `${ORGS}/${org._id}`)).body).not.toHaveProperty("_referencers");
      expect((await call("GET", `${ORGS}/${org._id}?includeReferencers=true`)).body._referencers).toEqual({});
    });
  });
});
