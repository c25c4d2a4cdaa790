import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeCommonJsGlobals = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "cdktf.out/",
      "dist/",
      "coverage/",
      ".offline-plan/",
      "bench-results/",
      "bin/smtp-check.cjs",
      "ses.yaml",
      "ses.yml",
      "ses.json",
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@cdktf/provider-aws",
              message:
                "Import from @cdktf/provider-aws/lib/<resource> (deep imports keep synthesis fast).",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read synthesized Terraform JSON and plans, which have no static types.
    files: ["__tests__/**/*.ts", "test-support/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: nodeCommonJsGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
