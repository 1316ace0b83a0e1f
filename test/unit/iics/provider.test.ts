import { loginCount } from "../../../provider/iics/client";
import { providers } from "../../../provider/iics/provider";
import { ADMIN_PASSWORD, callLines, orgInputs, startIics } from "./fixtures";

const provider = providers.Organization;
// What the engine keeps of a state: the dynamic provider host sends it as a protobuf Struct.
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const carried = (state: unknown): Record<string, unknown> => Struct.fromJavaScript(state).toJavaScript();

/** Provider methods against the in-process emulator, counting the API calls each one makes. */
describe("iics.Organization provider", () => {
  let emu: Awaited<ReturnType<typeof startIics>>;
  let connection: Record<string, string>;

  /** Inputs as check() returns them (defaults applied). */
  async function checked(overrides: Record<string, unknown> = {}) {
    const result = await provider.check!({}, { ...orgInputs(overrides), connection });
    if (result.failures) throw new Error(JSON.stringify(result.failures));
    return result.inputs as Record<string, unknown>;
  }
  async function create(overrides: Record<string, unknown> = {}) {
    const inputs = await checked(overrides);
    const { id, outs } = await provider.create!(inputs);
    return { id, inputs, state: carried(outs) };
  }
  /** A JSON POST to the emulator; the reply body as the test expects it. */
  async function post<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  }
  /** A sub-org made by someone else, straight through the API. */
  async function registerOutOfBand(name: string, admin: string) {
    const { username, password } = connection;
    const login = await post<{ serverUrl: string; icSessionId: string }>(`${emu.url}/ma/api/v2/user/login`, {
      username,
      password,
    });
    const org = { name, address1: "2 Side St", city: "Austin", state: "TX", zipcode: "73301", country: "US" };
    const user = { name: admin, password: "Other-Passw0rd", firstName: "Bo", lastName: "Bo" };
    const body = { org: { ...org, employees: "0_10" }, user };
    const reply = await post<{ orgId: string }>(`${login.serverUrl}/api/v2/user/register`, body, {
      icSessionId: login.icSessionId,
    });
    return reply.orgId;
  }
  const fields = (id: string) => emu.iics.orgs.get(id)!.fields;

  beforeEach(async () => {
    emu = await startIics();
    connection = emu.connection;
  });
  afterEach(() => emu.iics.emulator.stop());

  describe("create", () => {
    test("registers the sub-org and its admin: sub-org names, register, read-back", async () => {
      const { id, state } = await create();
      expect(callLines(emu.iics)).toEqual([
        "POST /ma/api/v2/user/login",
        "GET /saas/api/v2/org",
        "POST /saas/api/v2/user/register",
        "GET /saas/api/v2/org/<id>",
      ]);
      const org = emu.iics.orgs.get(id)!;
      expect(org.parentOrgId).toBe(emu.iics.partner.orgId);
      expect(org.fields).toMatchObject({ name: "Acme Data", state: "MD", timezone: "America/Los_Angeles" });
      expect([...emu.iics.users.values()].find((u) => u.orgId === id)).toMatchObject({
        name: "admin@acme-data.example",
        password: ADMIN_PASSWORD,
        roles: ["Admin"],
      });
      expect(state).toMatchObject({
        orgId: id,
        parentOrgId: emu.iics.partner.orgId,
        timezone: "America/Los_Angeles",
        passwordExpirationInDays: 0,
        createdBy: connection.username,
      });
      expect(JSON.stringify(state)).not.toContain(ADMIN_PASSWORD);
    });

    test("fields register does not take are set by one update right after", async () => {
      const { id } = await create({
        description: "ETL",
        passwordExpirationInDays: 90,
        errorEmails: "ops@acme.example",
      });
      expect(callLines(emu.iics).slice(2)).toEqual([
        "POST /saas/api/v2/user/register",
        "GET /saas/api/v2/org/<id>",
        "POST /saas/api/v2/org/<id>",
      ]);
      expect(fields(id)).toMatchObject({
        description: "ETL",
        passwordExpirationInDays: 90,
        errorEmails: "ops@acme.example",
      });
    });

    test("one login serves many orgs, also when created at once", async () => {
      const before = loginCount();
      const names = ["One", "Two", "Three", "Four"];
      await Promise.all(
        names.map((name, i) =>
          create({ name, admin: { ...(orgInputs().admin as object), username: `a${i}@acme.example` } }),
        ),
      );
      expect(emu.iics.allSubOrgs()).toHaveLength(4);
      expect(emu.iics.emulator.calls({ path: "/ma/api/v2/user/login" })).toHaveLength(1);
      expect(loginCount() - before).toBe(1);
      // The name checks share reads of the parent org: the first, and one for all that came during it.
      expect(emu.iics.emulator.calls({ method: "GET", path: /\/api\/v2\/org$/ })).toHaveLength(2);
    });

    test("a reply lost after register commits: the org found is left to adopt, never a second org", async () => {
      emu.iics.emulator.faults.add({
        method: "POST",
        path: "/user/register$",
        commitThenDrop: true,
        times: 1,
      });
      const error = await create().catch((e: Error) => e);
      expect(String((error as Error).message)).toMatch(/its reply was lost.*another owner's.*adopt: true/s);
      expect(emu.iics.emulator.calls({ path: /\/user\/register$/ })).toHaveLength(1);
      const { id } = await create({ adopt: true });
      expect(emu.iics.allSubOrgs().map((o) => o.id)).toEqual([id]);
    });

    test("a failure after register reports the new id so the engine keeps track of it", async () => {
      emu.iics.emulator.faults.add({ method: "GET", path: "/org/[\\w-]{22}$", status: 403, times: 1 });
      const inputs = await checked();
      const error = await provider.create!(inputs).catch((e) => e);
      const [org] = emu.iics.allSubOrgs();
      expect(error.id).toBe(org.id);
      expect(error.message).toContain("HTTP 403");
    });

    test("the parent org's name is refused the same way with or without adopt", async () => {
      emu.iics.emulator.clearLog();
      for (const adopt of [false, true]) {
        const error = await create({ name: "Orgplane Partner", adopt }).catch((e: Error) => e);
        expect((error as Error).message).toMatch(/name of a top-level organization .*Choose another name/s);
        expect((error as Error).message).not.toContain("set `adopt: true`");
      }
      // Refused before any write: no register, no update of the top-level org.
      expect(emu.iics.emulator.calls({ method: "POST" }).map((c) => c.path)).toEqual([
        expect.stringMatching(/login$/),
      ]);
    });

    test("an existing name fails clearly, naming adopt", async () => {
      const existing = await registerOutOfBand("Acme Data", "someone@acme.example");
      const error = await create().catch((e) => e);
      expect(error.message).toContain("adopt");
      expect(error.message).toContain(existing);
      expect(emu.iics.allSubOrgs()).toHaveLength(1);
    });

    test("adopt takes over the existing sub-org and sets it to the inputs", async () => {
      const existing = await registerOutOfBand("Acme Data", "someone@acme.example");
      emu.iics.emulator.clearLog();
      const { id, state } = await create({ adopt: true, description: "adopted" });
      expect(id).toBe(existing);
      expect(emu.iics.emulator.calls({ path: /\/user\/register$/ })).toHaveLength(0);
      expect(fields(id)).toMatchObject({ city: "Baltimore", state: "MD", description: "adopted" });
      expect(state).toMatchObject({ orgId: existing, city: "Baltimore" });
    });

    test("the parent org's own name cannot be created or adopted", async () => {
      const error = await create({ name: "Orgplane Partner", adopt: true }).catch((e) => e);
      expect(error.message).toContain("top-level organization");
    });

    test("the connection falls back to IICS_LOGIN_URL, IICS_USERNAME and IICS_PASSWORD", async () => {
      const names = ["IICS_LOGIN_URL", "IICS_USERNAME", "IICS_PASSWORD"];
      const saved = names.map((name) => process.env[name]);
      try {
        delete process.env.IICS_LOGIN_URL;
        const inputs = await checked();
        delete inputs.connection;
        const missing = await provider.create!(inputs).catch((e) => e);
        expect(missing.message).toContain("IICS_LOGIN_URL");
        Object.assign(process.env, {
          IICS_LOGIN_URL: connection.loginUrl,
          IICS_USERNAME: connection.username,
          IICS_PASSWORD: connection.password,
        });
        const { id } = await provider.create!(inputs);
        expect(emu.iics.orgs.has(id)).toBe(true);
      } finally {
        names.forEach((name, i) =>
          saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i]),
        );
      }
    });
  });

  describe("read", () => {
    test("reports IICS's values: one call, and a change made out of band shows", async () => {
      const { id, state } = await create();
      fields(id).description = "changed in the UI";
      fields(id).city = "Annapolis";
      emu.iics.emulator.clearLog();
      const read = await provider.read!(id, state);
      expect(callLines(emu.iics)).toEqual(["GET /saas/api/v2/org/<id>"]);
      expect(carried(read.props)).toMatchObject({
        description: "changed in the UI",
        city: "Annapolis",
        orgId: id,
      });
    });

    test("a field cleared out of band is cleared in the state too", async () => {
      const { id, state } = await create({ description: "ETL" });
      fields(id).description = undefined;
      const read = await provider.read!(id, state);
      expect(state.description).toBe("ETL");
      expect(carried(read.props)).not.toHaveProperty("description");
    });

    test("a 404 drops the resource", async () => {
      const { id, state } = await create();
      emu.iics.orgs.delete(id);
      expect(await provider.read!(id, state)).toEqual({});
    });

    test("any other error throws", async () => {
      const { id, state } = await create();
      emu.iics.emulator.faults.add({ method: "GET", status: 500, message: "database unavailable" });
      await expect(provider.read!(id, state)).rejects.toThrow(/HTTP 500.*database unavailable/);
    });

    test("a 200 carrying an error object is an error", async () => {
      const { id, state } = await create();
      emu.iics.emulator.faults.add({ method: "GET", status: 200, message: "quietly failed" });
      await expect(provider.read!(id, state)).rejects.toThrow(/quietly failed/);
    });
  });

  describe("update", () => {
    test("reads, merges and posts the full object: 2 calls, unmanaged settings kept", async () => {
      const { id, state } = await create({ timezone: "America/Chicago" });
      fields(id).maxLogRows = 5000; // set in the UI; the update must not reset it
      emu.iics.emulator.clearLog();
      const news = await checked({ description: "ETL", passwordReuseInDays: 365 });
      const { outs } = await provider.update!(id, state, news);
      expect(callLines(emu.iics)).toEqual(["GET /saas/api/v2/org/<id>", "POST /saas/api/v2/org/<id>"]);
      expect(fields(id)).toMatchObject({
        description: "ETL",
        passwordReuseInDays: 365,
        maxLogRows: 5000,
        timezone: "America/Chicago", // unset in the new inputs: IICS's value stays
      });
      expect(carried(outs)).toMatchObject({ description: "ETL", passwordReuseInDays: 365 });
      expect(JSON.stringify(outs)).not.toContain(ADMIN_PASSWORD);
    });

    test("a removed optional field is cleared; a rename updates in place", async () => {
      const { id, state } = await create({ description: "ETL" });
      await provider.update!(id, state, await checked({ name: "Acme Analytics" }));
      expect(fields(id).description).toBeUndefined();
      expect(fields(id).name).toBe("Acme Analytics");
    });

    test("a change of adopt or connection alone makes no API call", async () => {
      const { id, state } = await create();
      emu.iics.emulator.clearLog();
      await provider.update!(id, state, await checked({ adopt: true }));
      expect(emu.iics.emulator.log).toHaveLength(0);
    });

    test("an org deleted meanwhile fails with a hint to refresh", async () => {
      const { id, state } = await create();
      emu.iics.orgs.delete(id);
      await expect(provider.update!(id, state, await checked({ description: "x" }))).rejects.toThrow(
        /pulumi refresh/,
      );
    });

    test("IICS's validation errors come back with their code", async () => {
      const { id, state } = await create();
      emu.iics.emulator.faults.add({
        method: "POST",
        path: "/org/",
        status: 400,
        message: "name is not valid",
      });
      await expect(provider.update!(id, state, await checked({ description: "x" }))).rejects.toThrow(
        /iics POST \/api\/v2\/org\/\w+ failed: HTTP 400: HTTP_400: name is not valid/,
      );
    });
  });

  describe("replace fields", () => {
    test("admin changes are refused in the preview, never a replace (that would delete the org's data)", async () => {
      const { state } = await create();
      const news = await checked({ admin: { ...(orgInputs().admin as object), firstName: "Augusta" } });
      emu.iics.emulator.clearLog();
      await expect(provider.diff!("id", state, news)).rejects.toThrow(/cannot be changed.*ignoreChanges/);
      expect(emu.iics.emulator.log).toHaveLength(0);
    });
  });

  describe("delete", () => {
    test("deletes with one call; an org already gone counts as deleted", async () => {
      const { id, state } = await create();
      emu.iics.emulator.clearLog();
      await provider.delete!(id, state);
      expect(callLines(emu.iics)).toEqual(["DELETE /saas/api/v2/org/<id>"]);
      expect(emu.iics.orgs.has(id)).toBe(false);
      await expect(provider.delete!(id, state)).resolves.toBeUndefined();
    });

    test("other failures throw", async () => {
      const { id, state } = await create();
      emu.iics.emulator.faults.add({ method: "DELETE", status: 403, message: "not allowed" });
      await expect(provider.delete!(id, state)).rejects.toThrow(/HTTP 403/);
      expect(emu.iics.orgs.has(id)).toBe(true);
    });
  });

  describe("no secrets in errors", () => {
    test("a wrong connection password fails with the API's code and without the password", async () => {
      connection = { ...connection, password: "Wrong-But-Secret-9" };
      const error = await create().catch((e) => e);
      expect(error.message).toContain("UI_10000");
      expect(error.message).not.toContain("Wrong-But-Secret-9");
    });

    test("an error body that echoes the admin password is redacted", async () => {
      emu.iics.emulator.faults.add({
        path: "/user/register$",
        status: 400,
        message: `bad password ${ADMIN_PASSWORD}`,
      });
      const error = await create().catch((e) => e);
      expect(error.message).toContain("bad password");
      expect(error.message).not.toContain(ADMIN_PASSWORD);
      expect(error.message).not.toContain(connection.password);
    });
  });
});
