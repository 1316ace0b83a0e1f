// What backends (and the tests of core) use from core; other helpers stay internal to core.
export { formatPath, failurePath, checkWithSchema } from "./check";
export { UNKNOWN, containsUnknown } from "./unknown";
export { resolveConnection, fromEnv, connectionText, connectionUrl, backendConnection } from "./connection";
export { inputSpec, toState, canonical, diffWithSchema } from "./diff";
export type { InputSpec } from "./diff";
export { ApiError, withHint, isApiError, OrgplaneError } from "./errors";
export { retryClock, retryDelayMs, HttpClient } from "./http";
export type { RequestOptions, HttpResponse } from "./http";
export { LookupCache, SharedReads } from "./lookups";
export { PartialCreateError, outputsOf, specOf, schemaProvider } from "./provider";
export type { State, ResourceOperations } from "./provider";
export { registerSecret, redact } from "./redact";
export {
  field,
  secret,
  localOnly,
  naturalKey,
  replaceOnChange,
  createOnly,
  kindInputsWith,
  getPath,
  topLevelKeys,
} from "./schema";
export {
  exactlyOneOf,
  exactlyOneOfBlaming,
  conflictsWith,
  requiredWith,
  requiredWhen,
  onlyWhen,
  uniqueItems,
  signInWith,
  signInFlows,
  ruleThat,
  withRules,
} from "./rules";
export { credentialKey, SessionPool } from "./session";
export type { Session, Login } from "./session";
export { providerStub } from "./stub";
export { createOwned } from "./ownership";
export { inputsTable } from "./docs";
export { withInputTables } from "./readme";
export { nameText, segmentText, baseUrl, pathSegment, timeZoneId } from "./validators";
export { SFDX_AUTH_URL, parseSfdxAuthUrl, sfdxAuthUrlUser } from "./sfdx";
export { outputForm } from "./invoke";
export { withLock } from "./lock";
export { defined, lower, noTrailingSlash } from "./values";
export { clientFactory } from "./client";
