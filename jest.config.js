/** Jest runs TypeScript through esbuild (no type-checking: `npm run typecheck` does that once). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/__tests__/**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/test-support/esbuild-jest.js" },
  moduleFileExtensions: ["ts", "js", "json", "node"],
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  globalSetup: "<rootDir>/test-support/global-setup.ts",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  // Terraform validate/plan tests spawn provider processes of ~380 MB each: keep them few at a time.
  maxWorkers: 2,
};
