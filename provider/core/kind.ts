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

/** The base of every orgplane resource class: secret-wrapped props, options and type token from its kind. */
export abstract class KindResource extends pulumi.dynamic.Resource {
  protected constructor(kind: KindOf, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const spec = kind.spec as InputSpec;
    super(
      kind.provider,
      name,
      resourceProps(spec, args),
      resourceOptions(spec, opts),
      moduleName(kind.backend),
      kind.type,
    );
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
