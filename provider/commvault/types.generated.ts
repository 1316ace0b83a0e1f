// Generated from provider/commvault/schema.ts by scripts/gen-types.js (npm run build). Do not edit.

import type * as pulumi from "@pulumi/pulumi";

/** The inputs of an Organization. */
export interface OrganizationArgs {
  /** The organization's name, which is also its client name. The natural key. */
  organizationName: pulumi.Input<string>;
  /** The plan, `{planName}` or `{planId}`. */
  plan: pulumi.Input<{
    /** The plan's id. */
    planId?: pulumi.Input<number>;
    /** The plan's name (case-insensitive). */
    planName?: pulumi.Input<string>;
  }>;
  /**
   * The owning company, `{companyId}` or `{companyName}`. Defaults to the CommCell (companyId 0).
   *
   * @default {"companyId":0}
   */
  company?: pulumi.Input<{
    /** 0 is the CommCell itself. */
    companyId?: pulumi.Input<number>;
    /** The company's name (case-insensitive). */
    companyName?: pulumi.Input<string>;
    /** The company's CommCell, in a multi-CommCell setup. */
    multiCommcellId?: pulumi.Input<number>;
  }>;
  /**
   * The whole access-node list. When set, the organization owns it; when unset, AccessNodeBindings own it.
   */
  accessNodes?: pulumi.Input<
    pulumi.Input<{
      /** A server's client id. */
      clientId?: pulumi.Input<number>;
      /** A server's client name (case-insensitive). */
      clientName?: pulumi.Input<string>;
      /** A server group's id. */
      clientGroupId?: pulumi.Input<number>;
      /** A server group's name (case-insensitive). */
      clientGroupName?: pulumi.Input<string>;
    }>[]
  >;
  /** The Salesforce org to back up, and how Commvault logs in to it. */
  salesforceAccount: pulumi.Input<{
    /**
     * The kind of Salesforce org.
     *
     * @default "production"
     */
    environment?: pulumi.Input<"production" | "sandbox">;
    /**
     * `password` for unattended use; `oauth` also needs the interactive login in Command Center.
     */
    authentication: pulumi.Input<"oauth" | "password">;
    /** The Salesforce user Commvault logs in as. */
    userName: pulumi.Input<string>;
    /** The Salesforce user's password, plain text. Write-only: state keeps a hash. */
    password: pulumi.Input<string>;
    /** The connected app's consumer key. */
    consumerId: pulumi.Input<string>;
    /** The connected app's consumer secret, plain text. Write-only. */
    consumerSecret: pulumi.Input<string>;
    /** The Salesforce user's security token. Write-only. */
    token?: pulumi.Input<string>;
    /**
     * The login host. Defaults to https://login.salesforce.com, or https://test.salesforce.com for a sandbox.
     */
    endpoint?: pulumi.Input<string>;
  }>;
  /** A directory on the access nodes for downloads. */
  downloadCachePath: pulumi.Input<string>;
  /**
   * The sync database. Removing the block leaves the server's setting alone; set enabled: false to stop.
   */
  syncDatabase?: pulumi.Input<{
    /**
     * Whether Commvault syncs to the database.
     *
     * @default true
     */
    enabled?: pulumi.Input<boolean>;
    /**
     * The database engine.
     *
     * @default "postgresql"
     */
    type?: pulumi.Input<"sqlserver" | "postgresql">;
    /** The database host. */
    host: pulumi.Input<string>;
    /** The database port. */
    port: pulumi.Input<number>;
    /** The database name. */
    name: pulumi.Input<string>;
    /** The database user. */
    userName: pulumi.Input<string>;
    /** The database user's password, plain text. Write-only. */
    password: pulumi.Input<string>;
    /** The SQL Server instance. */
    instance?: pulumi.Input<string>;
  }>;
  /**
   * Use the resource pool linked with the plan.
   *
   * @default false
   */
  useResourcePoolInfo?: pulumi.Input<boolean>;
  /** Back up files (Modify only). */
  backupFileObjects?: pulumi.Input<boolean>;
  /** Back up archived and deleted records (Modify only). */
  backupArchivedAndDeletedRecords?: pulumi.Input<boolean>;
  /** Back up Salesforce metadata (Modify only). */
  backupMetadata?: pulumi.Input<boolean>;
  /** The file download limit (Modify only). */
  filesPerBackup?: pulumi.Input<number>;
  /** The number of backup streams (Modify only). */
  backupStreams?: pulumi.Input<number>;
  /** Salesforce objects to leave out of backups (Modify only). */
  excludedObjects?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * `retire` (default) keeps backup data until retention ends; `forceDelete` destroys it.
   *
   * @default "retire"
   */
  deletionPolicy?: pulumi.Input<"retire" | "forceDelete">;
  /**
   * Take over an existing organization with the same name instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /** Where and as whom to call Commvault. Defaults to the COMMVAULT_* environment variables. */
  connection?: pulumi.Input<{
    /** The web service root, e.g. https://cv.example.com/commandcenter/api. */
    url: pulumi.Input<string>;
    /** A Commvault user, for POST /Login. */
    username?: pulumi.Input<string>;
    /** That user's password in plain text; orgplane sends it Base64 encoded. */
    password?: pulumi.Input<string>;
    /** An access token (API key) or a QSDK login token, sent in `Authtoken`. Wins over username. */
    token?: pulumi.Input<string>;
  }>;
}

