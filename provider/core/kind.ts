import * as pulumi from "@pulumi/pulumi";
import type { InputSpec } from "./diff";
import { moduleName, resourceOptions, resourceProps } from "./resource";

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
