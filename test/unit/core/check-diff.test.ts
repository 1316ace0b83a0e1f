import { runInNewContext } from "node:vm";
import { z } from "zod";
import { checkWithSchema, markPrototypes, PROTOTYPE_MARK } from "../../../provider/core/check";
import { diffWithSchema, inputSpec, toState } from "../../../provider/core/diff";
import { field, localOnly, replaceOnChange, secret } from "../../../provider/core/schema";
import { UNKNOWN } from "../../../provider/core/unknown";

const schema = z.strictObject({
  name: replaceOnChange(z.string().min(1)),
  email: field(z.email().optional(), { computed: true, normalize: (v) => String(v).toLowerCase() }),
  size: z.number().int().max(10).default(1),
  password: secret(z.string().min(4)),
  account: z
    .strictObject({ user: z.string(), token: secret(z.string()), region: replaceOnChange(z.string()) })
    .optional(),
  tags: z.record(z.string(), z.string()).default({}),
  adopt: localOnly(z.boolean().default(false)),
});
const spec = inputSpec(schema);

describe("checkWithSchema", () => {
  test("returns inputs with defaults applied", () => {
    const result = checkWithSchema(schema, { name: "a", password: "pass", __provider: "code" });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ name: "a", password: "pass", size: 1, tags: {}, adopt: false });
  });

  test("reports each problem with its property path", () => {
    const result = checkWithSchema(schema, {
      name: "",
      password: "x",
      size: 11,
      account: { user: 1 },
      tyop: true,
    });
    const byPath = Object.fromEntries(result.failures!.map((f) => [f.property, f.reason]));
    expect(Object.keys(byPath).sort()).toEqual([
      "account.region",
      "account.token",
      "account.user",
      "name",
      "password",
      "size",
      "tyop",
    ]);
    expect(byPath.tyop).toMatch(/not a property/);
    expect(byPath.size).toMatch(/10/);
  });

  test("tolerates values that are unknown during preview", () => {
    const result = checkWithSchema(schema, { name: UNKNOWN, password: UNKNOWN, account: UNKNOWN, size: 2 });
    expect(result.failures).toBeUndefined();
    const mixed = checkWithSchema(schema, { name: UNKNOWN, password: "x" });
    expect(mixed.failures?.map((f) => f.property)).toEqual(["password"]);
  });

  test("applies defaults and transforms around unknown values", () => {
    const account = { user: UNKNOWN, token: "tok", region: "eu" };
    const result = checkWithSchema(schema, { name: "a", password: UNKNOWN, account });
    expect(result.inputs).toEqual({
      name: "a",
      password: UNKNOWN,
      account,
      size: 1,
      tags: {},
      adopt: false,
    });
    const derived = z
      .strictObject({ user: z.string(), alias: z.string().optional(), n: z.number().default(2) })
      .transform((v) => ({ ...v, alias: v.alias ?? v.user.slice(0, 3), upper: v.n * 2 }));
    expect(checkWithSchema(derived, { user: UNKNOWN }).inputs).toEqual({
      user: UNKNOWN,
      alias: UNKNOWN,
      n: 2,
      upper: 4,
    });
  });

  describe("refuses __proto__ at its path", () => {
    const failuresFor = (tags: unknown) =>
      checkWithSchema(schema, { name: "a", password: "pass", tags }).failures?.map((f) => f.property);
    const ownKey = () => {
      const tags = { team: "x" };
      Object.defineProperty(tags, "__proto__", { value: { env: "prod" }, enumerable: true });
      return tags;
    };

    test.each([
      ["an own key (JSON.parse)", () => JSON.parse('{"team":"x","__proto__":{"env":"prod"}}')],
      ["an own key (defineProperty)", ownKey],
      ["a prototype set by a literal", () => ({ __proto__: { env: "prod" }, team: "x" })],
      ["a prototype set by setPrototypeOf", () => Object.setPrototypeOf({ team: "x" }, { env: "prod" })],
      ["a mark the program sent", () => ({ team: "x", [PROTOTYPE_MARK]: "prototype" })],
    ])("%s", (_, tags) => {
      expect(failuresFor(tags())).toEqual(["tags.__proto__"]);
    });

    test("in arrays and at the top level", () => {
      const items = [{ a: 1 }, Object.setPrototypeOf({ b: 2 }, { c: 3 })];
      const nested = checkWithSchema(z.object({ items: z.array(z.object({})) }), { items });
      expect(nested.failures).toEqual([{ property: "items[1].__proto__", reason: expect.any(String) }]);
      const top = checkWithSchema(
        schema,
        Object.setPrototypeOf({ name: "a", password: "pass" }, { size: 2 }),
      );
      expect(top.failures?.map((f) => f.property)).toEqual(["__proto__"]);
    });

    test("objects and arrays of another realm (a vm context, structuredClone under jest) pass", () => {
      const tags = runInNewContext('({ team: "x" })');
      const account = runInNewContext('({ user: "u", token: "tok", region: "eu" })');
      const result = checkWithSchema(schema, { name: "a", password: "pass", tags, account });
      expect(result.failures).toBeUndefined();
      const items = checkWithSchema(z.object({ items: z.array(z.number()) }), {
        items: runInNewContext("[1]"),
      });
      expect(items.failures).toBeUndefined();
    });

    test("what the program sends: each __proto__ marked, the rest unchanged", () => {
      const tags = JSON.parse('{"team":"x","__proto__":{"env":"prod"}}');
      const args = { name: "a", tags, account: { __proto__: { user: "u" }, region: "eu" }, list: [1] };
      const marked = markPrototypes(args);
      expect(marked).toEqual({
        name: "a",
        tags: { team: "x", [PROTOTYPE_MARK]: "key" },
        account: { region: "eu", [PROTOTYPE_MARK]: "prototype" },
        list: [1],
      });
      expect(Object.getPrototypeOf(marked.account)).toBe(Object.prototype);
      expect(marked.list).toBe(args.list);
      const plain = { name: "a", tags: { team: "x" }, when: new Date(0) };
      expect(markPrototypes(plain)).toBe(plain);
    });
  });
});

