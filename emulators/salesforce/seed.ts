import type { SalesforceOrg, SalesforceState } from "./state";

/** What every new emulated org starts with: licences, standard profiles, a role tree, permission sets, groups. */
const LICENSES = [
  { Name: "Salesforce", LicenseDefinitionKey: "SFDC", TotalLicenses: 20 },
  { Name: "Salesforce Platform", LicenseDefinitionKey: "AUL", TotalLicenses: 10 },
  { Name: "Chatter Free", LicenseDefinitionKey: "PID_Chatter", TotalLicenses: 50 },
];

const PROFILES: [string, string][] = [
  ["System Administrator", "Salesforce"],
  ["Standard User", "Salesforce"],
  ["Read Only", "Salesforce"],
  ["Marketing User", "Salesforce"],
  ["Contract Manager", "Salesforce"],
  ["Solution Manager", "Salesforce"],
  ["Standard Platform User", "Salesforce Platform"],
  ["Chatter Free User", "Chatter Free"],
];

/** [Name, DeveloperName, parent DeveloperName] */
const ROLES: [string, string, string | null][] = [
  ["CEO", "CEO", null],
  ["VP, Sales", "VPSales", "CEO"],
  ["Sales Manager", "SalesManager", "VPSales"],
  ["Sales Rep", "SalesRep", "SalesManager"],
  ["VP, Engineering", "VPEngineering", "CEO"],
  ["Engineer", "Engineer", "VPEngineering"],
];

/** [Name, Label, PermissionSetLicense DeveloperName] */
const PERMISSION_SETS: [string, string, string | null][] = [
  ["Sales_Ops", "Sales Ops", null],
  ["Support_Agent", "Support Agent", null],
  ["API_Only_Access", "API Only Access", null],
  ["Reports_Builder", "Reports Builder", null],
  ["CRM_Analytics_Viewer", "CRM Analytics Viewer", "EinsteinAnalyticsPlusPsl"],
];

/** [Name, DeveloperName, Type] */
const GROUPS: [string, string, string][] = [
  ["Engineering", "Engineering", "Regular"],
  ["Sales Team", "Sales_Team", "Regular"],
  ["Support Team", "Support_Team", "Regular"],
  ["All Internal Users", "AllInternalUsers", "Organization"],
  ["Lead Queue", "Lead_Queue", "Queue"],
];

const PERMISSION_SET_LICENSES: [string, string, number][] = [
  ["EinsteinAnalyticsPlusPsl", "CRM Analytics Plus", 5],
  ["SalesConsoleUserPsl", "Sales Console User", 10],
  ["IdentityConnect", "Identity Connect", 2],
];

export function seedOrgMetadata(state: SalesforceState, org: SalesforceOrg) {
  const licenseId = new Map<string, string>();
  for (const license of LICENSES) {
    const row = state.insert(org, "UserLicense", { ...license, Status: "Active" });
    licenseId.set(license.Name, row.Id as string);
  }
  const profileId = new Map<string, string>();
  for (const [name, license] of PROFILES) {
    const row = state.insert(org, "Profile", {
      Name: name,
      UserLicenseId: licenseId.get(license),
      UserType: "Standard",
    });
    profileId.set(name, row.Id as string);
    // Each profile owns a hidden permission set; user-facing lists must leave these out.
    state.insert(org, "PermissionSet", {
      Name: `X00e${(row.Id as string).slice(3, 15)}`,
      Label: `${name} profile permissions`,
      IsOwnedByProfile: true,
      ProfileId: row.Id,
    });
  }
  const roleId = new Map<string, string>();
  for (const [name, developerName, parent] of ROLES) {
    const row = state.insert(org, "UserRole", {
      Name: name,
      DeveloperName: developerName,
      ParentRoleId: parent ? roleId.get(parent) : null,
    });
    roleId.set(developerName, row.Id as string);
  }
  const pslId = new Map<string, string>();
  for (const [developerName, label, total] of PERMISSION_SET_LICENSES) {
    const row = state.insert(org, "PermissionSetLicense", {
      DeveloperName: developerName,
      MasterLabel: label,
      TotalLicenses: total,
      Status: "Active",
      ExpirationDate: null,
    });
    pslId.set(developerName, row.Id as string);
  }
  for (const [name, label, psl] of PERMISSION_SETS) {
    state.insert(org, "PermissionSet", {
      Name: name,
      Label: label,
      IsOwnedByProfile: false,
      ProfileId: null,
      LicenseId: psl ? pslId.get(psl) : null,
    });
  }
  for (const [name, developerName, type] of GROUPS) {
    state.insert(org, "Group", {
      Name: name,
      DeveloperName: developerName,
      Type: type,
      DoesIncludeBosses: true,
    });
  }
  return {
    adminDefaults: {
      ProfileId: profileId.get("System Administrator"),
      UserRoleId: roleId.get("CEO"),
      TimeZoneSidKey: "America/Los_Angeles",
      LocaleSidKey: "en_US",
      EmailEncodingKey: "UTF-8",
      LanguageLocaleKey: "en_US",
      UserType: "Standard",
    },
  };
}
