import { kindClass } from "../core/kind";
import { userSpec as spec } from "./schema";
import type { UserArgs, UserOutputs } from "./types.generated";

const kind = { backend: "salesforce", type: "User", spec };

/**
 * A Salesforce user with its permission sets, public groups, licences and freeze state. The id is the User
 * id; a username change updates in place. Delete deactivates (users cannot be deleted). See
 * provider/salesforce/README.md.
 */
export const User = kindClass<UserArgs, UserOutputs>(kind);
export type User = InstanceType<typeof User>;
