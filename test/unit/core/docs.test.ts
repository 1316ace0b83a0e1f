import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { field, localOnly, replaceOnChange, secret } from "../../../provider/core/schema";
import { inputSpec } from "../../../provider/core/diff";
import { inputsTable } from "../../../provider/core/docs";
import { withInputTables } from "../../../provider/core/readme";

const providerDir = path.resolve(__dirname, "../../../provider");

describe("docs from schemas", () => {
  test("the inputs table shows types, requirement, behaviour and descriptions", () => {
    const spec = inputSpec(
      z.strictObject({
        name: replaceOnChange(z.string().min(1).max(32)).describe("The name."),
        size: z.number().int().min(1).max(1440).default(60),
        kind: z.enum(["a", "b"]).optional(),
        token: secret(z.string()),
        adopt: localOnly(z.boolean().default(false)),
        conn: field(z.strictObject({ url: z.url() }).optional(), { secret: true, storedSecret: true }),
      }),
    );
    const table = inputsTable(spec);
    expect(table).toContain(
      "| `name` | string 1..32 chars | **required** | replaces on change | The name. |",
    );
    expect(table).toContain("| `size` | integer 1..1440 | 60 |");
    expect(table).toContain('| `kind` | "a" \\| "b" | optional |');
    expect(table).toContain("secret, write-only (state keeps a hash)");
    expect(table).toContain("| `conn` | {url} | optional | secret (kept encrypted) |");
    expect(table).not.toContain("`conn.url`");
  });

  const backends = fs
    .readdirSync(providerDir)
    .filter((b) => fs.existsSync(path.join(providerDir, b, "provider.ts")) && b !== "core");

  test.each(backends)("provider/%s/README.md has up-to-date inputs tables (npm run docs)", (backend) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { providers } = require(path.join(providerDir, backend, "provider"));
    const readme = fs.readFileSync(path.join(providerDir, backend, "README.md"), "utf8");
    expect(withInputTables(readme, providers)).toBe(readme);
  });
});
