import { App } from "cdktf";
import { ConfigError } from "./src/config/config-error";
import { DEFAULT_CONFIG_FILE, loadConfig } from "./src/config/load";
import { buildStacks } from "./src/app";

// The configuration file: SES_CONFIG, or the example committed in the repository.
const file = process.env.SES_CONFIG || DEFAULT_CONFIG_FILE;

try {
  const config = loadConfig(file);
  // Terraform itself enforces the version (required_version) and `npm test` runs terraform
  // validate; cdktf's own validations would spawn `terraform version` once per stack. Warnings
  // keep their message but no stack trace: it points into the bundle, differs between
  // `npm run synth` and `cdktf synth`, and would put this machine's paths in the manifest.
  const app = new App({ skipValidation: true, stackTraces: false });
  buildStacks(app, config);
  app.synth();
} catch (error) {
  // A ConfigError lists every problem; anything else is one construct's sentence. Either way the
  // user gets the message, not a stack trace into the bundle (DEBUG=1 shows it).
  if (!(error instanceof ConfigError) && process.env.DEBUG) throw error;
  const prefix = error instanceof ConfigError ? "" : "Synthesis stopped, nothing was written: ";
  console.error(prefix + (error as Error).message);
  process.exit(1);
}
