import { Backend } from "../inventory";
import { listBiot } from "./biot";
import { listCommvault } from "./commvault";
import { listIics } from "./iics";
import { listSalesforce } from "./salesforce";
import { listSfp } from "./sfp";
import { Lister } from "./types";

export type { ListOptions, Lister } from "./types";

export const LISTERS: Record<Backend, Lister> = {
  sfp: listSfp,
  commvault: listCommvault,
  salesforce: listSalesforce,
  biot: listBiot,
  iics: listIics,
};