/** The outputs of an Organization: every input but the credentials, and what the API reports. */
export interface OrganizationOutputs {
  /** The organization's name, which is also its client name. The natural key. */
  readonly organizationName: pulumi.Output<string>;
  /** The plan, `{planName}` or `{planId}`. */
  readonly plan: pulumi.Output<{
    /** The plan's id. */
    planId?: number;
    /** The plan's name (case-insensitive). */
    planName?: string;
  }>;
  /**
   * The owning company, `{companyId}` or `{companyName}`. Defaults to the CommCell (companyId 0).
   */
  readonly company: pulumi.Output<{
    /** 0 is the CommCell itself. */
    companyId?: number;
    /** The company's name (case-insensitive). */
    companyName?: string;
    /** The company's CommCell, in a multi-CommCell setup. */
    multiCommcellId?: number;
  }>;
  /**
   * The whole access-node list. When set, the organization owns it; when unset, AccessNodeBindings own it.
   */
  readonly accessNodes: pulumi.Output<
    | {
        /** A server's client id. */
        clientId?: number;
        /** A server's client name (case-insensitive). */
        clientName?: string;
        /** A server group's id. */
        clientGroupId?: number;
        /** A server group's name (case-insensitive). */
        clientGroupName?: string;
      }[]
    | undefined
  >;
  /** The Salesforce org to back up, and how Commvault logs in to it. */
  readonly salesforceAccount: pulumi.Output<{
    /** The kind of Salesforce org. */
    environment: "production" | "sandbox";
    /**
     * `password` for unattended use; `oauth` also needs the interactive login in Command Center.
     */
    authentication: "oauth" | "password";
    /** The Salesforce user Commvault logs in as. */
    userName: string;
    /** The connected app's consumer key. */
    consumerId: string;
    /**
     * The login host. Defaults to https://login.salesforce.com, or https://test.salesforce.com for a sandbox.
     */
    endpoint?: string;
  }>;
  /** A directory on the access nodes for downloads. */
  readonly downloadCachePath: pulumi.Output<string>;
  /**
   * The sync database. Removing the block leaves the server's setting alone; set enabled: false to stop.
   */
  readonly syncDatabase: pulumi.Output<
    | {
        /** Whether Commvault syncs to the database. */
        enabled: boolean;
        /** The database engine. */
        type: "sqlserver" | "postgresql";
        /** The database host. */
        host: string;
        /** The database port. */
        port: number;
        /** The database name. */
        name: string;
        /** The database user. */
        userName: string;
        /** The SQL Server instance. */
        instance?: string;
      }
    | undefined
  >;
  /** Use the resource pool linked with the plan. */
  readonly useResourcePoolInfo: pulumi.Output<boolean>;
  /** Back up files (Modify only). */
  readonly backupFileObjects: pulumi.Output<boolean | undefined>;
  /** Back up archived and deleted records (Modify only). */
  readonly backupArchivedAndDeletedRecords: pulumi.Output<boolean | undefined>;
  /** Back up Salesforce metadata (Modify only). */
  readonly backupMetadata: pulumi.Output<boolean | undefined>;
  /** The file download limit (Modify only). */
  readonly filesPerBackup: pulumi.Output<number | undefined>;
  /** The number of backup streams (Modify only). */
  readonly backupStreams: pulumi.Output<number | undefined>;
  /** Salesforce objects to leave out of backups (Modify only). */
  readonly excludedObjects: pulumi.Output<string[] | undefined>;
  /** `retire` (default) keeps backup data until retention ends; `forceDelete` destroys it. */
  readonly deletionPolicy: pulumi.Output<"retire" | "forceDelete">;
  /** Take over an existing organization with the same name instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
  /** The organization's client id (the resource id is its string form). */
  readonly clientId: pulumi.Output<number>;
  /** The client name: the organization's name as Commvault holds it. */
  readonly clientName: pulumi.Output<string>;
  /** The Cloud Apps instance id. */
  readonly instanceId: pulumi.Output<number>;
  /** The backup set id. */
  readonly backupsetId: pulumi.Output<number>;
  /** The plan's id. */
  readonly planId: pulumi.Output<number>;
  /** The plan's name. */
  readonly planName: pulumi.Output<string>;
  /** The owning company's id (0: the CommCell). */
  readonly companyId: pulumi.Output<number>;
  /** The owning company's name. */
  readonly companyName: pulumi.Output<string | undefined>;
  /** The access nodes as the server holds them, whoever put them there. */
  readonly memberServers: pulumi.Output<AccessNode[]>;
}

