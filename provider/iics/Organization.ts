import * as pulumi from "@pulumi/pulumi";
import { KindResource } from "../core/kind";
import { typeToken } from "../core/resource";
import { organizationSpec } from "./schema";
import provider = require("./stubs/Organization");
import type { OrganizationArgs, OrganizationOutputs } from "./types.generated";

const KIND = { provider, backend: "iics", type: "Organization", spec: organizationSpec };

export type { OrganizationArgs, OrganizationOutputs };

// The class gets its outputs, with their docs, from the generated OrganizationOutputs.
export interface Organization extends OrganizationOutputs {}

/**
 * An Informatica IICS sub-organization and its first administrator, registered under the parent org the
 * connection logs in to. The id is the org id. Org fields update in place; the admin is create-only (a change
 * fails the preview).
 * See provider/iics/README.md.
 */
export class Organization extends KindResource {
  static readonly __pulumiType = typeToken("iics", "Organization");

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    super(KIND, name, args, opts);
  }
}
