import { EmulatorModule } from "../registry";
import { BiotEmulator } from "./server";

export { BiotEmulator } from "./server";

/** BioT (Organization service + UMS login) on port 4040; the environment logs in as the seeded service user. */
export const biotModule: EmulatorModule = {
  name: "biot",
  defaultPort: 4040,
  async start({ port, httpsPort, host }) {
    const biot = new BiotEmulator();
    const url = await biot.emulator.start(port, host, httpsPort);
    const { service, adminUser } = biot.state;
    return {
      emulator: biot.emulator,
      env: {
        BIOT_URL: url,
        BIOT_SERVICE_ID: service.id,
        BIOT_SERVICE_SECRET_KEY: service.secret,
        // The seeded admin user, for clients that log in as a user (orgplane itself uses the service user).
        ORGPLANE_BIOT_USERNAME: adminUser.username!,
        ORGPLANE_BIOT_PASSWORD: adminUser.secret,
      },
      facts: { biot, user: { username: adminUser.username, password: adminUser.secret } },
    };
  },
};
