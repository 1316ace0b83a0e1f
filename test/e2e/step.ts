/** Runs one step of a test; a failure names the step. */
export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const error = e as Error;
    const message = `step "${name}": ${error.message}`;
    if (error.stack) error.stack = error.stack.replace(error.message, message);
    error.message = message;
    throw error;
  }
}
