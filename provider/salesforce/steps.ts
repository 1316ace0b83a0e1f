import type * as dynamic from "@pulumi/pulumi/dynamic";
import { State } from "../core";
import {
  AssignmentKind,
  AssignmentPlan,
  assignedQuery,
  catalogueQuery,
  parseAssigned,
  planAssignments,
  resolveNames,
} from "./assignments";
import { SalesforceClient, SObjectRecord } from "./client";
import { isUserId, lookupQuery, pickLookup } from "./lookups";
import { UserInputs } from "./schema";
import { LookupKind, LOOKUPS } from "./user-fields";

/** The pieces the User operations are made of: cross-field checks, the queries they batch, and their plans. */

export const LOOKUP_KINDS = Object.keys(LOOKUPS) as LookupKind[];

export function validate(inputs: UserInputs): dynamic.CheckFailure[] {
  const failures: dynamic.CheckFailure[] = [];
  if (!inputs.profileName === !inputs.profileId) {
    failures.push({ property: "profileName", reason: "give exactly one of profileName and profileId" });
  }
  for (const kind of ["role", "manager"] as const) {
    const { idKey, nameKey } = LOOKUPS[kind];
    if (inputs[idKey] && inputs[nameKey])
      failures.push({ property: nameKey, reason: `give ${nameKey} or ${idKey}, not both` });
  }
  const successor = inputs.leadsSuccessor;
  if (successor && !isUserId(successor) && !/^[^\s@]+@[^\s@]+$/.test(successor)) {
    failures.push({ property: "leadsSuccessor", reason: "must be a user id (005...) or a username" });
  }
  return failures;
}

export type Rows = Record<string, SObjectRecord[]>;

/** The queries that resolve the lookups in `kinds` given by name. */
export function lookupQueries(inputs: UserInputs, kinds: LookupKind[]): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const kind of kinds) {
    const { idKey, nameKey } = LOOKUPS[kind];
    const name = inputs[nameKey];
    if (!inputs[idKey] && name) queries[`lookup.${kind}`] = lookupQuery(kind, name);
  }
  return queries;
}

/** The lookups in `kinds` as User fields to write, and the outputs they give. */
export function lookupFields(inputs: UserInputs, kinds: LookupKind[], rows: Rows) {
  const body: SObjectRecord = {};
  const outputs: State = {};
  for (const kind of kinds) {
    const { field, idKey, nameKey } = LOOKUPS[kind];
    const name = inputs[nameKey];
    const resolved = inputs[idKey]
      ? { id: inputs[idKey]! }
      : name
        ? pickLookup(kind, name, rows[`lookup.${kind}`] ?? [])
        : undefined;
    if (!resolved) continue;
    body[field] = resolved.id;
    outputs[idKey] = resolved.id;
    if ("name" in resolved) outputs[nameKey] = resolved.name;
  }
  return { body, outputs };
}

/** Catalogue queries (and, for an existing user, the current rows) for the list kinds in `kinds`. */
export function listQueries(
  inputs: UserInputs,
  kinds: AssignmentKind[],
  userId: string | undefined,
): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const kind of kinds) {
    const names = inputs[kind.key] ?? [];
    if (names.length > 0) queries[`catalogue.${kind.key}`] = catalogueQuery(kind, names);
    if (userId) queries[`assigned.${kind.key}`] = assignedQuery(kind, userId);
  }
  return queries;
}

export function listPlans(
  inputs: UserInputs,
  olds: State,
  kinds: AssignmentKind[],
  rows: Rows,
): AssignmentPlan[] {
  return kinds.map((kind) => {
    const wanted = resolveNames(kind, inputs[kind.key] ?? [], rows[`catalogue.${kind.key}`] ?? []);
    const previous = (olds[kind.key] as string[] | undefined) ?? [];
    const current = parseAssigned(kind, rows[`assigned.${kind.key}`] ?? []);
    return planAssignments(kind, wanted, previous, inputs.exact, current);
  });
}

export const runQueries = (client: SalesforceClient, queries: Record<string, string>): Promise<Rows> =>
  Object.keys(queries).length > 0 ? client.queries(queries) : Promise.resolve({});
