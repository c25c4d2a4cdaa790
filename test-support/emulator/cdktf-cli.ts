/**
 * The user's own path against the emulator: `cdktf deploy` / `cdktf destroy` from the project
 * directory, with the environment variables the aws provider honours (AWS_ENDPOINT_URL) and a
 * Terraform CLI configuration that installs hashicorp/aws from the local mirror. The synthesized
 * JSON is exactly what a user deploys: no override file.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { meteredCommand } from "../cpu-meter";
import { providerMirror, terraformEnv } from "../../src/review/offline-terraform";

const PROJECT = resolve(__dirname, "..", "..");

/** Terminal colour and cursor sequences in the CLI's output. */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The environment of a user whose AWS endpoint is the emulator and whose registry is a mirror. */
export function cdktfEnv(root: string, endpoint: string, configFile: string): NodeJS.ProcessEnv {
  const cliConfig = join(root, "terraform.rc");
  const cache = join(root, "plugin-cache");
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    cliConfig,
    `provider_installation {
  filesystem_mirror {
    path    = "${providerMirror()}"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
plugin_cache_dir = "${cache}"
`,
  );
  return {
    ...terraformEnv(),
    TF_CLI_CONFIG_FILE: cliConfig,
    SES_CONFIG: configFile,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_MAX_ATTEMPTS: "2",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
  };
}

/** Runs the project's cdktf CLI; resolves with its exit status and output (never rejects). */
export function cdktf(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    const cli = join(PROJECT, "node_modules", ".bin", "cdktf");
    const [command, commandArgs] = meteredCommand(`cdktf ${args[0]}`, cli, args);
    const child = spawn(command, commandArgs, { cwd: PROJECT, env });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("close", (status) => {
      const output = Buffer.concat(chunks).toString("utf8").replace(ANSI, "");
      done({ status: status ?? 1, output });
    });
  });
}
