import { Emulator } from "../../../emulators/core/emulator";
import { z } from "zod";
import { ApiError, isApiError } from "../../../provider/core/errors";
import { createOwned } from "../../../provider/core/ownership";
import { HttpClient } from "../../../provider/core/http";
import { inputSpec, InputSpec } from "../../../provider/core/diff";
import { naturalKey, replaceOnChange } from "../../../provider/core/schema";
import { schemaProvider } from "../../../provider/core/provider";
import { UNKNOWN } from "../../../provider/core/unknown";

type Thing = { id: number; name: string; owner: string };

/** createOwned over a create that is not an upsert, with a second owner of the same natural key. */
describe("createOwned", () => {
  let emu: Emulator;
  let http: HttpClient;
  const things: Thing[] = [];
  /** Set to make another owner create the same name right after the existence check. */
  let raceAfterCheck: string | undefined;

  beforeAll(async () => {
    emu = new Emulator({
      name: "things",
      errorBody: (status, message) => ({ message, status }),
      reset: () => (things.length = 0),
    });
    emu.app.post("/things", async (request, reply) => {
      const { name, owner } = request.body as Thing;
      if (things.some((t) => t.name === name)) return reply.code(409).send({ message: "name taken" });
      const thing = { id: things.length + 1, name, owner };
      things.push(thing);
      return reply.code(201).send(thing);
    });
    emu.app.get("/things", async (request) => {
      const found = things.filter((t) => t.name === (request.query as { name: string }).name);
      if (raceAfterCheck) {
        things.push({ id: things.length + 1, name: raceAfterCheck, owner: "other" });
        raceAfterCheck = undefined;
      }
      return found;
    });
    emu.app.patch("/things/:id", async (request) => {
      const thing = things.find((t) => t.id === Number((request.params as { id: string }).id))!;
      thing.owner = (request.body as Thing).owner;
      return thing;
    });
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

  const find = async (name: string) =>
    (await http.request<Thing[]>({ method: "GET", path: "/things", query: { name } })).data[0];
  const create = (name: string, adopt = false) =>
    createOwned<Thing, { thing: Thing; how: string }>({
      resource: `things.Thing "${name}"`,
      adopt,
      find: () => find(name),
      describe: (t) => `id ${t.id}`,
      write: async () => ({
        thing: (await http.request<Thing>({ method: "POST", path: "/things", body: { name, owner: "me" } }))
          .data,
        how: "created",
      }),
      takeOver: async (found) => {
        const body = { owner: "me" };
        const path = `/things/${found.id}`;
        return { thing: (await http.request<Thing>({ method: "PATCH", path, body })).data, how: "adopted" };
      },
      isDuplicate: (e) => isApiError(e, 409),
    });
  const calls = () => emu.calls().map((c) => `${c.method} ${c.fault ?? c.status}`);
  const other = (name: string) => things.push({ id: things.length + 1, name, owner: "other" });

  test("commit then drop: the object found cannot be told from another owner's, so it is refused; adopt takes it", async () => {
    emu.faults.add({ method: "POST", commitThenDrop: true, times: 1 });
    const error = await create("acme").catch((e: Error) => e);
    expect(String(error)).toMatch(
      /Whether this create reached the server is unknown.*now exists \(id 1\).*its reply was lost.*another owner's.*adopt: true/s,
    );
    expect(things).toEqual([{ id: 1, name: "acme", owner: "me" }]);
    expect(calls()).toEqual(["GET 200", "POST commitThenDrop", "GET 200"]);
    expect((await create("acme", true)).how).toBe("adopted");
    expect(things).toHaveLength(1);
  });

  test("commit then drop, then a 500 on the lookup: the GET is retried, and the object found is refused", async () => {
    emu.faults.add({ method: "POST", commitThenDrop: true, times: 1 });
    emu.faults.add({ method: "GET", status: 500, nth: 2 });
    const error = await create("acme").catch((e: Error) => e);
    expect(String(error)).toMatch(/now exists \(id 1\)/);
    expect(calls()).toEqual(["GET 200", "POST commitThenDrop", "GET status 500", "GET 200"]);
    expect(things).toHaveLength(1);
  });

  test("another owner takes the key between the check and a write that fails ambiguously: refused", async () => {
    raceAfterCheck = "acme";
    emu.faults.add({ method: "POST", status: 502, times: 1 });
    const error = await create("acme").catch((e: Error) => e);
    expect(String(error)).toMatch(/HTTP 502.*now exists \(id 1\).*does not own it/s);
    expect(things).toEqual([{ id: 1, name: "acme", owner: "other" }]);
    expect(calls()).toEqual(["GET 200", "POST status 502", "GET 200"]);
  });

  test("a 502 before the write: the key is still free, so it is written once more", async () => {
    emu.faults.add({ method: "POST", status: 502, times: 1 });
    await create("acme");
    expect(things).toEqual([{ id: 1, name: "acme", owner: "me" }]);
    expect(emu.calls().map((c) => c.method)).toEqual(["GET", "POST", "GET", "POST"]);
  });

  test("another owner holds the key: refused before any write, even when the create POST would fail", async () => {
    other("acme");
    emu.faults.add({ method: "POST", status: 502, times: 1 });
    const error = await create("acme").catch((e: Error) => e);
    expect(String(error)).toMatch(
      /things.Thing "acme" already exists \(id 1\).*interrupted run.*adopt: true/s,
    );
    expect(things).toEqual([{ id: 1, name: "acme", owner: "other" }]);
    expect(emu.calls().map((c) => c.method)).toEqual(["GET"]);
  });

  test("with adopt: true the existing object is taken over", async () => {
    other("acme");
    expect((await create("acme", true)).how).toBe("adopted");
    expect(things).toEqual([{ id: 1, name: "acme", owner: "me" }]);
  });

  test("another owner takes the key between the check and the write: refused, nothing of theirs changed", async () => {
    raceAfterCheck = "acme";
    const error = await create("acme").catch((e: Error) => e);
    expect(String(error)).toMatch(/already exists \(id 1\)/);
    expect(things).toEqual([{ id: 1, name: "acme", owner: "other" }]);
    expect(calls()).toEqual(["GET 200", "POST 409", "GET 200"]);
  });

  test("a duplicate refusal whose holder the lookup cannot find says so, and what to do", async () => {
    emu.faults.add({ method: "POST", status: 409, message: "name taken (case-insensitive)", times: 1 });
    const error = await create("acme", true).catch((e: Error) => e);
    expect(String((error as Error).message)).toMatch(
      /HTTP 409.*name taken.*looking it up finds no object.*without case.*Choose another name/s,
    );
    expect(things).toEqual([]);
  });

  test("where the API documents no duplicate refusal ('maybe'), a refusal whose key is held is the owner's", async () => {
    const maybe = (name: string) =>
      createOwned<Thing, Thing>({
        resource: `things.Thing "${name}"`,
        adopt: false,
        find: () => find(name),
        describe: (t) => `id ${t.id}`,
        write: async () =>
          (await http.request<Thing>({ method: "POST", path: "/things", body: { name, owner: "me" } })).data,
        takeOver: async (found) => found,
        isDuplicate: (e) => isApiError(e) && "maybe",
      });
    raceAfterCheck = "acme";
    await expect(maybe("acme")).rejects.toThrow(
      /things.Thing "acme" already exists \(id 1\).*does not own it/s,
    );
    emu.reset();
    emu.faults.add({ method: "POST", status: 400, message: "bad name", times: 1 });
    const error = await maybe("other").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 400 });
    expect((error as Error).message).not.toMatch(/looking it up finds no object/);
    expect(things).toEqual([]);
  });

  test("a clear refusal that is no duplicate stands as the API's error", async () => {
    emu.faults.add({ method: "POST", status: 400, message: "bad name", times: 1 });
    const error = await create("acme").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect(things).toEqual([]);
  });

  test("a lost reply whose lookup keeps failing says the outcome is unknown and how to recover", async () => {
    emu.faults.add({ method: "POST", commitThenDrop: true, times: 1 });
    emu.faults.add({ method: "GET", status: 400, message: "lookup refused", nth: 2 });
    const error = await create("acme").catch((e: Error) => e);
    expect(String(error)).toMatch(/Whether things.Thing "acme" was created is unknown.*adopt: true/s);
    expect(things).toHaveLength(1);
  });
});

