import { relative } from "node:path";
import { App } from "cdktf";
import { ConfigError } from "./src/config/config-error";
import { chooseConfigFile, configFileNotice } from "./src/config/config-file";
import { loadConfig } from "./src/config/load";
import { buildStacks } from "./src/app";

// The configuration file: SES_CONFIG, else ses.yaml in the project root, else the example
// (announced in one line when SES_CONFIG did not name it).
const choice = chooseConfigFile(process.cwd(), process.env.SES_CONFIG);
const notice = configFileNotice(process.cwd(), choice);
if (notice) console.error(notice);
const file = process.env.SES_CONFIG || relative(process.cwd(), choice.file);

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
