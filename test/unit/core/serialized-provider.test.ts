import * as pulumi from "@pulumi/pulumi";
import * as orgplane from "../../../provider";
import { serializedStub } from "../../../provider/core/kind";

type ResourceClass = {
  new (name: string, args: object, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource;
  __pulumiType: string;
};

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

/** The `__provider` each kind stores: a require of its stub by package name (core/kind.ts). */
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
    "%s is a require of its stub by package name, which loads the provider when called",
    (qualified, Kind) => {
      const entry = captured.get(qualified);
      expect(entry?.type).toBe(Kind.__pulumiType);
      const [, backend, kind] = /orgplane\/(\w+):(\w+)$/.exec(Kind.__pulumiType)!;
      const text = entry!.provider;
      expect(text).toBe(serializedStub(backend, kind));
      // As the dynamic provider host evaluates it, with the package name resolved to this checkout.
      const required: string[] = [];
      const requireOrgplane = (id: string) => {
        required.push(id);
        return require(id.replace(/^orgplane\//, "../../../"));
      };
      const module = { exports: {} as { handler?: () => Record<string, unknown> } };
      new Function("exports", "require", "module", text)(module.exports, requireOrgplane, module);
      const stub = module.exports.handler!();
      expect(required).toEqual([`orgplane/provider/${backend}/stubs/${kind}`]);
      for (const method of ["check", "diff", "create", "read", "update", "delete"])
        expect(typeof stub[method]).toBe("function");
      expect(required).toEqual([`orgplane/provider/${backend}/stubs/${kind}`]); // the provider on first call only
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
    expect(() => new Kind(`${qualified}-bad`, {}, { parent: {} as pulumi.Resource })).toThrow();
    expect(Error.stackTraceLimit).toBe(17);
  });
});
