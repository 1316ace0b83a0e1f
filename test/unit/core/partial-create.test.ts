import { z } from "zod";
import { inputSpec } from "../../../provider/core/diff";
import { localOnly, replaceOnChange, secret } from "../../../provider/core/schema";
import { PartialCreateError, schemaProvider } from "../../../provider/core/provider";

/** A create that made the object and then failed: the engine keeps what the error carries as the state. */
describe("a partial create", () => {
  const spec = inputSpec(
    z.strictObject({
      name: replaceOnChange(z.string()),
      password: secret(z.string()),
      adopt: localOnly(z.boolean().default(false)),
    }),
  );
  const provider = schemaProvider(spec, {
    create: async () => {
      throw new PartialCreateError("org-1", { orgId: "org-1" }, new Error("read back failed"));
    },
    read: async () => undefined,
    delete: async () => undefined,
  });
  const inputs = { name: "acme", password: "hunter2-partial", adopt: false };

  test("carries the inputs with the outputs, secrets as hashes, so the next diff only updates", async () => {
    const error = await provider.create(inputs).catch((e) => e);
    expect(error).toMatchObject({ id: "org-1", message: "read back failed" });
    expect(error.properties).toMatchObject({ name: "acme", orgId: "org-1", adopt: false });
    expect(JSON.stringify(error.properties)).not.toContain("hunter2-partial");
    const diff = await provider.diff!("org-1", error.properties, inputs);
    expect(diff).toMatchObject({ changes: false, replaces: [] });
  });

  test("leaves out the pending inputs, so the next diff sends them again", async () => {
    const pendingProvider = schemaProvider(spec, {
      create: async () => {
        throw new PartialCreateError("org-1", { orgId: "org-1" }, new Error("modify failed"), ["password"]);
      },
      read: async () => undefined,
      delete: async () => undefined,
    });
    const error = await pendingProvider.create(inputs).catch((e) => e);
    expect(error.properties).toMatchObject({ name: "acme", orgId: "org-1" });
    expect(error.properties.password).toBeUndefined();
    const diff = await pendingProvider.diff!("org-1", error.properties, inputs);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
  });
});
