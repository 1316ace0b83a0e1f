import { projectFiles, PULUMI_TSCONFIG } from "../../../provider/discover/codegen";
import { commentOutRefused, emitValue } from "../../../provider/discover/emit";
import { configSlot, Discovered, Reference, secretSlot } from "../../../provider/discover/inventory";
import { sandboxNameOf } from "../../../provider/discover/listers/sfp";
import { userFilter } from "../../../provider/discover/listers/salesforce";
import { assignNames, slug } from "../../../provider/discover/names";
import { refusalsOf } from "../../../provider/discover/refusals";
import { managedKeys, tokenOf, unmanaged } from "../../../provider/discover/unmanaged";
import { parseOptions } from "../../../provider/discover/cli";
import { prettierFormat } from "../../../provider/discover/format";

const item = (over: Partial<Discovered> & Pick<Discovered, "kind" | "key" | "inputs">): Discovered => ({
  backend: over.kind.split(".")[0] as Discovered["backend"],
  id: over.key,
  nameHint: over.key,
  refusals: [],
  ...over,
});

function estate() {
  const prod = item({
    kind: "sfp.SalesforceOrgRegistration",
    key: "admin@acme.com",
    inputs: {
      sfdxAuthUrl: secretSlot("SfdxAuthUrl", "its auth URL"),
      username: "admin@acme.com",
      metadata: {},
    },
  });
  const sandbox = item({
    kind: "sfp.SandboxRegistration",
    key: "admin@acme.com/uat",
    id: "admin@acme.com.uat",
    nameHint: "admin-uat",
    inputs: { sandboxName: "uat", productionUsername: new Reference(prod, "username", "admin@acme.com") },
  });
  const org = item({
    kind: "commvault.Organization",
    key: "acme",
    id: "1001",
    inputs: { organizationName: "acme" },
  });
  const binding = item({
    kind: "commvault.AccessNodeBinding",
    key: "acme/cv-access-01",
    id: "1001/client/101",
    nameHint: "acme-cv-access-01",
    inputs: { organizationId: new Reference(org, "id", "1001"), client: { clientName: "cv-access-01" } },
  });
  const iics = item({
    kind: "iics.Organization",
    key: "Sub org",
    inputs: { name: "Sub org", admin: { username: configSlot("AdminUsername", "the admin"), "odd-key": 1 } },
  });
  return { prod, sandbox, org, binding, iics, all: [prod, sandbox, org, binding, iics] };
}

