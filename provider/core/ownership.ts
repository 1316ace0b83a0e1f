import { ApiError, OrgplaneError, withHint } from "./errors";

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
  /** Takes over an object the user adopted. */
  takeOver(found: Found): Promise<Result>;
  /**
   * The write was refused because the natural key is taken (a 409, a duplicate error code...); "maybe" where the
   * API documents no such refusal (the key is then looked up, and the API's error stands if it is free).
   */
  isDuplicate?(e: unknown): boolean | "maybe";
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
 * The refusal when an object holds the key after an ambiguous failure of the write: it may be this write's own,
 * whose reply was lost, or another owner's, made since the check. No API here lets orgplane tell them apart.
 */
function notOwnedAfter(failure: Error, resource: string, found: string): OrgplaneError {
  return new OrgplaneError(
    `${failure.message}. Whether this create reached the server is unknown, and ${resource} now exists ` +
      `(${found}): it may be this create's own (its reply was lost) or another owner's, made meanwhile, and ` +
      "nothing here tells them apart, so orgplane leaves it alone and this resource does not own it. Check who " +
      "made it; if it is yours to manage, set `adopt: true` on this resource and run `pulumi up` again. " +
      "Otherwise choose another name.",
  );
}

/**
 * Creates an object under the ownership rule: orgplane changes an object only when this resource created it in
 * this operation, holds it in its state, or the user set `adopt`. The existence check runs before the write; an
 * object that holds the key is refused (or adopted). After an ambiguous failure of the write, the key is looked
 * up again: still free, the write is made again; held, it is refused, since this create cannot prove the object
 * is the one it made.
 */
export async function createOwned<Found, Result>(spec: OwnedCreate<Found, Result>): Promise<Result> {
  const before = await (spec.before ?? spec.find)();
  if (before !== undefined) {
    if (spec.adopt) return spec.takeOver(before);
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
            "it may be this run's own or another owner's: check who made it, and if it is yours set `adopt: true`.",
        );
      });
      if (after === undefined) return spec.write();
      throw notOwnedAfter(e as Error, spec.resource, spec.describe(after));
    }
    const duplicate = spec.isDuplicate?.(e);
    if (duplicate) {
      // Another owner took the key between the check and the write.
      const now = await spec.find();
      if (now !== undefined && spec.adopt) return spec.takeOver(now);
      if (now !== undefined) throw notOwned(spec.resource, spec.describe(now));
      if (duplicate === "maybe") throw e;
      const hint =
        `the key of ${spec.resource} is taken, but looking it up finds no object: the API may compare it ` +
        "without case, or its holder is not visible to this connection (another org or tenant). Choose another " +
        "name (adopt: true cannot take over what it cannot find).";
      throw e instanceof ApiError ? withHint(e, hint) : new OrgplaneError(`${(e as Error).message}. ${hint}`);
    }
    throw e;
  }
}
