/**
 * `npm run plan` as a reviewer runs it, in a throw-away copy of the project whose
 * `terraform-state/` is a given directory (where a deployment left its local state): no AWS
 * credentials, no endpoint, and every HTTP(S) request sent to a local proxy that only counts
 * connections, so a test can assert that planning called no account at all.
 */
import { spawn } from "node:child_process";
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { meteredCommand } from "./cpu-meter";
import { ownProvider } from "./emulator/provider-pool";
import { projectCopy } from "./project-copy";

/** A project copy whose local state is `stateDir` (linked, so the test sees what the plan leaves). */
export function reviewProject(stateDir: string): string {
  const dir = projectCopy("ses-plan-review-");
  symlinkSync(stateDir, join(dir, "terraform-state"), "dir");
  return dir;
}

/** One run of the plan script: exit status, output, and the connections the proxy saw. */
export interface PlanReview {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly connections: number;
}

/** The environment of a reviewer without AWS credentials whose HTTP(S) goes to `proxy`. */
export function reviewerEnv(proxy: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(AWS_|NO_PROXY$|no_proxy$|TF_CLI_CONFIG_FILE$)/.test(key),
    ),
  );
  return {
    ...env,
    CHECKPOINT_DISABLE: "1",
    HTTPS_PROXY: proxy,
    HTTP_PROXY: proxy,
    https_proxy: proxy,
    http_proxy: proxy,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** A local HTTP(S) proxy that accepts connections, counts them and closes them unanswered. */
export async function countingProxy(): Promise<{
  readonly url: string;
  connections(): number;
  close(): Promise<void>;
}> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}

/**
 * An aws provider process in a reviewer's environment, its requests counted by a proxy of its
 * own: the terraform commands of a plan run attach to it (one at a time) instead of starting the
 * ~700 MB provider themselves (about 2 s of CPU a start).
 */
export interface ReviewerProvider {
  readonly reattach: string;
  /** Connections the provider has made so far (through its proxy). */
  connections(): number;
  stop(): Promise<void>;
}

/** Starts a {@link ReviewerProvider}. */
export async function reviewerProvider(): Promise<ReviewerProvider> {
  const proxy = await countingProxy();
  const provider = await ownProvider(reviewerEnv(proxy.url));
  return {
    reattach: provider.reattach,
    connections: proxy.connections,
    stop: async () => {
      await provider.stop();
      await proxy.close();
    },
  };
}

/**
 * Runs `npm run plan -- ...args` (its command, without npm) with `config` as SES_CONFIG;
 * `env` adds to the reviewer's environment (the state bucket's credentials). With `provider`,
 * terraform attaches to it, the stacks are planned one at a time, and the provider's connections
 * count with the run's.
 */
export async function reviewPlan(
  project: string,
  config: object,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  provider?: ReviewerProvider,
): Promise<PlanReview> {
  writeFileSync(join(project, "review.json"), JSON.stringify(config));
  const proxy = await countingProxy();
  const providerConnections = provider?.connections() ?? 0;
  const attach = provider ? { TF_REATTACH_PROVIDERS: provider.reattach } : {};
  try {
    const run = await new Promise<Omit<PlanReview, "connections">>((done, fail) => {
      const [command, commandArgs] = meteredCommand(
        "npm run plan (its node process, synthesis)",
        "node",
        // One command at a time on the attached provider; two at once otherwise.
        ["scripts/run-command.js", "plan", "--parallelism", provider ? "1" : "2", ...args],
      );
      const child = spawn(command, commandArgs, {
        cwd: project,
        env: { ...reviewerEnv(proxy.url), SES_CONFIG: "review.json", ...env, ...attach },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c) => (stdout += c));
      child.stderr.on("data", (c) => (stderr += c));
      child.on("error", fail);
      child.on("close", (status) => done({ status: status ?? 1, stdout, stderr }));
    });
    const byProvider = (provider?.connections() ?? 0) - providerConnections;
    return { ...run, connections: proxy.connections() + byProvider };
  } finally {
    await proxy.close();
  }
}

/**
 * The plan output by stack: each `== <stack>: ...` header line without the stack name, and the
 * stack's lines below it (changes, notes, errors) with the provider alias kept.
 */
export function stackGroups(stdout: string): Record<string, { head: string; lines: string[] }> {
  const groups: Record<string, { head: string; lines: string[] }> = {};
  let current: { head: string; lines: string[] } | undefined;
  for (const line of stdout.split("\n")) {
    const head = /^== (\S+): (.*)$/.exec(line);
    if (head) {
      current = groups[head[1]] = { head: head[2], lines: [] };
    } else if (current && line.startsWith("  ")) {
      current.lines.push(line.trim());
    } else {
      current = undefined;
    }
  }
  return groups;
}

/** Removes a project copy made by {@link reviewProject} (the linked state stays). */
export function removeReviewProject(dir: string): void {
  rmSync(join(dir, "terraform-state"), { force: true });
  rmSync(dir, { recursive: true, force: true });
}
