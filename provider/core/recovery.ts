import { ApiError } from "./errors";

/** A failure after which the write may or may not have been applied: the connection dropped or a gateway failed. */
export function isAmbiguousFailure(e: unknown): boolean {
  return (
    e instanceof ApiError && (e.status === 0 || e.status === 500 || e.status === 502 || e.status === 504)
  );
}

/**
 * Creates an object so that a dropped reply never leaves a duplicate or an orphan: when the outcome of the write
 * is unknown, the object is looked up by its natural key first, and written again only when it is not there.
 */
export async function createOnce<T>(
  write: () => Promise<T>,
  findByNaturalKey: () => Promise<T | undefined>,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!isAmbiguousFailure(e)) throw e;
    const found = await findByNaturalKey();
    return found ?? (await write());
  }
}
