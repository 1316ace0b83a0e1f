import * as fs from "node:fs";
import * as path from "node:path";
import { SCAN_DIR } from "./secret-scan";
import { installPackedOrgplane, pulumiBin, WORK } from "./workspace";

/** Once per run: the CLI is present and orgplane is installed as a package for the e2e programs. */
export default async function globalSetup(): Promise<void> {
  process.env.ORGPLANE_PULUMI_BIN ||= pulumiBin(); // npm test has it already
  // npm test packs orgplane beside the lint (scripts/test); a jest run of its own packs here.
  installPackedOrgplane(WORK, process.env.ORGPLANE_PACKED_TARBALL || undefined);
  // The secret sweep (global-teardown) looks at this run's transcripts and secrets only.
  for (const dir of [SCAN_DIR, path.join(WORK, "output")]) fs.rmSync(dir, { recursive: true, force: true });
}
