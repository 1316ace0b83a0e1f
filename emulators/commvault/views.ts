import {
  AccessNode,
  CLIENT_GROUP_TYPE,
  CLIENT_TYPE,
  CLOUD_APPS_ID,
  ClientGroup,
  CommvaultState,
  Company,
  Plan,
  SALESFORCE_INSTANCE_TYPE,
  SalesforceOrg,
  Server,
} from "./state";

/** The JSON shapes the API answers with (notes §3.3, §5). Secrets are never echoed. */

export const cvError = (errorMessage: string, errorCode: number) => ({ errorMessage, errorCode });

const companyInfo = (state: CommvaultState, companyId: number) => {
  const company = state.companyById(companyId);
  return { companyId, companyName: company?.connectName ?? "Commcell" };
};

/** Activity switches as GET /Client/{id} reports them (cvpysdk `Client._get_client_properties`). INVENTED: all on. */
const activities = {
  activityControl: { EnableDataRecovery: true, EnableDataManagement: true, EnableOnlineContentIndex: false },
  // Activity types 1 backup, 2 restore, 16 data aging (cvpysdk `Client._request_json`).
  clientActivityControl: {
    activityControlOptions: [1, 2, 16].map((activityType) => ({ activityType, enableActivityType: true })),
  },
};

/** What a client reports about its machine (cvpysdk reads these on every `clients.get`). */
function machine() {
  return {
    // INVENTED: the values; the keys are the ones cvpysdk reads. A pseudo-client reports the CommServe's OS.
    osInfo: {
      Type: "Unix",
      SubType: "Linux",
      OsDisplayInfo: { OSName: "Red Hat Enterprise Linux 9", ProcessorType: "x64" },
    },
    cvdPort: 8400,
    TimeZone: { TimeZoneName: "(UTC) Coordinated Universal Time", TimeZoneID: 0 },
    versionInfo: { version: "ServicePack:44.0", GalaxyRelease: { ReleaseString: "11.44" } },
  };
}

export function clientView(state: CommvaultState, client: Server | SalesforceOrg) {
  const isOrg = "instanceId" in client;
  return {
    client: {
      ...machine(),
      clientEntity: {
        clientId: client.clientId,
        clientName: client.clientName,
        displayName: client.clientName,
        hostName: isOrg ? "" : client.hostName,
        clientGUID: client.clientGUID,
        _type_: CLIENT_TYPE,
      },
    },
    clientProps: {
      IsVirtualClient: isOrg,
      isDeconfiguredClient: isOrg && client.retired,
      EnableSnapBackups: false,
      ...activities,
      ...(isOrg ? { cloudAppsInstanceType: SALESFORCE_INSTANCE_TYPE, pseudoClientType: "CloudApps" } : {}),
    },
    entityInfo: companyInfo(state, client.companyId),
  };
}

/** A member server entry, as stored in generalCloudProperties.accessNodes.memberServers. */
export const memberServer = (node: AccessNode) => ({
  client:
    node.type === CLIENT_GROUP_TYPE
      ? { clientGroupId: node.id, clientGroupName: node.name, _type_: CLIENT_GROUP_TYPE }
      : { clientId: node.id, clientName: node.name, _type_: CLIENT_TYPE },
});

export function instanceView(org: SalesforceOrg, proxyServers = false) {
  return {
    instance: {
      clientId: org.clientId,
      clientName: org.clientName,
      instanceId: org.instanceId,
      instanceName: org.instanceName,
      appName: "Cloud Apps",
      applicationId: CLOUD_APPS_ID,
    },
    planEntity: { planId: org.planId, planName: org.planName },
    // cvpysdk `Instance._get_instance_properties` reads it; INVENTED: the values.
    instanceActivityControl: {
      activityControlOptions: [1, 2].map((activityType) => ({ activityType, enableActivityType: true })),
    },
    cloudAppsInstance: {
      instanceType: SALESFORCE_INSTANCE_TYPE,
      // Where environment and authentication live is not documented (inference: beside the endpoint).
      salesforceInstance: {
        endpoint: org.account.endpoint,
        consumerId: org.account.consumerId,
        environmentType: org.account.environmentType,
        authenticationType: org.account.authenticationType,
        useResourcePoolInfo: org.useResourcePoolInfo,
      },
      generalCloudProperties: {
        numberOfBackupStreams: org.content.noOfBackupStreams,
        // Flat proxyServers items instead of memberServers: on demand, and for clients made by /pseudoClient.
        ...(proxyServers || org.proxyServers
          ? { proxyServers: org.accessNodes.map((node) => memberServer(node).client) }
          : { accessNodes: { memberServers: org.accessNodes.map(memberServer) } }),
      },
    },
  };
}