describe("diffWithSchema", () => {
  const inputs = {
    name: "a",
    password: "pass",
    size: 1,
    tags: {},
    adopt: false,
    account: { user: "u", token: "tok", region: "eu" },
  };
  const state = toState(spec, inputs, { id: "x", email: "Ops@Example.com" });

  test("state keeps hashes, never write-only secrets", () => {
    const text = JSON.stringify(state);
    expect(text).not.toContain('pass"');
    expect(text).not.toContain('tok"');
    expect(state.secretHashes).toHaveProperty("password");
    expect(state.secretHashes).toHaveProperty(["account.token"]);
  });

  test("no change when nothing changed: secrets compared by hash, computed fields unset", () => {
    expect(diffWithSchema(spec, state, inputs).changes).toBe(false);
  });

  test("normalised values do not flap", () => {
    expect(diffWithSchema(spec, state, { ...inputs, email: "ops@example.com" }).changes).toBe(false);
    expect(diffWithSchema(spec, state, { ...inputs, email: "dev@example.com" }).changedKeys).toEqual([
      "email",
    ]);
  });

  test("a changed secret is an update, a replace field replaces", () => {
    const d1 = diffWithSchema(spec, state, { ...inputs, password: "new-pass" });
    expect(d1).toMatchObject({ changes: true, replaces: [], changedKeys: ["password"] });
    const d2 = diffWithSchema(spec, state, { ...inputs, name: "b" });
    expect(d2.replaces).toEqual(["name"]);
    const d3 = diffWithSchema(spec, state, { ...inputs, account: { ...inputs.account, token: "tok2" } });
    expect(d3).toMatchObject({ changedKeys: ["account"], replaces: [] });
    const d4 = diffWithSchema(spec, state, { ...inputs, account: { ...inputs.account, region: "us" } });
    expect(d4.replaces).toEqual(["account.region"]);
  });

  test("an unknown value is a change, and replaces when its field does", () => {
    const d = diffWithSchema(spec, state, { ...inputs, name: UNKNOWN });
    expect(d).toMatchObject({ changes: true, replaces: ["name"] });
  });

  test("local-only fields are changes without replacement", () => {
    expect(diffWithSchema(spec, state, { ...inputs, adopt: true })).toMatchObject({
      changedKeys: ["adopt"],
      replaces: [],
    });
  });

  test("secret outputs include stored secrets and the hashes", () => {
    expect(spec.secretOutputs).toContain("secretHashes");
    expect(spec.writeOnlySecrets.sort()).toEqual(["account.token", "password"]);
  });
});

describe("state the engine can marshal", () => {
  test("toState drops undefined values at every depth", () => {
    const state = toState(
      spec,
      { name: "a", password: "pass" },
      { phone: undefined, nested: { x: undefined, y: 1 } },
    );
    expect(JSON.stringify(state)).not.toContain("undefined");
    expect(Object.prototype.hasOwnProperty.call(state, "phone")).toBe(false);
    expect(state.nested).toEqual({ y: 1 });
  });
});
