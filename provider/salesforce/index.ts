export { User } from "./User";
export type { UserArgs, UserOutputs } from "./types.generated";
export {
  getProfiles,
  getRoles,
  getPermissionSets,
  getPublicGroups,
  getPermissionSetLicenses,
  getFeatureLicenses,
  getPicklistValues,
  searchUsers,
  getUser,
  getUserLeads,
  getRecordAttachments,
  downloadAttachment,
} from "./functions";
export { request, transferLeads } from "./actions";
export type { UserDetails, AttachmentInfo, NamedId, LookupOptions } from "./functions";
export type { SalesforceConnection } from "./types.generated";
export {
  getProfilesOutput,
  getRolesOutput,
  getPermissionSetsOutput,
  getPublicGroupsOutput,
  getPermissionSetLicensesOutput,
  getFeatureLicensesOutput,
  getPicklistValuesOutput,
  getUserOutput,
  getUserLeadsOutput,
  getRecordAttachmentsOutput,
} from "./functions";
