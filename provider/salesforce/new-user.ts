import { AssignmentPlan, JoinRow, joinRows } from "./assignments";
import { SalesforceClient, SObjectRecord } from "./client";
import { COMPOSITE_LIMIT, queryUrl, reference, Subrequest } from "./composite";
import { loginQuery } from "./lookups";

const NEW_USER = "newUser";
const LOGIN = "login";

/** A join row as a Composite subrequest: its type goes in the url. */
function insertRow(version: string, { attributes, ...fields }: JoinRow, i: number): Subrequest {
  return {
    method: "POST",
    url: `/services/data/v${version}/sobjects/${attributes.type}`,
    referenceId: `assign${i}`,
    body: fields,
  };
}

/** Freezing goes through the new user's UserLogin row, found by a query in the same call. */
const freeze = (version: string): Subrequest[] => [
  { method: "GET", url: queryUrl(version, loginQuery(reference(NEW_USER, "id"))), referenceId: LOGIN },
  {
    method: "PATCH",
    url: `/services/data/v${version}/sobjects/UserLogin/${reference(LOGIN, "records[0].Id")}`,
    referenceId: "freeze",
    body: { IsFrozen: true },
  },
];

/**
 * The write of a new user: one Composite call inserts the user, its assignments and (when asked) its freeze,
 * all or none, so a refused assignment leaves no user behind. Composite takes 25 subrequests: the assignments
 * past them (more than 24, or 22 with a freeze) are inserted after the call, by `overflow`.
 */
export function newUserWrite(
  client: SalesforceClient,
  body: SObjectRecord,
  plans: AssignmentPlan[],
  frozen: boolean,
) {
  const { version } = client;
  const first: Subrequest[] = [
    { method: "POST", url: `/services/data/v${version}/sobjects/User`, referenceId: NEW_USER, body },
    ...(frozen ? freeze(version) : []),
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
