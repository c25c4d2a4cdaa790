/**
 * Placeholder outputs for offline plans of stacks that read another stack's outputs through
 * `terraform_remote_state`: each placeholder has the shape of the producing stack's output (a
 * string, or a map with the same keys), so expressions such as `outputs.vpc_ids["team-a"]`
 * resolve exactly as they will against real state.
 */
import { basename } from "node:path";
import type { RemoteStateDefaults, SynthesizedStack } from "./offline-terraform";

/** The stack a remote state reads: its state file is `<stack>.tfstate` (local path or S3 key). */
function producerOf(config: { path?: string; key?: string }): string {
  return basename(config.path ?? config.key ?? "").replace(/\.tfstate$/, "");
}

function placeholder(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => placeholder(v, `${name}-${i}`));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, placeholder(v, `${name}-${k}`)]),
    );
  }
  return `offline-${name}`;
}

/** For every stack that reads remote state: its placeholder outputs, by remote state name. */
export function remoteStateDefaults(
  stacks: SynthesizedStack[],
): Record<string, RemoteStateDefaults> {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const result: Record<string, RemoteStateDefaults> = {};
  for (const stack of stacks) {
    const remotes = Object.entries(stack.json.data?.terraform_remote_state ?? {});
    result[stack.name] = Object.fromEntries(
      remotes.map(([name, remote]) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const producer = byName.get(producerOf((remote as any).config ?? {}));
        const outputs = Object.entries(producer?.json.output ?? {}).map(([output, o]) => [
          output,
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          placeholder((o as any).value, output),
        ]);
        return [name, Object.fromEntries(outputs)];
      }),
    );
  }
  return result;
}