describe("discover codegen", () => {
  test("names are readable, unique per kind, and variables unique in the file", () => {
    expect(slug("Admin@Acme.COM")).toBe("admin-acme-com");
    expect(slug("  ...  ")).toBe("unnamed");
    const twins = [
      item({ kind: "biot.Organization", key: "A b", inputs: {} }),
      item({ kind: "biot.Organization", key: "a-b", inputs: {} }),
      item({ kind: "iics.Organization", key: "a b", inputs: {} }),
    ];
    assignNames(twins);
    expect(twins.map((t) => [t.name, t.variable])).toEqual([
      ["a-b", "biotAB"],
      ["a-b-2", "biotAB2"],
      ["a-b", "iicsAB"],
    ]);
  });

  test("values become code: literals, config placeholders, references to other resources", () => {
    const { all, sandbox, binding, iics } = estate();
    assignNames(all);
    expect(emitValue(sandbox.inputs)).toBe(
      '{ sandboxName: "uat", productionUsername: orgAdminAcmeCom.username }',
    );
    expect(emitValue(binding.inputs)).toBe(
      '{ organizationId: backupAcme.id, client: { clientName: "cv-access-01" } }',
    );
    expect(emitValue(iics.inputs)).toBe(
      '{ name: "Sub org", admin: { username: config.require("iicsSubOrgAdminUsername"), "odd-key": 1 } }',
    );
  });

  test("a reference to a refused object is its value as read", () => {
    const { all, sandbox, prod } = estate();
    prod.refusals = [{ field: "metadata", reason: "bad" }];
    assignNames(all);
    expect(emitValue(sandbox.inputs)).toContain('productionUsername: "admin@acme.com"');
  });

  test("the project: standard tsconfig, adopt on each resource, refused ones commented out, secrets in the README", async () => {
    const { all, prod } = estate();
    prod.refusals = [{ field: "metadata.k", reason: "must have\nat most 64 characters" }];
    assignNames(all);
    const files = await projectFiles("acme-estate", all, prettierFormat);
    expect(Object.keys(files).sort()).toEqual(
      [".gitignore", "Pulumi.yaml", "README.md", "index.ts", "package.json", "tsconfig.json"].sort(),
    );
    expect(JSON.parse(files["tsconfig.json"])).toEqual(PULUMI_TSCONFIG);
    expect(files["Pulumi.yaml"]).toMatch(/^name: acme-estate\nruntime:|^name: acme-estate\n/);
    expect(JSON.parse(files["package.json"]).dependencies).toMatchObject({
      orgplane: expect.stringMatching(/^\^\d/),
    });
    const index = files["index.ts"];
    expect(index).toContain('import { sfp, commvault, iics } from "orgplane";');
    expect(index).toContain("//   metadata.k: must have at most 64 characters");
    expect(index).toMatch(
      /^\/\/ const orgAdminAcmeCom = new sfp\.SalesforceOrgRegistration\("admin-acme-com", \{$/m,
    );
    expect(index).toMatch(/^const sandboxAdminUat = new sfp\.SandboxRegistration\("admin-uat", \{$/m);
    expect(index).toContain('productionUsername: "admin@acme.com"');
    const code = index.split("\n").filter((line) => !line.startsWith("//"));
    expect(code.filter((line) => /\badopt: true\b/.test(line))).toHaveLength(4);
    expect(await prettierFormat(index)).toBe(index);
    // Only the adopted resources' placeholders are listed.
    expect(files["README.md"]).toContain("pulumi config set iicsSubOrgAdminUsername '<value>'   # the admin");
    expect(files["README.md"]).not.toContain("orgAdminAcmeComSfdxAuthUrl");
    expect(files["README.md"]).toMatch(
      /## Not adopted\n[\s\S]*sfp\.SalesforceOrgRegistration `admin@acme.com`: metadata\.k/,
    );
  });

  test("check refusals name the field, with secrets unknown and references as read", async () => {
    const { prod, sandbox } = estate();
    expect(await refusalsOf(prod)).toEqual([]);
    expect(await refusalsOf(sandbox)).toEqual([]);
    const bad = item({
      kind: "sfp.SandboxRegistration",
      key: "x",
      inputs: { sandboxName: "has space", productionUsername: "admin@acme.com" },
    });
    expect(await refusalsOf(bad)).toEqual([
      { field: "sandboxName", reason: expect.stringMatching(/sandbox name/) },
    ]);
  });

  test("commented-out code keeps its layout", () => {
    expect(commentOutRefused("a\n// @@refused-start\nconst x = 1;\n\n// @@refused-end\nb")).toBe(
      "a\n// const x = 1;\n//\nb",
    );
  });

  test("sandbox names and user filters", () => {
    expect(
      sandboxNameOf({ username: "admin@acme.com.uat", parentProductionUsername: "admin@acme.com" } as never),
    ).toBe("uat");
    expect(
      sandboxNameOf({
        username: "admin@acme.com--qa.sandbox.com",
        parentProductionUsername: "x@y.z",
      } as never),
    ).toBe("qa");
    expect(userFilter({})).toBe("");
    expect(
      userFilter({
        activeOnly: true,
        profile: "Read Only",
        domain: "@acme.com",
        where: "Title = 'X' OR City = 'Y'",
      }),
    ).toBe(
      "IsActive = true AND Profile.Name = 'Read Only' AND Username LIKE '%@acme.com' AND (Title = 'X' OR City = 'Y')",
    );
    expect(userFilter({ profile: "O'Brien" })).toBe("Profile.Name = 'O\\'Brien'");
  });

  test("options: backends, filters, bad input", () => {
    expect(
      parseOptions(["discover", "--backends", "sfp,biot", "--backends", "iics", "--dry-run"]),
    ).toMatchObject({
      backends: ["sfp", "biot", "iics"],
      dryRun: true,
      out: "estate",
    });
    expect(parseOptions(["--access-nodes", "inline", "--active-only"]).list).toEqual({
      accessNodes: "inline",
      users: { activeOnly: true, profile: undefined, domain: undefined, where: undefined },
    });
    expect(() => parseOptions(["--backends", "sfp,aws"])).toThrow(/unknown backend aws/);
    expect(() => parseOptions(["--access-nodes", "both"])).toThrow(/--access-nodes must be/);
    expect(() => parseOptions(["--unmanaged"])).toThrow(/needs at least one --stack/);
    expect(() => parseOptions(["list"])).toThrow(/unknown command or argument: list/);
  });

  test("unmanaged: what no stack holds, access nodes of organizations that declare them included", () => {
    const { all, prod, org, binding } = estate();
    const keys = managedKeys([
      { type: tokenOf(prod.kind), id: prod.id },
      {
        type: tokenOf(org.kind),
        id: "1001",
        outputs: {
          accessNodes: [{ clientName: "cv-access-01" }],
          memberServers: [{ clientId: 101, clientName: "cv-access-01" }],
        },
      },
      { type: "pulumi:pulumi:Stack", id: "x" },
    ]);
    expect(unmanaged(all, keys).map((i) => i.key)).toEqual(["admin@acme.com/uat", "Sub org"]);
    expect(keys.has(`${tokenOf(binding.kind)}|1001/client/101`)).toBe(true);
  });
});
