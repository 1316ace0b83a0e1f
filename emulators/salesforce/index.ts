import { authRoutes } from "./auth";
import { batchRoutes } from "./batch";
import { compositeRoutes } from "./composite";
import { compositeRequestRoutes } from "./composite-request";
import { queryRoutes } from "./query";
import { sobjectRoutes } from "./sobjects";
import { createSalesforceEmulator, SalesforceRoutes } from "./server";
import { SalesforceState } from "./state";

export { SalesforceState } from "./state";
export { setLicenseTotal, JWT_BEARER } from "./auth";
export type { SalesforceContext } from "./server";

/** Route modules of the Salesforce emulator, in registration order. */
export const salesforceRoutes: SalesforceRoutes[] = [
  authRoutes,
  queryRoutes,
  sobjectRoutes,
  compositeRoutes,
  compositeRequestRoutes,
  batchRoutes,
];

/** Demo orgs with fixed refresh tokens, so the quickstart can print working sfdxAuthUrls. */
export function seedSalesforce(state: SalesforceState, host: string) {
  const prod = state.createOrg({
    username: "admin@orgplane-demo.com",
    name: "Orgplane Demo",
    organizationType: "Enterprise Edition",
    refreshToken: "5Aep861DemoProductionRefreshToken0000000000000000",
  });
  state.createSandbox(prod.org.Id, "uat");
  state.createSandbox(prod.org.Id, "dev1");
  const devhub = state.createOrg({
    username: "devhub@orgplane-demo.com",
    name: "Orgplane DevHub",
    organizationType: "Developer Edition",
    refreshToken: "5Aep861DemoDevHubRefreshToken000000000000000000000",
  });
  const authUrl = (refreshToken: string) => `force://PlatformCLI::${refreshToken}@${host}`;
  return {
    production: {
      username: "admin@orgplane-demo.com",
      sfdxAuthUrl: authUrl(prod.refreshToken),
      orgId: prod.org.Id,
    },
    devhub: {
      username: "devhub@orgplane-demo.com",
      sfdxAuthUrl: authUrl(devhub.refreshToken),
      orgId: devhub.org.Id,
    },
  };
}

export function createSalesforce() {
  return createSalesforceEmulator(salesforceRoutes);
}
