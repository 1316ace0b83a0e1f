import * as pulumi from "@pulumi/pulumi";
import type { InputSpec } from "./diff";
import { resourceOptions, resourceProps, typeToken } from "./resource";

/** What makes a kind: its backend, type name and input spec (typed loosely: no zod in .d.ts). */
export interface KindOf {
  backend: string;
  type: string;
  spec: object;
}

/**
 * The `__provider` of a kind, as the SDK's closure serializer writes it for installed orgplane: a require of the
 * kind's stub (core/stub.ts) by package name. Written here, the program skips the serializer (about 0.2 s of CPU
 * per `up` or `preview`); the text is the serializer's, so state and diffs are unchanged.
 */
export const serializedStub = (backend: string, type: string) =>
  "exports.handler = __f0;\n" +
  `const provider = require("orgplane/provider/${backend}/stubs/${type}");\n\n` +
  "function __f0() {\n  return (function() {\n    with({ this: undefined, arguments: undefined }) {\n\n" +
  "return () => provider;\n\n    }\n  }).apply(undefined, undefined).apply(this, arguments);\n}\n";

/**
 * The base of every orgplane resource class: a dynamic resource (the `pulumi-nodejs` provider runs its stub)
 * with secret-wrapped props, options and type token from its kind.
 *
 * The SDK registers each output property through promises that each keep a formatted `new Error().stack`, used
 * only in promise-leak reports; in a TypeScript program every frame is source-mapped, which took half the
 * program's CPU for a 645-resource estate. No stack is kept during registration (the SDK's own source position
 * sets its own limit).
 */
export abstract class KindResource extends pulumi.CustomResource {
  protected constructor(kind: KindOf, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const spec = kind.spec as InputSpec;
    const props = { ...resourceProps(spec, args), __provider: serializedStub(kind.backend, kind.type) };
    const options = resourceOptions(spec, opts);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(typeToken(kind.backend, kind.type), name, props, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** A kind's class: `new Kind(name, args, opts)` makes a resource whose outputs are the kind's `Outputs`. */
export interface KindClass<Args, Outputs> {
  new (name: string, args: Args, opts?: pulumi.CustomResourceOptions): KindResource & Outputs;
  /** The type token, as `@pulumi/policy`'s `isType` compares it. */
  readonly __pulumiType: string;
}

/** The class of a kind; each backend's `<Kind>.ts` exports one, with the `<Kind>Args` and `<Kind>Outputs` types. */
export function kindClass<Args, Outputs>(kind: KindOf): KindClass<Args, Outputs> {
  const resourceClass = class extends KindResource {
    static readonly __pulumiType = typeToken(kind.backend, kind.type);

    constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
      super(kind, name, args as object, opts);
    }
  };
  Object.defineProperty(resourceClass, "name", { value: kind.type });
  return resourceClass as unknown as KindClass<Args, Outputs>;
}
