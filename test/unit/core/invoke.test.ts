import * as pulumi from "@pulumi/pulumi";
import { RunningEmulators, startEmulators } from "../../../emulators";
import { SfpEmulator } from "../../../emulators/sfp/server";
import { outputForm } from "../../../provider/core/invoke";
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
