import * as pulumi from "@pulumi/pulumi";
import type { InputSpec } from "./diff";
import { moduleName, resourceOptions, resourceProps, typeToken } from "./resource";

/** What makes a kind: its stub provider, backend, type name and input spec (typed loosely: no zod in .d.ts). */
export interface KindOf {
  provider: pulumi.dynamic.ResourceProvider;
  backend: string;
  type: string;
  spec: object;
}

/**
 * The base of every orgplane resource class: secret-wrapped props, options and type token from its kind.
 *
 * The SDK registers each output property through promises that each keep a formatted `new Error().stack`, used
 * only in promise-leak reports; in a TypeScript program every frame is source-mapped, which took half the
 * program's CPU for a 645-resource estate. No stack is kept during registration (the SDK's own source position
 * sets its own limit).
 */
export abstract class KindResource extends pulumi.dynamic.Resource {
  protected constructor(kind: KindOf, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const spec = kind.spec as InputSpec;
    const props = resourceProps(spec, args);
    const options = resourceOptions(spec, opts);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(kind.provider, name, props, options, moduleName(kind.backend), kind.type);
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
