import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { organizationSpec } from "./schema";
import provider = require("./stubs/Organization");
import type { OrganizationArgs, OrganizationOutputs } from "./types.generated";

const KIND = { provider, backend: "biot", type: "Organization", spec: organizationSpec };

export type { OrganizationArgs, OrganizationOutputs };

// The class gets its outputs, with their docs, from the generated OrganizationOutputs.
export interface Organization extends OrganizationOutputs {}

/**
 * A BioT organization with its primary administrator. The id is the organization's uuid. Fields update in
 * place with PATCH; a template change replaces (delete first: names are unique); the administrator is
 * create-only. See provider/biot/README.md.
 */
export class Organization extends KindResource {
  static readonly __pulumiType = typeToken("biot", "Organization");

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
