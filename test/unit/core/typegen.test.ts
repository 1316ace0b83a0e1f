import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { inputSpec } from "../../../provider/core/diff";
import { localOnly, secret } from "../../../provider/core/schema";
import { specOf } from "../../../provider/core/provider";
import { outputNames } from "../../../provider/core/resource";
import { backendsIn, GENERATED_FILE, kindTypes } from "../../../scripts/typegen";

const repo = path.resolve(__dirname, "../../..");

describe("types generated from the schemas (scripts/gen-types.js)", () => {
  const kinds = backendsIn(repo).flatMap((backend) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { providers } = require(path.join(repo, "provider", backend, "provider"));
    return Object.keys(providers).map((kind) => [`${backend}.${kind}`, specOf(providers[kind])!] as const);
  });

  test("each backend's types.generated.ts (build output, not tracked) is what the schemas make", () => {
    const backends = backendsIn(repo);
    expect(backends).toEqual(["biot", "commvault", "iics", "salesforce", "sfp"]);
    // Its own process: prettier formats with a dynamic import, which jest's module system refuses. It
    // generates afresh in memory and fails on any file that differs (or on a generation that throws).
    const check = spawnSync("node", ["scripts/gen-types.js", "--check"], { cwd: repo, encoding: "utf8" });
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
    const text = (backend: string) =>
      fs.readFileSync(path.join(repo, "provider", backend, GENERATED_FILE), "utf8");
    for (const backend of backends)
      expect(text(backend)).toContain(
        `export interface ${backend[0].toUpperCase()}${backend.slice(1)}Connection {`,
      );
    for (const [name, spec] of kinds) {
      const [backend, kind] = name.split(".");
      const args = text(backend).split(`export interface ${kind}Args {`)[1]?.split("\n}\n")[0] ?? "";
      const outputs = text(backend).split(`export interface ${kind}Outputs {`)[1]?.split("\n}\n")[0] ?? "";
      for (const key of spec.keys) expect(args).toMatch(new RegExp(`^  ${key}\\??: `, "m"));
      for (const key of outputNames(spec)) expect(outputs).toMatch(new RegExp(`^  readonly ${key}: `, "m"));
    }
  });

  test("Args wrap every value in an Input, booleans as boolean, with descriptions and defaults as docs", () => {
    const spec = inputSpec(
      z.strictObject({
        name: z.string().describe("The name."),
        enabled: z.boolean().default(false).describe("On or off."),
        tags: z.array(z.string()).optional().describe("Tags."),
        token: secret(z.string()).describe("A credential."),
        adopt: localOnly(z.boolean().default(false)).describe("Take over."),
      }),
      {
        outputs: z.object({
          id: z.number().describe("The id."),
          note: z.string().optional().describe("A note."),
        }),
      },
    );
    const text = kindTypes("Thing", spec);
    expect(text).toContain("/** The name. */\nname: pulumi.Input<string>;");
    expect(text).toContain(" * On or off.\n *\n * @default false\n */\nenabled?: pulumi.Input<boolean>;");
    expect(text).toContain("tags?: pulumi.Input<pulumi.Input<string>[]>;");
    expect(text).toContain("readonly enabled: pulumi.Output<boolean>;");
    expect(text).toContain("readonly tags: pulumi.Output<string[] | undefined>;");
    expect(text).toContain("/** The id. */\nreadonly id: pulumi.Output<number>;");
    expect(text).toContain("readonly note: pulumi.Output<string | undefined>;");
    // A credential is an input, never an output.
    expect(text).toContain("token: pulumi.Input<string>;");
    expect(text).not.toContain("readonly token");
  });

  /** Field paths of an object schema without a description, nested objects and list items included. */
  function undescribed(schema: z.ZodType | undefined, prefix = ""): string[] {
    if (!schema) return [];
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    const walk = (node: Record<string, unknown>, at: string): string[] => {
      const props = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
      const items = node.items as Record<string, unknown> | undefined;
      const options = [...((node.anyOf ?? []) as Record<string, unknown>[])];
      return [
        ...Object.entries(props).flatMap(([key, child]) => [
          ...(child.description ? [] : [`${at}${key}`]),
          ...walk(child, `${at}${key}.`),
        ]),
        ...(items ? walk(items, at.replace(/\.$/, "[].")) : []),
        ...options.flatMap((option) => walk(option, at)),
      ];
    };
    return walk(json, prefix);
  }

  test.each(kinds)("every input and output of %s has a description (its doc comment)", (_kind, spec) => {
    expect(undescribed(spec.schema)).toEqual([]);
    expect(undescribed(spec.outputs)).toEqual([]);
  });
});
