import { z } from "zod";
import { inputSpec } from "../../../provider/core/diff";
import { schemaProvider } from "../../../provider/core/provider";
import { secret } from "../../../provider/core/schema";
import { SCHEMA_VERSION } from "../../../provider/core/state";

/** A kind at schema version 2: version 1 called the field `title`, version 2 calls it `label`. */
describe("state carries its schema version; old state is upgraded before read, diff, update and delete", () => {
  const seen: Record<string, unknown>[] = [];
  const spec = inputSpec(z.strictObject({ label: z.string(), password: secret(z.string()) }), {
    upgrades: [({ title, ...rest }) => ({ ...rest, label: title })],
  });
  const provider = schemaProvider(spec, {
    create: async () => ({ id: "x-1", outputs: { serial: 7 } }),
    read: async (_id, state) => (seen.push(state), { serial: 8 }),
    update: async (_id, olds) => (seen.push(olds), { serial: 9 }),
    delete: async (_id, state) => void seen.push(state),
  });
  // Version 1 wrote no version key (orgplane 0.2.0 state has none).
  const v1 = { title: "Acme", serial: 7, secretHashes: {} };

  beforeEach(() => (seen.length = 0));

  test("create writes the current version", async () => {
    const { outs } = await provider.create({ label: "Acme", password: "p" });
    expect(outs[SCHEMA_VERSION]).toBe(2);
  });

  test("read upgrades the state it is given and writes the current version", async () => {
    const result = await provider.read!("x-1", v1);
    expect(seen[0]).toMatchObject({ label: "Acme", [SCHEMA_VERSION]: 2 });
    expect(seen[0].title).toBeUndefined();
    expect(result.props).toMatchObject({ label: "Acme", serial: 8, [SCHEMA_VERSION]: 2 });
  });

  test("diff compares the upgraded state: the same inputs under the new name are no change", async () => {
    const hashed = (await provider.create({ label: "Acme", password: "p" })).outs;
    const old = { title: "Acme", serial: 7, secretHashes: hashed.secretHashes };
    expect(await provider.diff!("x-1", old, { label: "Acme", password: "p" })).toMatchObject({
      changes: false,
    });
    expect(await provider.diff!("x-1", old, { label: "Beta", password: "p" })).toMatchObject({
      changes: true,
    });
  });

  test("update and delete get the upgraded state", async () => {
    const { outs } = await provider.update!("x-1", v1, { label: "Beta", password: "p" });
    expect(seen[0]).toMatchObject({ label: "Acme" });
    expect(outs).toMatchObject({ label: "Beta", serial: 9, [SCHEMA_VERSION]: 2 });
    await provider.delete!("x-1", v1);
    expect(seen[1]).toMatchObject({ label: "Acme", [SCHEMA_VERSION]: 2 });
  });

  test("state already at the current version is left as it is", async () => {
    await provider.delete!("x-1", { label: "Acme", [SCHEMA_VERSION]: 2 });
    expect(seen[0]).toEqual({ label: "Acme", [SCHEMA_VERSION]: 2 });
  });

  test("state from a newer orgplane is refused, not misread", async () => {
    await expect(provider.delete!("x-1", { label: "Acme", [SCHEMA_VERSION]: 3 })).rejects.toThrow(
      /schema version 3, and this orgplane knows versions 1 to 2/,
    );
  });
});