/** The inputs of an AccessNodeBinding. */
export interface AccessNodeBindingArgs {
  /** The organization's clientId, usually `org.id`. */
  organizationId: pulumi.Input<string>;
  /** A server: `{clientName}` or `{clientId}`. */
  client?: pulumi.Input<{
    /** A server's client id. */
    clientId?: pulumi.Input<number>;
    /** A server's client name (case-insensitive). */
    clientName?: pulumi.Input<string>;
  }>;
  /** A server group: `{clientGroupName}` or `{clientGroupId}`. */
  clientGroup?: pulumi.Input<{
    /** A server group's id. */
    clientGroupId?: pulumi.Input<number>;
    /** A server group's name (case-insensitive). */
    clientGroupName?: pulumi.Input<string>;
  }>;
  /**
   * Take over the node when it is already in the list instead of failing.
   *
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /** Where and as whom to call Commvault. Defaults to the COMMVAULT_* environment variables. */
  connection?: pulumi.Input<{
    /** The web service root, e.g. https://cv.example.com/commandcenter/api. */
    url: pulumi.Input<string>;
    /** A Commvault user, for POST /Login. */
    username?: pulumi.Input<string>;
    /** That user's password in plain text; orgplane sends it Base64 encoded. */
    password?: pulumi.Input<string>;
    /** An access token (API key) or a QSDK login token, sent in `Authtoken`. Wins over username. */
    token?: pulumi.Input<string>;
  }>;
}

/** The outputs of an AccessNodeBinding: every input but the credentials, and what the API reports. */
export interface AccessNodeBindingOutputs {
  /** The organization's clientId, usually `org.id`. */
  readonly organizationId: pulumi.Output<string>;
  /** A server: `{clientName}` or `{clientId}`. */
  readonly client: pulumi.Output<
    | {
        /** A server's client id. */
        clientId?: number;
        /** A server's client name (case-insensitive). */
        clientName?: string;
      }
    | undefined
  >;
  /** A server group: `{clientGroupName}` or `{clientGroupId}`. */
  readonly clientGroup: pulumi.Output<
    | {
        /** A server group's id. */
        clientGroupId?: number;
        /** A server group's name (case-insensitive). */
        clientGroupName?: string;
      }
    | undefined
  >;
  /** Take over the node when it is already in the list instead of failing. */
  readonly adopt: pulumi.Output<boolean>;
  /** Whether the node is a server or a server group. */
  readonly nodeType: pulumi.Output<"client" | "clientGroup">;
  /** The node's client or client group id. */
  readonly nodeId: pulumi.Output<number>;
  /** The node's client or client group name. */
  readonly nodeName: pulumi.Output<string>;
  /** The organization's Cloud Apps instance id. */
  readonly instanceId: pulumi.Output<number>;
  /** The organization's backup set id. */
  readonly backupsetId: pulumi.Output<number>;
}

/** Where and as whom to call the API. */
export interface CommvaultConnection {
  /** The web service root, e.g. https://cv.example.com/commandcenter/api. */
  url: string;
  /** A Commvault user, for POST /Login. */
  username?: string;
  /** That user's password in plain text; orgplane sends it Base64 encoded. */
  password?: string;
  /** An access token (API key) or a QSDK login token, sent in `Authtoken`. Wins over username. */
  token?: string;
}

/** A server or a server group, as the organization lists it. */
export type AccessNode =
  | {
      /** The server's client id. */
      clientId: number;
      /** The server's client name. */
      clientName: string;
    }
  | {
      /** The server group's id. */
      clientGroupId: number;
      /** The server group's name. */
      clientGroupName: string;
    };
