import * as pulumi from "@pulumi/pulumi";
import { RunningEmulators, startEmulators } from "../../../emulators";
import { SfpEmulator } from "../../../emulators/sfp/server";
import { z } from "zod";
import { outputForm } from "../../../provider/core/invoke";
import { lookupArgs, lookupArgsWith } from "../../../provider/core/lookup-args";
import { sfp } from "../../../provider";

/** What an Output holds, and whether it is secret (outside a deployment, as a unit test runs). */
async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const internal = output as unknown as { promise(): Promise<T>; isSecret: Promise<boolean> };
  return { value: await internal.promise(), secret: await internal.isSecret };
}

describe("lookups in the invoke style (`...Output`)", () => {
  test("outputForm waits for every Input, calls the lookup once with plain values, and keeps secrets secret", async () => {
    const seen: unknown[] = [];
    const lookup = async (args: { name: string; count: number }) => {
      seen.push(args);
      return `${args.name}:${args.count}`;
    };
    const plain = await settle(
      outputForm(lookup)({ name: pulumi.output("acme"), count: Promise.resolve(2) }),
    );
    expect(plain).toEqual({ value: "acme:2", secret: false });
    expect(seen).toEqual([{ name: "acme", count: 2 }]);
    expect((await settle(outputForm(lookup, { secret: true })({ name: "x", count: 1 }))).secret).toBe(true);
  });

  test("the Output form keeps its lookup's argument types, also when the lookup's arguments are optional", () => {
    const lookup = async (args: { name?: string } = {}) => args.name ?? "";
    const form = outputForm(lookup);
    const typed: (args?: { name?: pulumi.Input<string> }) => pulumi.Output<string> = form;
    // @ts-expect-error a number is no name (the lint's type check proves this line is refused)
    const refused = () => form({ name: 5 });
    expect([typed, refused]).toHaveLength(2);
  });

  test("lookupArgs parses a lookup's arguments or names the lookup, each path and why, never a value", () => {
    const { oneOf } = lookupArgsWith(z.strictObject({ user: z.string().min(8) }));
    const schema = oneOf({ id: z.number().int().positive().optional(), name: z.string().optional() });
    expect(lookupArgs("demo.get", schema, { id: 3, name: undefined })).toEqual({ id: 3 });
    const refusal = (args: unknown) => {
      try {
        lookupArgs("demo.get", schema, args);
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refusal(undefined)).toBe("demo.get: give exactly one of id and name");
    expect(refusal({ id: 1, name: "x" })).toBe("demo.get: give id or name, not both");
    expect(refusal({ nmae: "x" })).toBe(
      "demo.get: nmae: is not known to demo.get (check the spelling); give exactly one of id and name",
    );
    const message = refusal({ name: "x", connection: { user: "short" } });
    expect(message).toMatch(/^demo\.get: connection\.user: Too small/);
    expect(message).not.toContain("short");
  });

  describe("against the sfp emulator", () => {
    let emus: RunningEmulators;
    let connection: { url: string; token: string };
    beforeAll(async () => {
      emus = await startEmulators({ only: ["salesforce", "sfp"] });
      const server = (emus.byName.sfp.facts as { sfp: SfpEmulator }).sfp;
      connection = { url: server.emulator.url, token: server.issueToken("owner") };
    });
    afterAll(() => emus.stop());

    test("listOrgsOutput takes a connection known only later and answers as listOrgs does", async () => {
      const later = pulumi.output(Promise.resolve(connection));
      const listed = await settle(sfp.listOrgsOutput({ connection: later }));
      expect(listed.value).toEqual(await sfp.listOrgs({ connection }));
      expect(listed.secret).toBe(false);
    });

    test("getOrgOutput is secret (it can carry credentials) and answers as getOrg does", async () => {
      const found = await settle(sfp.getOrgOutput({ username: "nobody@example.test", connection }));
      expect(found).toEqual({ value: undefined, secret: true });
    });
  });
});
