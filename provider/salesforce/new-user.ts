import { AssignmentPlan, JoinRow, joinRows } from "./assignments";
import { SalesforceClient, SObjectRecord } from "./client";
import { COMPOSITE_LIMIT, reference, Subrequest } from "./composite";

const NEW_USER = "newUser";

/** A join row as a Composite subrequest: its type goes in the url. */
function insertRow(version: string, { attributes, ...fields }: JoinRow, i: number): Subrequest {
  return {
    method: "POST",
    url: `/services/data/v${version}/sobjects/${attributes.type}`,
    referenceId: `assign${i}`,
    body: fields,
  };
}

/**
 * The write of a new user: one Composite call inserts the user and its assignments, all or none, so a refused
 * assignment leaves no user behind. Composite takes 25 subrequests: the assignments past them (more than 24)
 * are inserted after the call, by `overflow`. A freeze is not in the call: whether Salesforce shows a new
 * user's UserLogin row before the call commits is unverified, so the freeze follows it.
 */
export function newUserWrite(client: SalesforceClient, body: SObjectRecord, plans: AssignmentPlan[]) {
  const { version } = client;
  const first: Subrequest[] = [
    { method: "POST", url: `/services/data/v${version}/sobjects/User`, referenceId: NEW_USER, body },
  ];
  const rows = joinRows(reference(NEW_USER, "id"), plans);
  const fitting = COMPOSITE_LIMIT - first.length;
  const subrequests = [...first, ...rows.slice(0, fitting).map((row, i) => insertRow(version, row, i))];
  return {
    /** The call; answers the new user's id. */
    insert: async () => String(((await client.composite(subrequests))[NEW_USER] as { id: string }).id),
    /** The assignment rows that did not fit in the call, for the user once it exists. */
    overflow: (userId: string) => joinRows(userId, plans).slice(fitting),
  };
}
