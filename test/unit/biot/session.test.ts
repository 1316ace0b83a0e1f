import {
  searchOrganizations,
  findOrganizationByName,
  getOrganization,
  listOrganizations,
} from "../../../provider/biot/functions";
import { Biot, callsOf, checked, createOrg, orgInputs, provider, startBiot } from "./harness";

const SERVICE_LOGIN = "POST /ums/v2/services/accessToken";
const USER_LOGIN = "POST /ums/v2/users/login";
const REFRESH = "POST /ums/v2/users/token/refresh";

/** Each test gets its own emulator (its own URL, so its own session in the process-wide pool). */
describe("biot sessions, connection and lookups", () => {
  let biot: Biot;
  beforeEach(async () => (biot = await startBiot()));
  afterEach(() => biot.stop());
  const count = (call: string) => callsOf(biot).filter((c) => c === call).length;

  test("one service-user login serves N concurrent creates", async () => {
    const created = await Promise.all([1, 2, 3, 4, 5].map(() => createOrg(orgInputs(biot.service))));
    expect(new Set(created.map((c) => c.id)).size).toBe(5);
    expect(count(SERVICE_LOGIN)).toBe(1);
    await provider.read(created[0].id, created[0].state);
    expect(count(SERVICE_LOGIN)).toBe(1);
  });

  test("a user login is renewed with its refresh token before the access token expires", async () => {
    biot.biot.auth.lifetimes.accessSeconds = 30; // inside the pool's renewal window: renewed on next use
    const { id, state } = await createOrg(orgInputs(biot.user));
    expect(count(USER_LOGIN)).toBe(1);
    const refreshes = count(REFRESH); // the create's second call (after its existence check) renews too
    const read = await provider.read(id, state);
    expect(read.id).toBe(id);
    expect(count(USER_LOGIN)).toBe(1);
    expect(count(REFRESH)).toBe(refreshes + 1);
    expect(biot.emulator.log.every((e) => e.status < 400)).toBe(true); // renewed before, not after, expiry
  });

  test("a service token near expiry is replaced by a new access token before use", async () => {
    biot.biot.auth.lifetimes.accessSeconds = 30;
    const { id, state } = await createOrg(orgInputs(biot.service));
    const logins = count(SERVICE_LOGIN);
    await provider.read(id, state);
    expect(count(SERVICE_LOGIN)).toBe(logins + 1);
    expect(biot.emulator.log.every((e) => e.status < 400)).toBe(true);
  });

  test("a refresh token that no longer works falls back to a full login", async () => {
    biot.biot.auth.lifetimes.accessSeconds = 30;
    const { id, state } = await createOrg(orgInputs(biot.user));
    biot.biot.auth.expireAll();
    expect((await provider.read(id, state)).id).toBe(id);
    expect(callsOf(biot).slice(-3)).toEqual([
      REFRESH,
      USER_LOGIN,
      `GET /organization/v1/organizations/${id}`,
    ]);
  });

  test("the connection falls back to BIOT_* environment variables", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      BIOT_URL: biot.user.url,
      BIOT_USERNAME: biot.user.username,
      BIOT_PASSWORD: biot.user.password,
    });
    try {
      const { id } = await createOrg(orgInputs(undefined as unknown as object, { connection: undefined }));
      expect(biot.biot.state.orgs.has(id)).toBe(true);
      expect(count(USER_LOGIN)).toBe(1);
    } finally {
      process.env = saved;
    }
  });

  test("missing credentials name the variables, not their values", async () => {
    const saved = { ...process.env };
    process.env.BIOT_URL = biot.service.url;
    delete process.env.BIOT_SERVICE_ID;
    delete process.env.BIOT_USERNAME;
    try {
      const inputs = await checked(orgInputs(undefined as unknown as object, { connection: undefined }));
      await expect(provider.create(inputs)).rejects.toThrow(/BIOT_SERVICE_ID.*BIOT_PASSWORD/s);
    } finally {
      process.env = saved;
    }
    expect(biot.emulator.log).toHaveLength(0);
  });

  test("errors carry no password, secret key or token", async () => {
    const wrongPassword = { ...biot.user, password: "wrong-password-123" };
    const inputs = await checked(orgInputs(wrongPassword));
    const loginError = (await provider.create(inputs).catch((e: Error) => e)) as Error;
    expect(loginError.message).toMatch(/HTTP 403: LOGIN_FAILED/);
    const wrongKey = { ...biot.service, serviceSecretKey: "not-the-secret-key" };
    const keyError = (await provider
      .create(await checked(orgInputs(wrongKey)))
      .catch((e: Error) => e)) as Error;
    expect(keyError.message).toMatch(/LOGIN_FAILED/);
    const news = await checked(orgInputs(biot.service, { description: "y" }));
    const missing = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    const apiError = (await provider
      .update(missing, { ...news, description: undefined }, news)
      .catch((e: Error) => e)) as Error;
    expect(apiError.message).toMatch(/404: ORGANIZATION_NOT_FOUND/);
    const text = [loginError, keyError, apiError]
      .map((e) => `${e.message} ${e.stack} ${JSON.stringify(e)}`)
      .join(" ");
    for (const secret of [
      "wrong-password-123",
      "not-the-secret-key",
      biot.user.password,
      biot.service.serviceSecretKey,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Bearer\s+[A-Za-z0-9_-]{8,}/);
  });

  test("lookups search with eq / in / like, page and sort", async () => {
    const made = await Promise.all(
      ["North Clinic", "South Clinic", "East Hospital"].map((name) =>
        createOrg(
          orgInputs(biot.service, { name, templateName: name.endsWith("Hospital") ? "Hospital" : "Clinic" }),
        ),
      ),
    );
    const connection = biot.service;
    expect((await findOrganizationByName({ name: "South Clinic", connection }))?._id).toBe(made[1].id);
    expect(await findOrganizationByName({ name: "West Clinic", connection })).toBeUndefined();
    expect((await getOrganization({ id: made[2].id, connection }))?._name).toBe("East Hospital");
    const like = await searchOrganizations({
      filter: { _name: { like: "clinic" } },
      sort: [{ prop: "_name", order: "ASC" }],
      connection,
    });
    expect(like.data.map((o) => o._name)).toEqual(["North Clinic", "South Clinic"]);
    const byTemplate = await searchOrganizations({
      filter: { _templateName: { in: ["Hospital"] } },
      connection,
    });
    expect(byTemplate.data.map((o) => o._id)).toEqual([made[2].id]);
    const page = await searchOrganizations({
      limit: 2,
      page: 1,
      sort: [{ prop: "_name", order: "DESC" }],
      connection,
    });
    expect(page.metadata.page).toEqual({ totalResults: 4, page: 1, limit: 2 }); // 3 + the manufacturer
    expect(page.data.map((o) => o._name)).toEqual(["Manufacturer", "East Hospital"]);
    expect((await listOrganizations({ connection })).length).toBe(4);
    biot.emulator.clearLog();
    const paged = await listOrganizations({ connection, limit: 1 });
    expect(new Set(paged.map((o) => o._id)).size).toBe(4);
    expect(biot.emulator.calls({ method: "GET" })).toHaveLength(4);
  });
});
