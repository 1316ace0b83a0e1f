import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { WORK } from "./workspace";

/** The tsconfig `pulumi new typescript` writes: strict, commonjs, node resolution, no skipLibCheck. */
const PULUMI_NEW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** A program as a user writes it: one resource of every kind, their outputs, lookups and the named types. */
const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { biot, commvault, iics, salesforce, sfp } from "orgplane";

const devHub: boolean = true;
const registrationArgs: sfp.SalesforceOrgRegistrationArgs = {
  sfdxAuthUrl: pulumi.secret("force://PlatformCLI::token@example.my.salesforce.com"),
  isDevHub: devHub,
  metadata: { environment: "test", revision: 2 },
  connection: { url: "https://sfp.example.com", token: pulumi.secret("t") },
};
const registration = new sfp.SalesforceOrgRegistration("reg", registrationArgs);
const sandbox = new sfp.SandboxRegistration("sbx", { sandboxName: "uat", productionUsername: registration.username });
// The same output has the same type in both kinds.
const parents: pulumi.Output<string | undefined>[] = [
  registration.parentProductionUsername,
  sandbox.parentProductionUsername,
];
const orgId: pulumi.Output<string> = registration.orgId;
const isDevHub: pulumi.Output<boolean> = registration.isDevHub;

// @ts-expect-error isDevHub is a boolean
new sfp.SalesforceOrgRegistration("bad", { sfdxAuthUrl: "force://a::b@c", isDevHub: "yes" });

const backup = new commvault.Organization("backup", {
  organizationName: "acme",
  plan: { planName: "Salesforce Gold" },
  salesforceAccount: {
    authentication: "password",
    userName: "backup@acme.test",
    password: pulumi.secret("p"),
    consumerId: "3MVG9",
    consumerSecret: pulumi.secret("s"),
  },
  downloadCachePath: "/var/cache/sf",
});
const nodes: pulumi.Output<commvault.AccessNode[]> = backup.memberServers;
new commvault.AccessNodeBinding("node", { organizationId: backup.id, client: { clientName: "cv-access-01" } });

const clinic = new biot.Organization("clinic", {
  name: "Clinic",
  templateName: "Clinic",
  primaryAdministrator: { email: "ops@clinic.test", name: { firstName: "Ada", lastName: "Admin" } },
});
const employees: (typeof iics.EMPLOYEE_RANGES)[number] = "11_25";
const sub = new iics.Organization("sub", {
  name: "Sub",
  address1: "1 Main St",
  city: "Springfield",
  state: "IL",
  zipcode: "62701",
  country: "US",
  employees,
  admin: { username: "admin@sub.test", password: pulumi.secret("pw"), firstName: "A", lastName: "B" },
});
const user = new salesforce.User("user", {
  username: "ada@acme.test",
  email: "ada@acme.test",
  lastName: "Lovelace",
  profileName: "Standard User",
  frozen: false,
});

const connection: sfp.SfpConnection = { url: "https://sfp.example.com", token: "t" };
const listed: Promise<sfp.SfpOrg[]> = sfp.listOrgs({ devhub: true, connection });
const plan = commvault.getPlanOutput({ planName: "Salesforce Gold" });

