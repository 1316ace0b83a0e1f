import { ApiError, OrgplaneError } from "./errors";

/** A failure after which the write may or may not have been applied: the connection dropped or a gateway failed. */
export function isAmbiguousFailure(e: unknown): boolean {
  return (
    e instanceof ApiError && (e.status === 0 || e.status === 500 || e.status === 502 || e.status === 504)
  );
}

/** How one kind creates an object it may only take over when it can prove it owns it. */
export interface OwnedCreate<Found, Result> {
  /** The resource's kind and natural key in messages: `commvault.Organization "shared-cv"`. */
  resource: string;
  /** The user's `adopt` input: take over an object that already holds the natural key. */
  adopt: boolean;
  /** The object that holds the natural key now, or undefined. */
  find(): Promise<Found | undefined>;
  /** The existence check before the write, when it comes from a read made already (default: find). */
  before?(): Promise<Found | undefined>;
  /** The found object in messages: `id 42`. */
  describe(found: Found): string;
  /** Writes a new object. */
  write(): Promise<Result>;
  /** Takes over an object: the user adopted it, or it is this create's own write whose reply was lost. */
  takeOver(found: Found, reason: "adopted" | "recovered"): Promise<Result>;
  /** The write was refused because the natural key is taken (a 409, a duplicate error code...). */
  isDuplicate?(e: unknown): boolean;
}

/**
 * The refusal when the natural key is held by an object this resource does not own: it may be another owner's, or
 * this resource's own from an interrupted run, and only the user can tell.
 */
export function notOwned(resource: string, found: string): OrgplaneError {
  return new OrgplaneError(
    `${resource} already exists (${found}) and this resource does not own it: it is not in this resource's ` +
      "state and this operation did not create it. It may belong to another owner (another stack, team or " +
      "tool), or come from an interrupted run of this stack (a killed or cancelled `pulumi up` whose create " +
      "reached the server). Check who owns it first; if it is yours to manage, set `adopt: true` on this " +
      "resource and run `pulumi up` again. Otherwise choose another name.",
  );
}

/**
 * Creates an object under the ownership rule: orgplane changes an object only when this resource created it in
 * this operation, holds it in its state, or the user set `adopt`. The existence check runs before the write and
 * its answer is remembered, so after an ambiguous failure an object found under the natural key is this write's
 * own only when the key was free before it; an object that was there already is never taken without `adopt`.
 */
export async function createOwned<Found, Result>(spec: OwnedCreate<Found, Result>): Promise<Result> {
  const before = await (spec.before ?? spec.find)();
  if (before !== undefined) {
    if (spec.adopt) return spec.takeOver(before, "adopted");
    throw notOwned(spec.resource, spec.describe(before));
  }
  try {
    return await spec.write();
  } catch (e) {
    if (isAmbiguousFailure(e)) {
      const after = await spec.find().catch((lookup: unknown) => {
        throw new OrgplaneError(
          `${(e as Error).message}. Whether ${spec.resource} was created is unknown: looking it up failed too ` +
            `(${(lookup as Error).message}). Run \`pulumi up\` again; if it then reports the object as existing, ` +
            "it was made by this run: set `adopt: true` to take it over.",
        );
      });
      // The key was free before this write: what holds it now is this write's own object.
      return after !== undefined ? spec.takeOver(after, "recovered") : spec.write();
    }
    if (spec.isDuplicate?.(e)) {
      // Another owner took the key between the check and the write.
      const now = await spec.find();
      if (now !== undefined && spec.adopt) return spec.takeOver(now, "adopted");
      if (now !== undefined) throw notOwned(spec.resource, spec.describe(now));
    }
    throw e;
  }
}
