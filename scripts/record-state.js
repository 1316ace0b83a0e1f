#!/usr/bin/env node
// Records the state a released orgplane writes, for the tests that prove later releases still load it:
//   node scripts/record-state.js [git ref, default: the 0.2.0 release]
// It packs the release from git, runs test/fixtures/state-0.2.0/program.ts against the emulators with it, and
// writes the stack's checkpoint to test/fixtures/state-0.2.0/checkpoint.json. Needs the Pulumi CLI
// (ORGPLANE_PULUMI_BIN, as the e2e tests).
require("./ts-hook");
const { record } = require("../test/fixtures/state-0.2.0/record.ts");
record(process.argv[2]).then(
  (file) => console.log(`wrote ${file}`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
