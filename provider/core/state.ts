import { InputSpec } from "./diff";
import { OrgplaneError } from "./errors";

type State = Record<string, unknown>;

/**
 * The state key that holds the version of the schema that wrote a state. State without it was written by
 * orgplane 0.2.0 or before: version 1, the first shape.
 */
export const SCHEMA_VERSION = "__schemaVersion";

/** The schema version a kind writes today: one more than the steps that lead up to it. */
export const schemaVersionOf = (spec: InputSpec): number => spec.upgrades.length + 1;

/** State stamped with the kind's current schema version. */
export const withSchemaVersion = (spec: InputSpec, state: State): State => ({
  ...state,
  [SCHEMA_VERSION]: schemaVersionOf(spec),
});

/**
 * State brought up to the kind's current schema, as Terraform's UpgradeState does: each step from the version
 * that wrote it runs in turn. State from a newer orgplane is refused: this one cannot know its shape.
 */
export function upgradeState(spec: InputSpec, state: State): State {
  const current = schemaVersionOf(spec);
  const written = state[SCHEMA_VERSION] === undefined ? 1 : Number(state[SCHEMA_VERSION]);
  if (!Number.isInteger(written) || written < 1 || written > current) {
    throw new OrgplaneError(
      `this state was written with schema version ${String(state[SCHEMA_VERSION])}, and this orgplane knows ` +
        `versions 1 to ${current}: install the orgplane release that wrote it, or a later one`,
    );
  }
  let upgraded = state;
  for (const step of spec.upgrades.slice(written - 1)) upgraded = step(upgraded);
  return withSchemaVersion(spec, upgraded);
}
