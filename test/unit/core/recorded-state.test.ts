import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as fs from "node:fs";
import * as path from "node:path";
import { RunningEmulators, startEmulators } from "../../../emulators";
import { specOf } from "../../../provider/core/provider";
import { SCHEMA_VERSION } from "../../../provider/core/state";
import { programEnv } from "../../fixtures/state-0.2.0/program";

/**
 * State written by orgplane 0.2.0 (test/fixtures/state-0.2.0, recorded by scripts/record-state.js) replayed
 * through today's providers. The objects it names live in emulators long gone, so each is made again from the
 * same inputs, and the recorded state takes the new object's server-assigned values (id, timestamps, URLs);
 * everything orgplane itself wrote (inputs, secret hashes, key names) stays as 0.2.0 wrote it.
 */
const recorded = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../fixtures/state-0.2.0/checkpoint.json"), "utf8"),
);
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** A checkpoint value with its secrets opened (they are plain text: the fixtures' constant test values). */
function opened(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(opened);
  if (!value || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object[SECRET_SIG]) return opened(JSON.parse(object.plaintext as string));
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, opened(v)]));
}

const without = (state: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(state).filter(([k]) => k !== key));

interface Recorded {
  type: string;
  backend: string;
  kind: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
}
const resources: Recorded[] = recorded.deployment.deployment.resources
  .filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/orgplane/"))
  .map((r: { type: string; inputs: object; outputs: object }) => {
    const [, backend, kind] = /orgplane\/(\w+):(\w+)$/.exec(r.type)!;
    const inputs = without(opened(r.inputs) as Record<string, unknown>, "__provider");
    return { type: r.type, backend, kind, inputs, state: without(opened(r.outputs) as never, "__provider") };
  });

/** An in-place change per kind (the sandbox and the binding have none: every field replaces). */
const changes: Record<string, Record<string, unknown>> = {
  "sfp:SalesforceOrgRegistration": { metadata: { environment: "prod" } },
  "commvault:Organization": { backupStreams: 3 },
  "biot:Organization": { description: "Replayed" },
  "iics:Organization": { description: "Replayed" },
  "salesforce:User": { title: "Replayed" },
};

describe(`state written by orgplane ${recorded.orgplane} loads in today's providers`, () => {
  let emus: RunningEmulators;
  const saved = { ...process.env };
  const live = new Map<string, { id: string; olds: Record<string, unknown> }>();
  const providerOf = (r: Recorded): dynamic.ResourceProvider =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(`../../../provider/${r.backend}/provider`).providers[r.kind];

  beforeAll(async () => {
    emus = await startEmulators();
    // The recorded program took its connections from the environment, as refresh and destroy do.
    Object.assign(process.env, programEnv(emus));
    // Made again from the recorded inputs, in the recorded order (the binding names the organization's id).
    for (const r of resources) {
      const provider = providerOf(r);
      const inputs = { ...r.inputs };
      if (r.kind === "AccessNodeBinding") inputs.organizationId = live.get("commvault:Organization")!.id;
      const { id, outs } = await provider.create(inputs);
      const spec = specOf(provider)!;
      // The server's answers are today's; what orgplane wrote stays 0.2.0's.
      const olds = Object.fromEntries(
        Object.entries(r.state).map(([key, value]) =>
          spec.keys.includes(key) || key === "secretHashes" ? [key, value] : [key, outs[key] ?? value],
        ),
      );
      live.set(`${r.backend}:${r.kind}`, {
        id,
        olds: {
          ...olds,
          ...(r.kind === "AccessNodeBinding" ? { organizationId: inputs.organizationId } : {}),
        },
      });
      expect(outs.secretHashes).toEqual(r.state.secretHashes);
    }
  });

  afterAll(async () => {
    process.env = saved;
    await emus?.stop();
  });

  test("the recording holds one resource of every kind, without a schema version", () => {
    expect(resources.map((r) => `${r.backend}:${r.kind}`).sort()).toEqual([
      "biot:Organization",
      "commvault:AccessNodeBinding",
      "commvault:Organization",
      "iics:Organization",
      "salesforce:User",
      "sfp:SalesforceOrgRegistration",
      "sfp:SandboxRegistration",
    ]);
    for (const r of resources) expect(r.state[SCHEMA_VERSION]).toBeUndefined();
  });

  test.each(resources.map((r) => [`${r.backend}:${r.kind}`, r] as const))(
    "%s: read, diff, update and delete",
    async (name, r) => {
      const provider = providerOf(r);
      const { id, olds } = live.get(name)!;
      const inputs = {
        ...r.inputs,
        ...(r.kind === "AccessNodeBinding" ? { organizationId: olds.organizationId } : {}),
      };

      const read = await provider.read!(id, olds);
      expect(read.id).toBe(id);
      // Every key 0.2.0 wrote is still there (a read may add outputs the API now reports).
      expect(Object.keys(read.props!)).toEqual(
        expect.arrayContaining([...Object.keys(olds), SCHEMA_VERSION]),
      );
      expect(read.props![SCHEMA_VERSION]).toBe(1);

      expect(await provider.diff!(id, olds, inputs)).toMatchObject({ changes: false });

      const change = changes[name];
      if (change) {
        const news = { ...inputs, ...change };
        expect(await provider.diff!(id, olds, news)).toMatchObject({ changes: true, replaces: [] });
        const { outs } = await provider.update!(id, olds, news);
        expect(outs).toMatchObject({ ...change, [SCHEMA_VERSION]: 1 });
      }
    },
  );

  test("delete takes the recorded state, the binding before its organization", async () => {
    for (const r of [...resources].reverse()) {
      const { id, olds } = live.get(`${r.backend}:${r.kind}`)!;
      await expect(providerOf(r).delete!(id, olds)).resolves.toBeUndefined();
    }
    // Gone where delete deletes (a Salesforce user is deactivated, a Commvault client retired).
    for (const name of [
      "sfp:SalesforceOrgRegistration",
      "sfp:SandboxRegistration",
      "biot:Organization",
      "iics:Organization",
    ]) {
      const r = resources.find((x) => `${x.backend}:${x.kind}` === name)!;
      const { id, olds } = live.get(name)!;
      expect(await providerOf(r).read!(id, olds)).toEqual({});
    }
  });
});
