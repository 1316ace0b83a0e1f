import { Emulator } from "../../../emulators/core/emulator";
import { ApiError } from "../../../provider/core/errors";
import { HttpClient, retryDelayMs } from "../../../provider/core/http";
import { registerSecret } from "../../../provider/core/redact";
import { retryWaits } from "../waits";

describe("HttpClient", () => {
  let emu: Emulator;
  let http: HttpClient;
  let writes = 0;

  beforeAll(async () => {
    emu = new Emulator({
      name: "test",
      errorBody: (status, message) => ({ code: `E${status}`, message }),
      reset: () => (writes = 0),
    });
    emu.app.get("/thing", async () => ({ ok: true }));
    emu.app.post("/thing", async (_req, reply) => {
      writes++;
      return reply.code(201).send({ id: writes });
    });
    emu.app.post("/echo", async (req) => ({
      contentType: req.headers["content-type"] ?? null,
      body: req.body ?? null,
    }));
    emu.app.get("/broken", async (_req, reply) =>
      reply
        .code(409)
        .header("x-request-id", "req-42")
        .send({ code: "CONFLICT", message: "name taken: hunter2-secret" }),
    );
    await emu.start();
    http = new HttpClient({
      backend: "test",
      baseURL: emu.url,
      parseError: (b) => b as { code?: string; message?: string },
      baseDelayMs: 1,
      maxDelayMs: 5,
      timeoutMs: 300,
    });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  test("retries 503 and 429 and returns the eventual answer", async () => {
    emu.faults.add({ path: "^/thing$", status: 503, times: 2 });
    emu.faults.add({ path: "^/thing$", status: 429, retryAfter: 0, times: 1 });
    const res = await http.request<{ ok: boolean }>({ method: "GET", path: "/thing" });
    expect(res.data.ok).toBe(true);
    expect(emu.calls({ path: "/thing" }).map((c) => c.status)).toEqual([503, 503, 429, 200]);
    expect(retryWaits).toHaveLength(3);
  });

  test("honours Retry-After", async () => {
    emu.faults.add({ path: "^/thing$", status: 429, retryAfter: 1, times: 1 });
    await http.request({ method: "GET", path: "/thing" });
    expect(retryWaits).toEqual([1000]);
  });

  test("gives up after the retry budget with the API's error", async () => {
    emu.faults.add({ path: "^/thing$", status: 503, message: "down for maintenance" });
    await expect(http.request({ method: "GET", path: "/thing" })).rejects.toMatchObject({
      status: 503,
      code: "E503",
      apiMessage: "down for maintenance",
    });
    expect(emu.calls({ path: "/thing" })).toHaveLength(5);
    const error = (await http.request({ method: "GET", path: "/thing" }).catch((e) => e)) as ApiError;
    expect(error.message).toMatch(/down for maintenance \(after 5 attempts over \d+\.\d s\)$/);
    expect(error.attempts).toBe(5);
  });

  test("500 is retried for a GET, never for a POST (the write may have happened)", async () => {
    emu.faults.add({ method: "GET", path: "^/thing$", status: 500, times: 2 });
    expect((await http.request<{ ok: boolean }>({ method: "GET", path: "/thing" })).data.ok).toBe(true);
    expect(emu.calls({ path: "/thing" }).map((c) => c.status)).toEqual([500, 500, 200]);
    emu.faults.add({ method: "POST", path: "^/thing$", status: 500, times: 1 });
    await expect(http.request({ method: "POST", path: "/thing", body: {} })).rejects.toMatchObject({
      status: 500,
      attempts: 1,
    });
    expect(emu.calls({ path: "/thing" })).toHaveLength(4);
  });

  test("502 and 504 are retried only for idempotent requests (README: Retries)", async () => {
    emu.faults.add({ method: "POST", path: "^/thing$", status: 502, times: 1 });
    await expect(http.request({ method: "POST", path: "/thing", body: {} })).rejects.toMatchObject({
      status: 502,
    });
    emu.faults.add({ method: "POST", path: "^/thing$", status: 504, times: 1 });
    const retried = await http.request({ method: "POST", path: "/thing", body: {}, idempotent: true });
    expect(retried.status).toBe(201);
    emu.faults.add({ method: "GET", path: "^/thing$", status: 502, times: 1 });
    expect((await http.request({ method: "GET", path: "/thing" })).status).toBe(200);
    expect(emu.calls({ path: "/thing" }).map((c) => c.status)).toEqual([502, 504, 201, 502, 200]);
  });

  test("Retry-After: 0 still backs off", async () => {
    const patient = new HttpClient({
      backend: "test",
      baseURL: emu.url,
      parseError: (b) => b as { code?: string; message?: string },
      baseDelayMs: 40,
      maxDelayMs: 1000,
    });
    emu.faults.add({ path: "^/thing$", status: 429, retryAfter: 0, times: 3 });
    await patient.request({ method: "GET", path: "/thing" });
    // Floors of 20, 40 and 80 ms (half the backoff of each attempt).
    expect(retryWaits).toEqual([20, 40, 80]);
  });

  test("does not repeat a POST whose connection dropped (the write may have happened)", async () => {
    emu.faults.add({ method: "POST", path: "^/thing$", commitThenDrop: true, times: 1 });
    await expect(http.request({ method: "POST", path: "/thing", body: {} })).rejects.toMatchObject({
      status: 0,
    });
    expect(writes).toBe(1);
  });

  test("repeats an idempotent request after a connection reset", async () => {
    emu.faults.add({ method: "GET", path: "^/thing$", reset: true, times: 1 });
    const res = await http.request<{ ok: boolean }>({ method: "GET", path: "/thing" });
    expect(res.data.ok).toBe(true);
  });

  test("times out a response that never comes", async () => {
    // A short timeout: only the hanging response waits for it, five times (a GET is retried).
    const impatient = new HttpClient({
      backend: "test",
      baseURL: emu.url,
      parseError: () => ({}),
      timeoutMs: 50,
    });
    emu.faults.add({ path: "^/thing$", hang: true });
    await expect(impatient.request({ method: "GET", path: "/thing" })).rejects.toMatchObject({
      status: 0,
      code: "ETIMEDOUT",
      attempts: 5,
    });
  });

  test("an API error carries status, code, message and request id, with secrets redacted", async () => {
    registerSecret("hunter2-secret");
    const error = (await http.request({ method: "GET", path: "/broken" }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "CONFLICT", requestId: "req-42" });
    expect(error.message).toBe(
      "test GET /broken failed: HTTP 409: CONFLICT: name taken: [secret] (request id req-42)",
    );
  });

  test("a request without a body sends no content type; one with a body sends JSON or a form", async () => {
    const echo = async (req: {
      body?: unknown;
      form?: Record<string, string>;
      headers?: Record<string, string>;
    }) =>
      (
        await http.request<{ contentType: string | null; body: unknown }>({
          method: "POST",
          path: "/echo",
          ...req,
        })
      ).data;
    expect(await echo({})).toEqual({ contentType: null, body: null });
    expect(await echo({ headers: { "Content-Type": "application/json" } })).toEqual({
      contentType: null,
      body: null,
    });
    expect(await echo({ body: { a: 1 } })).toEqual({
      contentType: "application/json",
      body: { a: 1 },
    });
    expect(await echo({ form: { a: "1" } })).toEqual({
      contentType: "application/x-www-form-urlencoded",
      body: { a: "1" },
    });
  });

  test("allowStatus returns instead of throwing", async () => {
    const res = await http.request({ method: "GET", path: "/broken", allowStatus: [409] });
    expect(res.status).toBe(409);
  });

  test("retry delay: Retry-After seconds, then capped exponential jitter", () => {
    expect(retryDelayMs(0, "2", 100, 1000)).toBe(2000);
    expect(retryDelayMs(0, "0", 100, 1000)).toBe(50);
    expect(retryDelayMs(3, "0", 100, 1000)).toBe(400);
    expect(retryDelayMs(9, "0", 100, 1000)).toBe(500);
    for (let attempt = 0; attempt < 8; attempt++) {
      const d = retryDelayMs(attempt, undefined, 100, 1000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(1000, 100 * 2 ** attempt));
    }
  });
});
