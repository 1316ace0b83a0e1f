import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { inputSpec, localOnly, secret } from "../../../provider/core";
import { specOf } from "../../../provider/core/provider";
import { backendsIn, GENERATED_FILE, kindTypes } from "../../../scripts/typegen";

const repo = path.resolve(__dirname, "../../..");

describe("types generated from the schemas (scripts/gen-types.js)", () => {
  test("each backend's types.generated.ts is what the schemas make (npm run build regenerates it)", () => {
    const backends = backendsIn(repo);
    expect(backends).toEqual(["biot", "commvault", "iics", "salesforce", "sfp"]);
    for (const backend of backends)
      expect(fs.existsSync(path.join(repo, "provider", backend, GENERATED_FILE))).toBe(true);
    // Its own process: prettier formats with a dynamic import, which jest's module system refuses.
    const check = spawnSync("node", ["scripts/gen-types.js", "--check"], { cwd: repo, encoding: "utf8" });
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
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

  const kinds = backendsIn(repo).flatMap((backend) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { providers } = require(path.join(repo, "provider", backend, "provider"));
    return Object.keys(providers).map((kind) => [`${backend}.${kind}`, specOf(providers[kind])!] as const);
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
