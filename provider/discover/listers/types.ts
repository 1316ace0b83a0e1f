import { Discovered, Progress } from "../inventory";

/** The filters and choices a listing takes. */
export interface ListOptions {
  /** Commvault access nodes as AccessNodeBinding resources (default) or inline in the organization. */
  accessNodes: "bindings" | "inline";
  /** Salesforce user filters; all given ones apply. */
  users: { activeOnly?: boolean; profile?: string; domain?: string; where?: string };
}

/** Lists one backend's objects, one login for the whole listing (the backend client's session pool). */
export type Lister = (options: ListOptions, progress: Progress) => Promise<Discovered[]>;

/** The entries with a value (neither undefined nor null): the code shows only what was read. */
export const present = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
