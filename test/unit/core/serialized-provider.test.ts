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

/** Registration keeps no stack for the SDK's promise-leak reports (core/kind.ts), and restores the limit. */
describe("constructing a kind", () => {
  const [[qualified, Kind]] = resourceClasses();
  const saved = Error.stackTraceLimit;
  afterEach(() => (Error.stackTraceLimit = saved));

  test("formats no stack frame while it registers, and restores Error.stackTraceLimit", () => {
    Error.stackTraceLimit = 17;
    const limits: number[] = [];
    const prepare = Error.prepareStackTrace;
    Error.prepareStackTrace = (error, frames) => {
      limits.push(frames.length > 0 ? Error.stackTraceLimit : 0);
      return prepare ? prepare(error, frames) : String(error);
    };
    try {
      new Kind(`${qualified}-limit`, {});
    } finally {
      Error.prepareStackTrace = prepare;
    }
    expect(Error.stackTraceLimit).toBe(17);
    // Frames are formatted only for the SDK's source position, under its own limit.
    expect(limits.filter((limit) => limit !== 0 && limit !== Infinity)).toEqual([]);
    expect(limits).toContain(Infinity);
    expect(limits.filter((limit) => limit === 0).length).toBeGreaterThan(0);
  });

  test("restores Error.stackTraceLimit when the SDK refuses the resource", () => {
    Error.stackTraceLimit = 17;
    expect(() => new Kind(`${qualified}-bad`, {}, { parent: {} } as never)).toThrow();
    expect(Error.stackTraceLimit).toBe(17);
  });
});
