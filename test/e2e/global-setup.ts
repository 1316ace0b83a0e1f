import { installPackedOrgplane, pulumiBin } from "./workspace";

/** Once per run: the CLI is present and orgplane is installed as a package for the e2e programs. */
export default async function globalSetup(): Promise<void> {
  process.env.ORGPLANE_PULUMI_BIN = pulumiBin();
  installPackedOrgplane();
}
