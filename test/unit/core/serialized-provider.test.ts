import * as pulumi from "@pulumi/pulumi";
import * as orgplane from "../../../provider";

type ResourceClass = { new (name: string, args: object): pulumi.CustomResource; __pulumiType: string };

/** Every Resource class orgplane exports, found through the namespaces of the package entry. */
function resourceClasses(): [string, ResourceClass][] {
  const found: [string, ResourceClass][] = [];
  for (const [namespace, members] of Object.entries(orgplane)) {
    for (const [name, member] of Object.entries(members as Record<string, unknown>)) {
      if (typeof member === "function" && typeof (member as ResourceClass).__pulumiType === "string") {
        found.push([`${namespace}.${name}`, member as ResourceClass]);
      }
    }
  }
  return found;
}

describe("the serialized __provider of every kind", () => {
  const captured = new Map<string, { type: string; provider: string }>();

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          captured.set(args.name, { type: args.type, provider: args.inputs.__provider });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      true,
    );
    for (const [qualified, Kind] of resourceClasses()) new Kind(qualified, {});
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  test("orgplane exports resource kinds", () => {
    expect(resourceClasses().length).toBeGreaterThanOrEqual(2);
  });

  test.each(resourceClasses())(
    "%s is a stub under 2 KB that requires orgplane by package name",
    (qualified, Kind) => {
      const entry = captured.get(qualified);
      expect(entry?.type).toBe(Kind.__pulumiType);
      const text = entry!.provider;
      const [, backend] = /orgplane\/(\w+):/.exec(Kind.__pulumiType)!;
      expect(Buffer.byteLength(text)).toBeLessThan(2048);
      expect(text).toContain(`"orgplane/provider/${backend}/provider"`);
      expect(text).toContain("require(modulePath)");
      for (const source of [
        "schemaProvider",
        "HttpClient",
        "axios",
        "zod",
        "checkWithSchema",
        "SessionPool",
      ]) {
        expect(text).not.toContain(source);
      }
    },
  );
});
