/**
 * A network namespace that a test creates and removes, in which one address silently drops
 * every packet: a veth pair with a permanent neighbour entry for a MAC address nobody has, so a
 * SYN to it is sent and never answered, as behind a network ACL that drops it. Loopback inside
 * the namespace is its own, so servers started in it do not touch the host's.
 */
import { execFile, execFileSync } from "node:child_process";

export const DROPPED_ADDRESS = "10.99.0.3";

export interface DropNamespace {
  readonly name: string;
  /** `[command, args]` that run `command args` inside the namespace. */
  wrap(command: string, args: readonly string[]): [string, string[]];
  /** True when something inside the namespace accepts TCP on host:port. */
  listening(host: string, port: number): Promise<boolean>;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });

function create(name: string): void {
  ip("netns", "add", name);
  try {
    ip("-n", name, "link", "set", "lo", "up");
    ip("-n", name, "link", "add", "drop0", "type", "veth", "peer", "name", "drop1");
    ip("-n", name, "addr", "add", "10.99.0.1/24", "dev", "drop0");
    ip("-n", name, "link", "set", "drop0", "up");
    ip("-n", name, "link", "set", "drop1", "up");
    ip(
      "-n",
      name,
      "neigh",
      "add",
      DROPPED_ADDRESS,
      "lladdr",
      "02:00:00:00:00:99",
      "dev",
      "drop0",
      "nud",
      "permanent",
    );
  } catch (error) {
    ip("netns", "del", name);
    throw error;
  }
}

/** Why no such namespace can be made here (no root, no `ip`, no veth), or undefined. */
export function dropNamespaceMissing(): string | undefined {
  const probe = `smtp-check-probe-${process.pid}`;
  try {
    create(probe);
    ip("netns", "del", probe);
    return undefined;
  } catch (error) {
    const { stderr, message } = error as { stderr?: Buffer; message: string };
    return `cannot create a network namespace with a veth pair: ${stderr?.toString().trim() || message}`;
  }
}

/** Creates the namespace; `remove()` deletes it with everything in it. */
export function createDropNamespace(): DropNamespace {
  const name = `smtp-check-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  create(name);
  const wrap = (command: string, args: readonly string[]): [string, string[]] => [
    "ip",
    ["netns", "exec", name, command, ...args],
  ];
  return {
    name,
    wrap,
    listening: (host, port) =>
      new Promise((resolve) => {
        const [command, args] = wrap("bash", ["-c", `echo > /dev/tcp/${host}/${port}`]);
        execFile(command, args, { timeout: 2000 }, (error) => resolve(!error));
      }),
    remove: () => ip("netns", "del", name),
  };
}