export function backupsetView(org: SalesforceOrg) {
  const db = org.syncDatabase;
  return {
    backupSetEntity: {
      clientId: org.clientId,
      clientName: org.clientName,
      instanceId: org.instanceId,
      instanceName: org.instanceName,
      backupsetId: org.backupsetId,
      backupsetName: org.backupsetName,
      appName: "Cloud Apps",
      applicationId: CLOUD_APPS_ID,
      _type_: 6,
    },
    // cvpysdk reads isDefaultBackupSet (`backupset.py`); an org has one backup set, its default.
    commonBackupSet: { isDefaultBackupSet: true, onDemandBackupset: false },
    planEntity: { planId: org.planId, planName: org.planName },
    cloudAppsBackupset: {
      // Content settings sit on the backup set here (inference: Modify sets them, no read path is documented).
      salesforceBackupSet: {
        downloadCachePath: org.downloadCachePath,
        userPassword: { userName: org.account.userName },
        backupFileObjects: org.content.backupFileObjects,
        backupArchivedandDeletedRecs: org.content.backupArchivedandDeletedRecs,
        backupSFMetadata: org.content.backupSFMetadata,
        filesPerBackup: org.content.filesPerBackup,
        ignoreObjs: org.content.ignoreObjs,
        ...(db
          ? {
              syncDatabase: {
                dbEnabled: db.dbEnabled,
                dbType: db.dbType,
                dbHost: db.dbHost,
                dbPort: db.dbPort,
                dbName: db.dbName,
                dbInstance: db.dbInstance,
                dbUserPassword: { userName: db.userName },
              },
            }
          : {}),
      },
    },
  };
}

export const salesforceListItem = (org: SalesforceOrg) => ({
  sfSubclient: {
    clientId: org.clientId,
    clientName: org.clientName,
    instanceId: org.instanceId,
    backupsetId: org.backupsetId,
    backupsetName: org.backupsetName,
    subclientId: org.subclientId,
  },
  endPoint: org.account.endpoint,
  backupTime: 0,
});

export const planView = (plan: Plan) => ({ plan: { planId: plan.planId, planName: plan.planName } });
export const planDetail = (plan: Plan) => ({
  plan: { summary: { plan: { planId: plan.planId, planName: plan.planName }, subtype: 33554437 } },
});

/** A `GET /ClientGroup` item: cvpysdk reads `name` and `Id` (`clientgroup.py` `_get_clientgroups`). */
export const groupView = (group: ClientGroup) => ({
  name: group.clientGroupName,
  Id: group.clientGroupId,
  clientGroup: { clientGroupId: group.clientGroupId, clientGroupName: group.clientGroupName },
});
export function groupDetail(state: CommvaultState, group: ClientGroup) {
  return {
    clientGroupDetail: {
      clientGroup: groupView(group).clientGroup,
      associatedClients: group.clientIds
        .map((id) => state.serverById(id))
        .filter((s): s is Server => !!s)
        .map((s) => ({ clientId: s.clientId, clientName: s.clientName })),
    },
  };
}

/** A `GET /Organization` provider: cvpysdk reads `providerGUID` too (`organization.py` `_get_organizations`). */
export const companyView = (company: Company) => ({
  providerGUID: company.guid,
  shortName: { id: company.id, domainName: company.domainName },
  connectName: company.connectName,
});
