import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { RunningEmulators } from "../../emulators";
import type { InputSpec } from "../../provider/core/diff";
import type { KindFixture } from "../kinds/types";

/** The kind's provider object: `providers.<Kind>` of provider/<backend>/provider, as the stub loads it. */
export function providerOf(fixture: KindFixture): dynamic.ResourceProvider {
  const kindName = fixture.kind.split(".").pop()!;
  const provider = require(`../../provider/${fixture.backend}/provider`).providers?.[kindName];
  if (!provider) throw new Error(`provider/${fixture.backend}/provider has no providers.${kindName}`);
  return provider;
}

const isSpec = (value: unknown): value is InputSpec =>
  !!value && typeof value === "object" && "schema" in value && "fields" in value && "keys" in value;

/** The fixture's spec, else the one spec in provider/<backend>/schema that accepts the fixture's inputs. */
export function specOf(fixture: KindFixture, emus: RunningEmulators): InputSpec {
  if (fixture.spec) return fixture.spec;
  const inputs = fixture.inputs(emus, 0);
  const candidates = Object.values(require(`../../provider/${fixture.backend}/schema`)).filter(isSpec);
  const matching = candidates.filter((spec) => spec.schema.safeParse(inputs).success);
  if (matching.length !== 1) {
    throw new Error(
      `${fixture.kind}: ${matching.length} input specs accept its inputs; set \`spec\` on the fixture`,
    );
  }
  return matching[0];
}

/** The error a create fails with, or undefined (what it created is deleted again). */
export async function createError(
  provider: dynamic.ResourceProvider,
  inputs: Record<string, unknown>,
): Promise<Error | undefined> {
  try {
    const created = await provider.create(inputs);
    await provider.delete!(created.id, created.outs);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** A fixture's inputs without the `connection` input: calls resolve it from the environment, as in programs. */
export function inputsOf(fixture: KindFixture, emus: RunningEmulators, i: number, variant = 0) {
  const { connection: _connection, ...inputs } = fixture.inputs(emus, i, variant);
  return inputs;
}
