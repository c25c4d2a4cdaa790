/**
 * aws provider processes that serve many terraform commands, through Terraform's provider
 * reattachment (TF_REATTACH_PROVIDERS): Terraform starts the ~700 MB provider about twice per
 * plan, apply or destroy (once for its schema, once configured) and once per `show -json`, at
 * about 2 s of CPU each; a reattached provider builds its schema once and then answers in a
 * fraction of that.
 *
 * Reliable with one provider configuration at a time only: the provider keeps one configuration
 * per process. So a process serves one terraform command at a time (a pool, grown when every
 * process is busy), and only configurations with exactly one `aws` provider block use it
 * (`reattachable`). The processes run without AWS_CA_BUNDLE: with it, the provider adds the
 * bundle's CAs to its HTTP client on every configuration and refuses the second one (the
 * emulator speaks plain HTTP).
 */
import { ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { providerMirror } from "../../src/review/offline-terraform";
import { metering, processCpuSeconds, recordCpu } from "../cpu-meter";

/** One provider process and the TF_REATTACH_PROVIDERS value that points at it. */
interface Attached {
  readonly child: ChildProcess;
  readonly reattach: string;
}

const idle: Attached[] = [];
const running: Attached[] = [];

/** The provider binary in the local mirror, for this machine's OS and architecture. */
function providerBinary(): string {
  const aws = join(providerMirror(), "registry.terraform.io", "hashicorp", "aws");
  const [version] = readdirSync(aws);
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string] ?? process.arch;
  const dir = join(aws, version, `${process.platform}_${arch}`);
  const binary = readdirSync(dir).find((f) => f.startsWith("terraform-provider-aws"));
  if (!binary) throw new Error(`no terraform-provider-aws in ${dir}`);
  return join(dir, binary);
}

/**
 * Starts a provider in debug mode and waits for the reattach line it prints. A shell holds it:
 * when this process goes away, the shell's stdin closes and it stops the provider, so no
 * provider outlives a killed Jest worker.
 */
function startProvider(base: NodeJS.ProcessEnv): Promise<Attached> {
  const env: NodeJS.ProcessEnv = { ...base };
  delete env.AWS_CA_BUNDLE;
  // The shell waits for the provider it stopped, so the provider's CPU counts in this tree's.
  const script = '"$0" -debug & p=$!; cat >/dev/null; kill $p; wait $p';
  const child = spawn("sh", ["-c", script, providerBinary()], {
    env,
    stdio: ["pipe", "pipe", "ignore"],
  });
  return new Promise((done, fail) => {
    let output: string | undefined = "";
    const timer = setTimeout(() => {
      child.stdin!.end();
      fail(new Error(`the aws provider printed no reattach line within 60 s:\n${output}`));
    }, 60_000);
    child.on("error", fail);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (output === undefined) return;
      output += chunk.toString("utf8");
      const found = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(output);
      if (!found) return;
      clearTimeout(timer);
      output = undefined; // later output (none expected) is drained and ignored
      done({ child, reattach: found[1] });
    });
  });
}

/** Whether a configuration may use a pooled provider: exactly one `aws` provider block. */
export function reattachable(json: { provider?: Record<string, unknown[]> }): boolean {
  const providers = json.provider ?? {};
  return Object.keys(providers).length === 1 && providers.aws?.length === 1;
}

/** Runs `task` with the TF_REATTACH_PROVIDERS value of a provider no other command is using. */
export async function withProvider<T>(task: (reattach: string) => Promise<T>): Promise<T> {
  const attached = idle.pop() ?? (await startPooled());
  try {
    return await task(attached.reattach);
  } finally {
    idle.push(attached);
  }
}

/**
 * A provider of its own, outside the pool, running in `env`, for commands that run one at a time:
 * a test file's offline commands, or a reviewer's plan runs (in the reviewer's environment: no
 * credentials, every request through a proxy).
 */
export async function ownProvider(
  env: NodeJS.ProcessEnv,
): Promise<{ readonly reattach: string; stop(): Promise<void> }> {
  const attached = await startProvider(env);
  return { reattach: attached.reattach, stop: () => stopOne(attached) };
}

/** A new provider for the pool, in this process's environment. */
async function startPooled(): Promise<Attached> {
  const attached = await startProvider(process.env);
  running.push(attached);
  return attached;
}

/** Stops a provider, its CPU recorded first when metering. */
function stopOne({ child, reattach }: Attached): Promise<void> {
  return new Promise<void>((done) => {
    const { Pid } = Object.values(JSON.parse(reattach))[0] as { Pid: number };
    if (metering()) recordCpu("aws provider (pooled, reattached)", processCpuSeconds(Pid), 0);
    if (child.exitCode !== null) return done();
    child.once("exit", () => done());
    child.stdin!.end();
  });
}

/** Stops every pooled provider (each Deployment's `stop`). */
export async function stopProviders(): Promise<void> {
  const stopping = running.splice(0).map(stopOne);
  idle.splice(0);
  await Promise.all(stopping);
}
