/** What discovery finds and how it becomes code: one object per resource, its inputs as read. */

export const BACKENDS = ["sfp", "commvault", "salesforce", "biot", "iics"] as const;
export type Backend = (typeof BACKENDS)[number];

/**
 * A value the API never returns: a secret (auth URL, password) written as `config.requireSecret(key)`, or a
 * create-only plain value (an administrator's name) written as `config.require(key)`. The key is the resource's
 * variable and `suffix` (set when the resources are named).
 */
export class Placeholder {
  configKey = "";
  constructor(
    readonly secret: boolean,
    readonly suffix: string,
    readonly what: string,
  ) {}
}
export const secretSlot = (suffix: string, what: string) => new Placeholder(true, suffix, what);
export const configSlot = (suffix: string, what: string) => new Placeholder(false, suffix, what);

/** A reference to another discovered object's output, written as `<its variable>.<output>`. */
export class Reference {
  constructor(
    readonly target: Discovered,
    readonly output: string,
    /** The value as read, for checks and tables. */
    readonly value: string,
  ) {}
}

/** A field orgplane's check refuses, and why. */
export interface Refusal {
  field: string;
  reason: string;
}

export interface Discovered {
  backend: Backend;
  /** `sfp.SalesforceOrgRegistration`: the export of orgplane the resource is made with. */
  kind: string;
  /** How the object is known: its natural key (username, name). */
  key: string;
  /** The id orgplane's resource keeps in state, to tell managed objects from unmanaged ones. */
  id: string;
  /** A hint for the resource's name (made unique and readable by codegen). */
  nameHint: string;
  /** The inputs as read; placeholders (Placeholder, Reference) where a value cannot be read. */
  inputs: Record<string, unknown>;
  refusals: Refusal[];
  /** Filled in by naming: the Pulumi resource name and the variable in index.ts. */
  name?: string;
  variable?: string;
}

/** Progress and counts of one backend's listing. */
export interface Listing {
  backend: Backend;
  objects: Discovered[];
}

/** A lister reports progress on stderr: one line per page or step. */
export type Progress = (message: string) => void;
