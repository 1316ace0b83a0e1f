import * as fs from "node:fs";
import * as path from "node:path";

const repo = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
const backends = fs
  .readdirSync(path.join(repo, "provider"))
  .filter((b) => fs.existsSync(path.join(repo, "provider", b, "stubs")));

/** The file an exported subpath leads to (a `*` pattern filled in), as Node resolves it; undefined if none. */
function resolveExport(subpath: string): string | undefined {
  for (const [key, target] of Object.entries(pkg.exports as Record<string, string | { default: string }>)) {
    const to = typeof target === "string" ? target : target.default;
    if (key === subpath) return to;
    const [prefix, suffix] = key.split("*");
    if (key.includes("*") && subpath.startsWith(prefix) && subpath.endsWith(suffix))
      return to.replace("*", subpath.slice(prefix.length, subpath.length - suffix.length));
  }
  return undefined;
}
const source = (dist: string) => path.join(repo, dist.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"));

describe("the package's exports map", () => {
  test.each(backends)(
    "keeps what state requires for %s: every kind's stub and the provider module",
    (backend) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { providers } = require(path.join(repo, "provider", backend, "provider"));
      const provider = resolveExport(`./provider/${backend}/provider`);
      expect(provider && fs.existsSync(source(provider))).toBe(true);
      for (const kind of Object.keys(providers)) {
        const stub = resolveExport(`./provider/${backend}/stubs/${kind}`);
        expect(stub && fs.existsSync(source(stub))).toBe(true);
        expect(fs.readFileSync(source(stub!), "utf8")).toContain(`"orgplane/provider/${backend}/provider"`);
      }
    },
  );

  test("exposes no internal module", () => {
    for (const internal of ["schema", "client", "functions", "types.generated"])
      for (const backend of backends)
        expect(resolveExport(`./provider/${backend}/${internal}`)).toBeUndefined();
    expect(resolveExport("./provider/core/index")).toBeUndefined();
    expect(resolveExport("./provider/core/provider")).toBeUndefined();
    expect(resolveExport("./dist/provider/index.js")).toBeUndefined();
  });
});
