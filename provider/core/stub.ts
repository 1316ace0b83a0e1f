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
  return {
    check: (...a) => p().check(...a),
    diff: (...a) => p().diff(...a),
    create: (...a) => p().create(...a),
    read: (...a) => p().read(...a),
    update: (...a) => p().update(...a),
    delete: (...a) => p().delete(...a),
  };
}
