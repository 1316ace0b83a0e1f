import * as fs from "node:fs";
import * as path from "node:path";
import { runtime } from "@pulumi/pulumi";

/** How exported state marks a secret: {<sig>: <secret sig>, plaintext: <JSON>}. */
const { specialSigKey: SIG, specialSecretSig: SECRET_SIG } = runtime;

export interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  additionalSecretOutputs?: string[];
}

/** Exported secrets become {__secret: value}; the replay program turns them back into Pulumi secrets. */
function markSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(markSecrets);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG] === SECRET_SIG) return { __secret: JSON.parse(String(record.plaintext)) };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, markSecrets(v)]));
  }
  return value;
}

const withoutProvider = (props: Record<string, unknown> = {}) => {
  const { __provider: _omit, ...rest } = props;
  return rest;
};

const REPLAY_PACKAGE = "orgplane-bench-replay";

/** Installs bench/replay-provider.js as a package of the bench work directory. */
function installReplayProvider(work: string): void {
  const dir = path.join(work, "node_modules", REPLAY_PACKAGE);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: REPLAY_PACKAGE, main: "index.js" }),
  );
  fs.copyFileSync(path.join(__dirname, "replay-provider.js"), path.join(dir, "index.js"));
}

/**
 * A program that re-creates the dynamic resources of an exported state with a provider that makes no API call:
 * its create returns the recorded outputs. Same types, inputs, secrets and outputs, and like orgplane's a
 * provider serialized as a require, so it measures what the engine spends on that state by itself. Writes
 * recorded.json into `programDir`.
 */
export function writeReplayProgram(work: string, programDir: string, resources: StateResource[]): string {
  installReplayProvider(work);
  const dynamic = resources.filter((r) => r.custom && r.type.startsWith("pulumi-nodejs:dynamic/"));
  const recorded = dynamic.map((r, key) => {
    const [, module, kind] = /^pulumi-nodejs:dynamic\/(.+):(\w+)$/.exec(r.type)!;
    return {
      key: String(key),
      name: r.urn.split("::").pop()!,
      module,
      kind,
      id: r.id,
      inputs: markSecrets(withoutProvider(r.inputs)),
      outputs: markSecrets(withoutProvider(r.outputs)),
      additionalSecretOutputs: r.additionalSecretOutputs ?? [],
    };
  });
  fs.mkdirSync(programDir, { recursive: true });
  fs.writeFileSync(path.join(programDir, "recorded.json"), JSON.stringify(recorded));
  return `const pulumi = require("@pulumi/pulumi");
const replay = require("${REPLAY_PACKAGE}");
const secrets = (v) => Array.isArray(v) ? v.map(secrets) : v && typeof v === "object"
  ? ("__secret" in v ? pulumi.secret(v.__secret) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, secrets(x)]))) : v;
for (const r of require("./recorded.json")) {
  new pulumi.dynamic.Resource(replay, r.name, { ...secrets(r.inputs), replayKey: r.key },
    { additionalSecretOutputs: r.additionalSecretOutputs }, r.module, r.kind);
}
`;
}
