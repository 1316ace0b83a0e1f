// Runs bench/main.ts with TypeScript transpiled on load (bench/run.sh type-checks first), so the sources keep
// their place in the repository and test/e2e's helpers find the repository root.
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

const entry = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, "main.ts");
require(entry)
  .main()
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
