/**
 * Placeholder outputs for offline plans of stacks that read another stack's outputs through
 * `terraform_remote_state`: each placeholder has the shape of the producing stack's output (a
 * string, or a map with the same keys), so expressions such as `outputs.vpc_ids["team-a"]`
 * resolve exactly as they will against real state.
 */
import { basename } from "node:path";
import type { RemoteStateDefaults, SynthesizedStack } from "./offline-terraform";

/** The stack a remote state reads: its state file is `<stack>.tfstate` (local path or S3 key). */
export function producerOf(config: { path?: string; key?: string }): string {
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

/**
 * The producing stack's last applied outputs, with the placeholder wherever one is missing (an
 * account whose hub authorization is not deployed yet): the values, and the missing ones' paths.
 */
export function appliedOutputs(
  placeholders: Record<string, unknown>,
  applied: Record<string, { value: unknown }>,
): { values: Record<string, unknown>; missing: string[] } {
  const missing: string[] = [];
  const values = Object.fromEntries(
    Object.entries(placeholders).map(([name, placeholder]) => [
      name,
      overlay(placeholder, applied[name]?.value, name, missing),
    ]),
  );
  return { values, missing };
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function overlay(placeholder: unknown, value: unknown, path: string, missing: string[]): unknown {
  if (value === undefined || value === null) {
    missing.push(path);
    return placeholder;
  }
  if (!isMap(placeholder) || !isMap(value)) return value;
  const merged: Record<string, unknown> = { ...value };
  for (const [key, inner] of Object.entries(placeholder)) {
    merged[key] = overlay(inner, value[key], `${path}.${key}`, missing);
  }
  return merged;
}

/**
 * Whether the stack's expressions read `path` (`output`, or `output.key` of a map) from its
 * remote state `remote`: as `outputs.output`, `outputs.output.key`, `outputs.output["key"]` or
 * `lookup(outputs.output, "key")`.
 */
export function readsOutput(stack: SynthesizedStack, remote: string, path: string): boolean {
  const [output, key] = path.split(".");
  const ref = `data.terraform_remote_state.${remote}.outputs.${output}`;
  const forms =
    key === undefined ? [ref] : [`${ref}.${key}`, `${ref}["${key}"]`, `${ref}, "${key}"`];
  return stringsOf(stack.json).some((text) => forms.some((form) => text.includes(form)));
}

function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringsOf);
}
