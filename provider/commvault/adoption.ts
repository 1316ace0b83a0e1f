import { canonical, noTrailingSlash } from "../core";
import { AccessNode, nodeKey } from "./wire";
import { OrganizationInputs } from "./schema";
import { LOGIN_HOST } from "./wire";

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** The readable part of a declared block: its write-only secrets cannot be compared with what exists. */
function readable(key: string, value: unknown): unknown {
  if (key === "salesforceAccount") {
    const {
      password: _p,
      consumerSecret: _c,
      token: _t,
      ...rest
    } = value as OrganizationInputs["salesforceAccount"];
    return { ...rest, endpoint: noTrailingSlash(rest.endpoint ?? LOGIN_HOST[rest.environment]) };
  }
  if (key === "syncDatabase") {
    const { password: _p, ...rest } = value as NonNullable<OrganizationInputs["syncDatabase"]>;
    return rest;
  }
  if (key === "excludedObjects") return [...(value as string[])].sort();
  return value;
}

/** What the organization holds for one key, in the form `readable` gives the declared value. */
function held(key: string, now: unknown): unknown {
  if (key === "salesforceAccount" && now)
    return { ...now, endpoint: noTrailingSlash((now as { endpoint?: string }).endpoint) };
  if (key === "excludedObjects" && Array.isArray(now)) return [...now].sort();
  return now;
}

/**
 * The Modify keys an adopting create must write: the declared settings whose readable values differ from the
 * organization's (`current`, from currentSettings). A block whose only difference could be a write-only secret
 * counts as equal: adopting never overwrites a secret on its own; a later change of the secret writes it.
 */
export function adoptionChanges(
  inputs: OrganizationInputs,
  keys: readonly string[],
  current: Record<string, unknown>,
  declaredNodes: AccessNode[] | undefined,
  currentNodes: AccessNode[],
): string[] {
  return keys.filter((key) => {
    const declared = inputs[key as keyof OrganizationInputs];
    if (declared === undefined) return false;
    if (key === "accessNodes") {
      const wanted = (declaredNodes ?? []).map(nodeKey).sort();
      return !same(wanted, currentNodes.map(nodeKey).sort());
    }
    return !same(readable(key, declared), held(key, current[key]));
  });
}
