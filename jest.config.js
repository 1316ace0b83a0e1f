/** Three suites: unit (no servers), emulator (HTTP against in-process emulators), e2e (real Pulumi CLI). */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.test.json" }];
const base = { testEnvironment: "node", transform: { "^.+\\.ts$": tsJest } };
module.exports = {
  projects: [
    {
      ...base,
      displayName: "unit",
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
      // Retry waits are recorded, not slept.
      setupFilesAfterEnv: ["<rootDir>/test/unit/waits.ts"],
    },
    {
      ...base,
      displayName: "emulator",
      testMatch: ["<rootDir>/test/emulator/**/*.test.ts"],
      // Vendor clients and raw HTTP here, not orgplane: no contract coverage observations.
      setupFiles: ["<rootDir>/test/emulator/no-observations.ts"],
    },
    {
      ...base,
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/test/e2e/global-setup.ts",
      globalTeardown: "<rootDir>/test/e2e/global-teardown.ts",
    },
  ],
  // The generated types first (build output, not tracked): ts-jest compiles what the tests import.
  globalSetup: "<rootDir>/test/generate-types.js",
  // Two workers on two cores: most suites wait on sockets and child processes more than they compute.
  maxWorkers: 2,
  testSequencer: "<rootDir>/test/sequencer.js",
  testTimeout: 600000,
};