describe("a replace that keeps the natural key", () => {
  const schema = z.strictObject({
    name: naturalKey(z.string()),
    tier: replaceOnChange(z.string()),
    adopt: z.boolean().default(false),
  });
  const provider = (sameKeyReplace?: InputSpec["sameKeyReplace"]) =>
    schemaProvider(inputSpec(schema, { sameKeyReplace }), {
      create: async () => ({ id: "1", outputs: {} }),
      read: async () => ({}),
      delete: async () => undefined,
    });
  const olds = { name: "acme", tier: "gold" };

  test("deletes the old object first where its delete frees the key", async () => {
    const diff = await provider().diff!("1", olds, { name: "acme", tier: "silver" });
    expect(diff).toEqual({ changes: true, replaces: ["tier"], deleteBeforeReplace: true });
  });

  test("creates the new object first when the key changes too", async () => {
    const diff = await provider().diff!("1", olds, { name: "acme-2", tier: "silver" });
    expect(diff).toEqual({ changes: true, replaces: ["tier"], deleteBeforeReplace: false });
  });

  test("with adopt: true is refused, whatever the key: the replacement would take over what holds it", async () => {
    const olds = { name: "acme", tier: "gold", adopt: true };
    for (const news of [
      { name: "acme-2", tier: "silver", adopt: true },
      { name: "acme", tier: "silver", adopt: true },
    ]) {
      await expect(provider().diff!("1", olds, news)).rejects.toThrow(
        /replaces this resource, and with adopt: true .*another owner's.*remove adopt: true/,
      );
    }
    const later = await provider().diff!("1", olds, { name: "acme", tier: UNKNOWN, adopt: true });
    expect(later).toMatchObject({ changes: true, replaces: ["tier"] });
    const inPlace = await provider().diff!("1", olds, { name: "acme", tier: "gold", adopt: false });
    expect(inPlace).toMatchObject({ changes: true, replaces: [] });
  });

  test("a forced replace whose create adopted the very object it replaces does not delete it", async () => {
    const deleted: string[] = [];
    const kind = schemaProvider(inputSpec(schema), {
      create: async (inputs) => ({ id: inputs.adopt ? "42" : "43", outputs: {} }),
      read: async () => ({}),
      delete: async (id) => void deleted.push(id),
    });
    // `pulumi up --replace` with adopt: true: the replacement takes object 42 over, then the old 42 is deleted.
    await kind.create({ name: "acme", tier: "gold", adopt: true });
    await kind.delete!("42", { name: "acme", tier: "gold", adopt: true });
    // Without adopt the replacement is a new object, and the old one goes as usual.
    await kind.create({ name: "acme", tier: "gold", adopt: false });
    await kind.delete!("41", { name: "acme", tier: "gold", adopt: false });
    expect(deleted).toEqual(["41"]);
  });

  test("is refused where a delete may not free the key, once the values are known", async () => {
    const refusing = provider({ refuse: (replaced) => `no same-name replace of ${replaced.join(", ")}` });
    await expect(refusing.diff!("1", olds, { name: "acme", tier: "silver" })).rejects.toThrow(
      "no same-name replace of tier",
    );
    const later = await refusing.diff!("1", olds, { name: "acme", tier: UNKNOWN });
    expect(later).toMatchObject({ changes: true, deleteBeforeReplace: false });
  });
});