export const outputs = { parents, orgId, isDevHub, nodes, template: clinic.template, sub: sub.orgId, user: user.profileId };
export const lookups = { listed, plan };
export const authUrl = registrationArgs.sfdxAuthUrl;
`;

/** A program whose files and tsconfig live under the e2e work dir, beside the installed orgplane. */
function programDir(name: string, files: Record<string, string>): string {
  const dir = path.join(WORK, "programs", name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/**
 * Type-checks a program as `tsc --noEmit -p <dir>` does; returns the program and its diagnostics as text. With
 * `only`, the files checked in full are the program's own and those `only` accepts (others are still read).
 */
function typeCheck(dir: string, only?: (fileName: string) => boolean) {
  const configFile = ts.readConfigFile(path.join(dir, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, dir);
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, noEmit: true },
  });
  const checked = program
    .getSourceFiles()
    .filter((file) => !only || parsed.fileNames.includes(file.fileName) || only(file.fileName));
  const diagnostics = only
    ? [
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...checked.flatMap((file) => [
          ...program.getSyntacticDiagnostics(file),
          ...program.getSemanticDiagnostics(file),
        ]),
      ]
    : ts.getPreEmitDiagnostics(program);
  expect(checked.length).toBeGreaterThan(1);
  const errors = diagnostics.map((d) => {
    const where = d.file ? `${path.relative(dir, d.file.fileName)}(${d.start}): ` : "";
    return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  return { program, errors };
}

/** The doc comment an editor shows on hover over the property name in `<object>.<property>` in index.ts. */
function hover(program: ts.Program, dir: string, expression: string): string {
  const source = program.getSourceFile(path.join(dir, "index.ts"))!;
  const at = source.text.indexOf(expression) + expression.indexOf(".") + 1;
  let node: ts.Node = source;
  for (let inner = node; inner;) {
    node = inner;
    inner = node.getChildren(source).find((child) => child.getStart(source) <= at && at < child.getEnd())!;
  }
  const symbol = program.getTypeChecker().getSymbolAtLocation(node);
  return ts.displayPartsToString(symbol?.getDocumentationComment(program.getTypeChecker()));
}

/** orgplane's own declaration files, as installed. */
const ours = (fileName: string) => fileName.includes("/node_modules/orgplane/");

const usesZod = (program: ts.Program) =>
  program.getSourceFiles().filter((file) => file.fileName.includes("/node_modules/zod/")).length;

describe("installed orgplane type-checks in a user's program", () => {
  test("with the tsconfig `pulumi new typescript` writes: no errors, no zod, docs on hover", () => {
    const dir = programDir("types-pulumi-new", {
      "tsconfig.json": JSON.stringify(PULUMI_NEW_TSCONFIG, null, 2),
      "index.ts": PROGRAM,
    });
    const { program, errors } = typeCheck(dir);
    expect(errors).toEqual([]);
    expect(program.getCompilerOptions().skipLibCheck).toBeUndefined();
    expect(usesZod(program)).toBe(0);
    expect(hover(program, dir, "registration.orgId")).toBe(
      "The Salesforce org id (empty when the server skipped validation).",
    );
    expect(hover(program, dir, "clinic.template")).toBe(
      "The Organization template the organization was made from.",
    );
    expect(hover(program, dir, "registrationArgs.sfdxAuthUrl")).toBe(
      "The org's SFDX auth URL. Write-only: state keeps a hash.",
    );
  });

  test("with module and moduleResolution NodeNext", () => {
    const nodeNext = {
      ...PULUMI_NEW_TSCONFIG,
      compilerOptions: {
        ...PULUMI_NEW_TSCONFIG.compilerOptions,
        module: "NodeNext",
        moduleResolution: "NodeNext",
      },
    };
    const dir = programDir("types-nodenext", {
      "tsconfig.json": JSON.stringify(nodeNext, null, 2),
      "index.ts": PROGRAM,
    });
    // The program and orgplane's declarations in full; the test above checks every other library once.
    const { program, errors } = typeCheck(dir, ours);
    expect(errors).toEqual([]);
    expect(usesZod(program)).toBe(0);
  });

  test("an input's description is its doc comment in the published declarations", () => {
    const declarations = fs.readFileSync(
      path.join(WORK, "node_modules/orgplane/dist/provider/sfp/types.generated.d.ts"),
      "utf8",
    );
    expect(declarations).toContain(
      "/** The org's SFDX auth URL. Write-only: state keeps a hash. */\n    sfdxAuthUrl:",
    );
    expect(declarations).not.toMatch(/zod/);
  });

  test.each([
    ["node", "commonjs"],
    ["node16", "node16"],
    ["bundler", "esnext"],
  ])("`orgplanePolicies` from orgplane/policy compiles under moduleResolution %s", (resolution, module) => {
    const tsconfig = {
      compilerOptions: { strict: true, target: "es2020", module, moduleResolution: resolution },
      files: ["index.ts"],
    };
    const dir = programDir(`types-policy-${resolution}`, {
      "tsconfig.json": JSON.stringify(tsconfig, null, 2),
      "index.ts": [
        `import { PolicyPack } from "@pulumi/policy";`,
        `import { orgplanePolicies } from "orgplane/policy";`,
        `new PolicyPack("platform", { policies: [...orgplanePolicies({ "sfp-no-skip-validation": "disabled" })] });`,
        // An untyped import would accept anything: this line proves the settings are checked.
        `// @ts-expect-error not a policy name`,
        `orgplanePolicies({ "no-such-policy": "disabled" });`,
      ].join("\n"),
    });
    // Not @pulumi/policy's own declarations: its 1.21.0 proxy.d.ts exports nothing that its index.d.ts
    // re-exports, an error in every program without skipLibCheck.
    expect(typeCheck(dir, ours).errors).toEqual([]);
  });
});
