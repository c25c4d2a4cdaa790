/** Jest runs TypeScript through esbuild (no type-checking: `npm run typecheck` does that once). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/__tests__/**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/test-support/esbuild-jest.js" },
  moduleFileExtensions: ["ts", "js", "json", "node"],
  moduleNameMapper: { "^archiver$": "<rootDir>/test-support/lazy-archiver.js" },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  globalSetup: "<rootDir>/test-support/global-setup.ts",
  globalTeardown: "<rootDir>/test-support/global-teardown.ts",
  reporters: ["default", "<rootDir>/test-support/skipped-e2e-reporter.js"],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testSequencer: "<rootDir>/test-support/sequencer.js",
  // End-to-end suites spend most of their minutes waiting on the provider's polling (about 0.4 of a
  // core each), so four suites at once on two cores; each Terraform provider is ~380 MB, and the
  // suites together stay under 12 GB.
  maxWorkers: 4,
};
