import { Emulator } from "../../../emulators/core/emulator";
import { ApiError, createOnce, HttpClient } from "../../../provider/core";

/** createOnce over a create that is not an upsert: a second POST of the same name would make a duplicate. */
describe("createOnce", () => {
  let emu: Emulator;
  let http: HttpClient;
  const things: { id: number; name: string }[] = [];

  beforeAll(async () => {
    emu = new Emulator({
      name: "things",
      errorBody: (status, message) => ({ message, status }),
      reset: () => (things.length = 0),
    });
    emu.app.post("/things", async (request, reply) => {
      const thing = { id: things.length + 1, name: (request.body as { name: string }).name };
      things.push(thing);
      return reply.code(201).send(thing);
    });
    emu.app.get("/things", async (request) =>
      things.filter((t) => t.name === (request.query as { name: string }).name),
    );
    await emu.start();
    http = new HttpClient({
      backend: "things",
      baseURL: emu.url,
      parseError: (b) => b as object,
      baseDelayMs: 1,
    });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  const create = (name: string) =>
    createOnce(
      async () =>
        (await http.request<{ id: number }>({ method: "POST", path: "/things", body: { name } })).data,
      async () =>
        (await http.request<{ id: number }[]>({ method: "GET", path: "/things", query: { name } })).data[0],
    );

  test("commit then drop: the object is found by its natural key, not made twice", async () => {
    emu.faults.add({ method: "POST", commitThenDrop: true, times: 1 });
    const created = await create("acme");
    expect(things).toEqual([{ id: 1, name: "acme" }]);
    expect(created).toEqual({ id: 1, name: "acme" });
    expect(emu.calls().map((c) => `${c.method} ${c.fault ?? c.status}`)).toEqual([
      "POST commitThenDrop",
      "GET 200",
    ]);
  });

  test("a 502 before the write: not found, so written once more", async () => {
    emu.faults.add({ method: "POST", status: 502, times: 1 });
    await create("acme");
    expect(things).toEqual([{ id: 1, name: "acme" }]);
    expect(emu.calls().map((c) => c.method)).toEqual(["POST", "GET", "POST"]);
  });

  test("a clear refusal is not ambiguous: no lookup, the error stands", async () => {
    emu.faults.add({ method: "POST", status: 409, message: "name taken", times: 1 });
    await expect(create("acme")).rejects.toBeInstanceOf(ApiError);
    expect(emu.calls().map((c) => c.method)).toEqual(["POST"]);
  });
});
