import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The provider object Pulumi serializes into state. It holds two strings and loads the real provider by package
 * name inside the provider process, so state never carries orgplane's code and upgrades need no re-serialize.
 *
 * Each kind exports its stub as the whole exports of `provider/<backend>/stubs/<Kind>.ts`. When orgplane is
 * installed under node_modules, Pulumi then serializes the stub as `require("orgplane/provider/<backend>/stubs/
 * <Kind>")` (about 300 bytes instead of about 1.9 KB, stored twice per resource: less state for the engine to
 * write after every step); anywhere else it serializes the stub itself, which works the same.
 */
export function providerStub(modulePath: string, kind: string): dynamic.ResourceProvider {
  const p = () => require(modulePath).providers[kind];
  const call =
    (method: keyof dynamic.ResourceProvider) =>
    (...a: unknown[]) =>
      Promise.resolve()
        .then(() => p()[method](...a))
        .catch(forHost);
  return {
    check: call("check"),
    diff: call("diff"),
    create: call("create"),
    read: call("read"),
    update: call("update"),
    delete: call("delete"),
  };
}

/**
 * The host logs what check, diff, read and delete throw as `${e}: ${e.stack}`. An error for the user, whose stack
 * has no frames (core/errors.ts), reads there as "<name>: <message>", once.
 */
function forHost(e: unknown): never {
  if (e instanceof Error && e.stack === `${e.name}: ${e.message}`) {
    Object.defineProperty(e, "toString", { value: () => e.name, configurable: true });
    Object.defineProperty(e, "stack", { value: e.message, configurable: true, writable: true });
  }
  throw e;
}
