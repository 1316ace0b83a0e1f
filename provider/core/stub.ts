import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The provider object Pulumi serializes into state. It holds two strings and loads the real provider by package
 * name inside the provider process, so state never carries orgplane's code and upgrades need no re-serialize.
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
