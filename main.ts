import { App } from "cdktf";
import { ConfigError } from "./src/config/config-error";
import { DEFAULT_CONFIG_FILE, loadConfig } from "./src/config/load";
import { buildStacks } from "./src/app";

// The configuration file: SES_CONFIG, or the example committed in the repository.
const file = process.env.SES_CONFIG || DEFAULT_CONFIG_FILE;

try {
  const config = loadConfig(file);
  // Terraform itself enforces the version (required_version) and `npm test` runs terraform
  // validate; cdktf's own validations would spawn `terraform version` once per stack.
  const app = new App({ skipValidation: true });
  buildStacks(app, config);
  app.synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
