import Fastify from "fastify";
import { AddressInfo } from "node:net";
import { ApiError } from "../../../provider/core/errors";
import { HttpClient } from "../../../provider/core/http";

/** HttpClient's `isErrorBody`: APIs that answer 2xx with an error object (IICS v2 does). */
describe("HttpClient with isErrorBody", () => {
  const app = Fastify();
  let baseURL = "";
  app.get("/quiet-error", async () => ({
    "@type": "error",
    code: "AUTH_01",
    description: "expired",
    statusCode: 401,
  }));
  app.get("/ok", async () => ({ "@type": "org", id: "1" }));

  beforeAll(async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    baseURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  const client = (isErrorBody?: (body: unknown) => boolean) =>
    new HttpClient({
      backend: "demo",
      baseURL,
      isErrorBody,
      parseError: (body) => {
        const b = body as { code?: string; description?: string; statusCode?: number };
        return { code: b.code, message: b.description, status: b.statusCode };
      },
    });
  const isError = (body: unknown) => (body as { "@type"?: string })["@type"] === "error";

  test("a 2xx error body throws an ApiError with the status the body states", async () => {
    const error = await client(isError)
      .request({ method: "GET", path: "/quiet-error" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.message).toBe("demo GET /quiet-error failed: HTTP 401: AUTH_01: expired");
  });

  test("a 2xx error body whose stated status the caller allows is answered with that status", async () => {
    const res = await client(isError).request({ method: "GET", path: "/quiet-error", allowStatus: [401] });
    expect(res.status).toBe(401);
    expect(res.data).toMatchObject({ code: "AUTH_01" });
    await expect(
      client(isError).request({ method: "GET", path: "/quiet-error", allowStatus: [404] }),
    ).rejects.toMatchObject({ status: 401 });
  });

  test("other 2xx bodies pass, and clients without the option are unchanged", async () => {
    expect((await client(isError).request({ method: "GET", path: "/ok" })).data).toEqual({
      "@type": "org",
      id: "1",
    });
    expect((await client().request({ method: "GET", path: "/quiet-error" })).status).toBe(200);
  });
});
