// What backends and discover use from core; other helpers stay internal to core (its tests import the modules).
export { failurePath } from "./check";
export { UNKNOWN } from "./unknown";
export { resolveConnection, fromEnv, connectionText, connectionUrl, backendConnection } from "./connection";
export { inputSpec, canonical } from "./diff";
export { ApiError, withHint, isApiError, OrgplaneError } from "./errors";
export { HttpClient } from "./http";
export type { RequestOptions, HttpResponse } from "./http";
export { LookupCache, SharedReads } from "./lookups";
export { lookupArgsWith } from "./lookup-args";
export { PartialCreateError, outputsOf, schemaProvider } from "./provider";
export type { State, ResourceOperations } from "./provider";
export { registerSecret } from "./redact";
export { field, secret, localOnly, naturalKey, replaceOnChange, createOnly, topLevelKeys } from "./schema";
export {
  exactlyOneOf,
  exactlyOneOfBlaming,
  conflictsWith,
  requiredWhen,
  onlyWhen,
  uniqueItems,
} from "./rules";
export { signInWith, signInFlows, ruleThat, withRules } from "./rules";
export { credentialKey, SessionPool } from "./session";
export type { Session } from "./session";
export { createOwned } from "./ownership";
export { nameText, segmentText, baseUrl, pathSegment, salesforceUsername, timeZoneId } from "./validators";
export { SFDX_AUTH_URL, parseSfdxAuthUrl, sfdxAuthUrlUser } from "./sfdx";
export { withLock } from "./lock";
export { defined, lower, noTrailingSlash } from "./values";
export { clientFactory } from "./client";
