import type { RunningEmulators } from "../../emulators";
import type { SfpEmulator } from "../../emulators/sfp/server";

/** What the naive providers log in with: the credentials behind each emulator's login endpoint. */
export function naiveEnv(emus: RunningEmulators): Record<string, string> {
  const sfp = (emus.byName.sfp?.facts as { sfp?: SfpEmulator } | undefined)?.sfp;
  return sfp ? { SFP_ADMIN_EMAIL: sfp.admin.email, SFP_ADMIN_PASSWORD: sfp.admin.password } : {};
}
