import { z } from "zod";
import { checkWithSchema } from "../../../provider/core/check";
import { inputSpec } from "../../../provider/core/diff";
import { inputsTable } from "../../../provider/core/docs";
import {
  exactlyOneOf,
  exactlyOneOfBlaming,
  onlyWhen,
  ruleThat,
  signInFlows,
  signInWith,
  uniqueItems,
  withRules,
} from "../../../provider/core/rules";
import { UNKNOWN } from "../../../provider/core/unknown";

const text = () => z.string().optional();
const ref = withRules(z.strictObject({ id: z.number().optional(), name: text() }), [
  exactlyOneOfBlaming("extra", "id", "name"),
]);
const owner = withRules(z.strictObject({ id: z.number().optional(), name: text() }), [
  exactlyOneOfBlaming("object", "id", "name"),
]);
const database = withRules(z.strictObject({ type: z.enum(["a", "b"]).default("a"), instance: text() }), [
  onlyWhen("instance", "type", "b"),
]);
const login = withRules(
  z.strictObject({ token: text(), user: text(), password: text(), key: text(), version: text() }),
  [
    ruleThat({
      field: "version",
      text: "a password login needs `version` 1",
      holds: (c) => !c.password || c.version === "1",
      reason: (c) => `is ${c.version}, a password login needs 1`,
    }),
    signInFlows(
      { by: "token" },
      { by: "key", needs: ["user"], why: "for a key" },
      { by: "password", needs: ["user"] },
    ),
  ],
);
const schema = withRules(
  z.strictObject({
    plan: ref.optional(),
    owner: owner.optional(),
    nodes: uniqueItems(z.array(ref)).optional(),
    database: database.optional(),
    login: login.optional(),
    server: withRules(z.strictObject({ token: text(), user: text(), password: text() }), [
      signInWith(["token"], ["user", "password"]),
    ]).optional(),
    profile: text(),
    profileId: text(),
  }),
  [exactlyOneOf("profile", "profileId")],
);

/** The failures of a check, as path -> reason. */
const failures = (inputs: Record<string, unknown>) =>
  Object.fromEntries(
    (checkWithSchema(schema, { profile: "p", ...inputs }).failures ?? []).map((f) => [f.property, f.reason]),
  );

describe("cross-field rules (core/rules.ts), as check reports them", () => {
  test("exactly one of: at the first field by default, at the extra field or at the object when asked", () => {
    expect(failures({ profileId: "x" })).toEqual({ profile: "give profile or profileId, not both" });
    expect(failures({ profile: undefined })).toEqual({
      profile: "give exactly one of profile and profileId",
    });
    expect(failures({ plan: { id: 1, name: "a" } })).toEqual({ "plan.name": "give id or name, not both" });
    expect(failures({ plan: {} })).toEqual({ plan: "give exactly one of id and name" });
    expect(failures({ owner: { id: 1, name: "a" } })).toEqual({ owner: "give id or name, not both" });
    expect(failures({ plan: { id: 1 }, owner: { name: "a" } })).toEqual({});
  });

  test("rules hold in list items, and unique items name each repeat", () => {
    expect(failures({ nodes: [{ id: 1 }, { id: 1, name: "b" }] })).toEqual({
      "nodes[1].name": "give id or name, not both",
    });
    expect(failures({ nodes: [{ name: "a" }, { id: 2 }, { name: "a" }] })).toEqual({
      "nodes[2]": "is listed twice",
    });
  });

  test("unique items ignoring case compare text lowercased, and the docs say so", () => {
    const names = z.strictObject({ nodes: uniqueItems(z.array(ref), { ignoreCase: true }) });
    const check = (nodes: unknown) => checkWithSchema(names, { nodes }).failures?.map((f) => f.property);
    expect(check([{ name: "Node-A" }, { id: 1 }, { name: "node-a" }])).toEqual(["nodes[2]"]);
    expect(check([{ name: "node-a" }, { name: "node-b" }])).toBeUndefined();
    expect(inputsTable(inputSpec(names))).toContain(
      "- no item is listed twice (names compared ignoring case)",
    );
  });

  test("only when: a field another field's value allows (defaults applied first)", () => {
    expect(failures({ database: { instance: "i" } })).toEqual({ "database.instance": "is only for type b" });
    expect(failures({ database: { type: "b", instance: "i" } })).toEqual({});
  });

  test("sign-in flows: the first given chooses, its companions are required; a predicate rule beside them", () => {
    expect(failures({ login: { token: "t", key: "k" } })).toEqual({});
    expect(failures({ login: { key: "k", password: "p", version: "1" } })).toEqual({
      "login.user": "is required for a key",
    });
    expect(failures({ login: { password: "p", version: "2" } })).toEqual({
      "login.version": "is 2, a password login needs 1",
      "login.user": "is required with password",
    });
    expect(failures({ login: { user: "u" } })).toEqual({
      login: "give one of token, key + user, or password + user",
    });
  });

  test("sign in with one complete set, else the object fails", () => {
    expect(failures({ server: { token: "t" } })).toEqual({});
    expect(failures({ server: { token: "", user: "u", password: "p" } })).toEqual({});
    expect(failures({ server: { user: "u" } })).toEqual({ server: "give token, or user and password" });
  });

  test("a rule between fields waits while one of them is unknown (preview)", () => {
    expect(failures({ profileId: UNKNOWN })).toEqual({});
    expect(failures({ plan: { id: 1, name: UNKNOWN } })).toEqual({});
  });

  test("the docs list every rule, nested, in list items and in the connection", () => {
    const connection = z.strictObject({ server: schema.optional() });
    const table = inputsTable(inputSpec(connection));
    for (const line of [
      "- exactly one of `profile`, `profileId` (in `server`)",
      "- exactly one of `id`, `name` (in `server.plan`)",
      "- no item is listed twice (in `server.nodes`)",
      "- exactly one of `id`, `name` (in `server.nodes[]`)",
      '- `instance` is allowed only when `type` is "b" (in `server.database`)',
    ])
      expect(table).toContain(line);
    const deeper = inputsTable(inputSpec(schema));
    expect(deeper).toContain("- a password login needs `version` 1 (in `login`)");
    expect(deeper).toContain(
      "- the first of `token`, `key`, `password` that is given chooses the sign-in: `token`; `key` + `user`; " +
        "`password` + `user` (in `login`)",
    );
    expect(deeper).toContain("- sign in with `token`, or `user` + `password` (in `server`)");
  });
});
