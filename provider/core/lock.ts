/** Per-key mutual exclusion inside one provider process (the engine runs resources in parallel). */
const tails = new Map<string, Promise<void>>();

/** Runs `work` after every earlier holder of `key` has finished, whether it failed or not. */
export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const mine = previous.then(() => done);
  tails.set(key, mine);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === mine) tails.delete(key);
  }
}
