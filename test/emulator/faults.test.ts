import { INTERNAL_REQUEST_HEADER } from "../../emulators/core/emulator";
import { RunningEmulators, startEmulators } from "../../emulators";
import { emulatorModules } from "../../emulators/modules";
import { guardContracts } from "./contract-guard";

/** Admin answers, read loosely. */
type Json = any;

/**
 * The fault controls every emulator gets from emulators/core, driven through the admin endpoint as
 * docs/reliability.md shows. The probe path has no route: faults apply before routing, so any path will do.
 */
describe.each(emulatorModules.map((m) => m.name))("fault controls of the %s emulator", (name) => {
  let emus: RunningEmulators;
  let url: string;
  const PROBE = "/probe/resource";

  const admin = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  const probe = (init: RequestInit = {}) => fetch(`${url}${PROBE}`, init);
  const log = () => emus.byName[name].emulator.log;

  beforeAll(async () => {
    emus = await startEmulators();
    url = emus.byName[name].emulator.url;
  });
  guardContracts(() => Object.values(emus?.byName ?? {}).map((s) => s.emulator));
  afterAll(() => emus.stop());
  beforeEach(async () => {
    await admin("DELETE", "/faults");
    await admin("DELETE", "/requests");
  });

  test("a rule is refused when it cannot work", async () => {
    expect((await admin("POST", "/faults", { path: "(" })).status).toBe(400);
    expect((await admin("POST", "/faults", { path: "x" })).body.error).toMatch(/needs an effect/);
    expect((await admin("POST", "/faults", { status: 503, rate: 2 })).status).toBe(400);
  });

  test("an error status on the Nth matching call only", async () => {
    const added = await admin("POST", "/faults", { path: "^/probe/", status: 503, nth: 2 });
    expect(added.status).toBe(201);
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push((await probe()).status);
    expect(statuses).toEqual([404, 503, 404]);
    expect((await admin("GET", "/faults")).body[0]).toMatchObject({ seen: 3, fired: 1 });
  });

  test("nth counts every matching request, also those an earlier rule answered", async () => {
    await admin("POST", "/faults", [
      { path: "^/probe/", status: 503, nth: 1 },
      { path: "^/probe/", status: 500, nth: 2 },
    ]);
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push((await probe()).status);
    expect(statuses).toEqual([503, 500, 404]);
  });

  test("an error status at a rate, at most `times` times", async () => {
    await admin("POST", "/faults", { method: "GET", status: 500, rate: 0.5, times: 20 });
    const statuses = [];
    for (let n = 0; n < 100; n++) statuses.push((await probe()).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBe(20); // 100 tries at 50% reach the cap of 20 (the odds of missing it are ~1e-11)
  });

  test("429 carries Retry-After", async () => {
    await admin("POST", "/faults", { status: 429, retryAfter: 7 });
    const res = await probe();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  test("latency combines with a status from a later rule", async () => {
    await admin("POST", "/faults", [{ latencyMs: 250 }, { status: 502 }]);
    const started = Date.now();
    const res = await probe();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(res.status).toBe(502);
    expect(log().at(-1)?.fault).toBe("latency+status 502");
  });

  test("a connection reset, and a response that never comes", async () => {
    await admin("POST", "/faults", { reset: true, times: 1 });
    await expect(probe()).rejects.toThrow();
    const rule = await admin("POST", "/faults", { hang: true });
    await expect(probe({ signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect((await admin("DELETE", `/faults/${rule.body.id}`)).body).toEqual({ removed: true });
    expect((await probe()).status).toBe(404);
    expect(log().map((e) => e.fault)).toEqual(["reset", "hang", undefined]);
  });

  test("commit then drop: the handler runs, the client sees the connection close", async () => {
    await admin("POST", "/faults", { commitThenDrop: true, times: 1 });
    await expect(probe()).rejects.toThrow();
    expect(log()[0]).toMatchObject({ status: 404, fault: "commitThenDrop" });
  });

  test("session expiry is implemented, on demand and as a rule", async () => {
    expect(emus.byName[name].emulator.options.expireSessions).toBeInstanceOf(Function);
    expect((await admin("POST", "/expire-sessions")).body).toEqual({ expired: true });
    await admin("POST", "/faults", { expireSessions: true, nth: 1 });
    expect((await probe()).status).toBe(404);
    expect(log()[0].fault).toBe("expireSessions");
  });

  test("requests from another emulator are never faulted", async () => {
    await admin("POST", "/faults", { status: 503 });
    expect((await probe({ headers: { [INTERNAL_REQUEST_HEADER]: "1" } })).status).toBe(404);
    expect((await probe()).status).toBe(503);
    expect(log()[0].internal).toBe(true);
  });
});
