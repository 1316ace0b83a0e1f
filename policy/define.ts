import {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
  UnknownValueError,
} from "@pulumi/policy";
import { label } from "./kinds";

/** Every policy's settings: its enforcement level, plus its own keys. */
export interface Settings {
  enforcementLevel: EnforcementLevel;
}

/** What a resource check sees: the resource's type, name, urn and inputs. */
export interface Subject {
  type: string;
  name: string;
  urn: string;
  props: Record<string, any>;
  /** `sfp.SalesforceOrgRegistration "prod"`. */
  label: string;
}

export type Report = (message: string, urn?: string) => void;

/** A value that the preview cannot know yet (an output of a resource still to be created). */
export const UNKNOWN = Symbol("unknown");
export type Peeked<T> = T | typeof UNKNOWN;

/** Reads a prop; an unknown value gives UNKNOWN instead of throwing. */
export function peek<T>(read: () => T): Peeked<T> {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}

/** Absent, null or an empty string (an unknown value is not blank: it will be set). */
export const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** The settings a policy runs with: the pack config (`--policy-pack-config`) over the typed settings. */
export function effective<S extends Settings>(settings: S, getConfig: () => object): S {
  const { enforcementLevel: _ignored, ...fromPack } = (getConfig() ?? {}) as Partial<S>;
  return { ...settings, ...fromPack };
}

/** The JSON schema of a policy's config, derived from its defaults (documented in policy/README.md). */
function configSchema(defaults: Settings): PolicyConfigSchema | undefined {
  const properties: PolicyConfigSchema["properties"] = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (key === "enforcementLevel") continue;
    if (Array.isArray(value)) properties[key] = { type: "array", items: { type: "string" }, default: value };
    else properties[key] = { type: typeof value as "number" | "boolean" | "string", default: value };
  }
  return Object.keys(properties).length ? { properties } : undefined;
}

export function subject(args: Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props">): Subject {
  return {
    type: args.type,
    name: args.name,
    urn: args.urn,
    props: args.props,
    label: label(args.type, args.name),
  };
}

interface Definition<S extends Settings> {
  name: string;
  description: string;
  settings: S;
}

/** A policy on single resources of the given kinds. */
export function resourcePolicy<S extends Settings>(
  def: Definition<S> & {
    kinds: readonly string[];
    validate(resource: Subject, settings: S, report: (message: string) => void): void;
  },
): ResourceValidationPolicy {
  return {
    name: def.name,
    description: def.description,
    enforcementLevel: def.settings.enforcementLevel,
    configSchema: configSchema(def.settings),
    validateResource: (args, reportViolation) => {
      if (!def.kinds.includes(args.type)) return;
      def.validate(subject(args), effective(def.settings, args.getConfig), (message) =>
        reportViolation(message),
      );
    },
  };
}

/** A policy over every resource of the stack at once. */
export function stackPolicy<S extends Settings>(
  def: Definition<S> & { validate(resources: PolicyResource[], settings: S, report: Report): void },
): StackValidationPolicy {
  return {
    name: def.name,
    description: def.description,
    enforcementLevel: def.settings.enforcementLevel,
    configSchema: configSchema(def.settings),
    validateStack: (args, reportViolation) =>
      def.validate(args.resources, effective(def.settings, args.getConfig), reportViolation),
  };
}

export const ofKind = (resources: PolicyResource[], type: string) => resources.filter((r) => r.type === type);
export const named = (r: PolicyResource) => label(r.type, r.name);
export const lower = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : undefined);
