#!/usr/bin/env node
// npm run bench: runs bench/main.ts. TypeScript is transpiled on load (type checking is `tsc -p bench`), so
// the sources keep their place in the repository and test/e2e's helpers find the repository root.
const fs = require("node:fs");
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};

require(process.argv[2] ? require("path").resolve(process.argv[2]) : "./main.ts")
  .main()
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
