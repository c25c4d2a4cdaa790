/**
 * A stack's last applied state, for `npm run plan`: found where the stack's backend keeps it (the
 * local file `terraform-state/<stack>.tfstate` as `cdktf deploy` writes it, or the S3 backend's
 * object, read with the state bucket's credentials only), and checked to be Terraform state of
 * that very stack before anything is planned against a copy of it: not empty or truncated, and
 * not older than the last state of the stack a plan was made against (`terraform-state/.last-seen.json`).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { SynthesizedStack } from "./offline-terraform";

/** Where a state lives: from a stack's backend block or a `terraform_remote_state` config. */
export type StateLocation =
  | { readonly kind: "local"; readonly path: string; readonly shown: string }
  | {
      readonly kind: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly shown: string;
    };

/** The parts of a Terraform state (format version 4) the plan review reads. */
export interface TerraformState {
  readonly version: 4;
  readonly lineage: string;
  readonly serial: number;
  readonly outputs: Record<string, { value: unknown }>;
  readonly resources: StateResource[];
}

interface StateResource {
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances?: { attributes?: { tags_all?: Record<string, string> | null } }[];
}

/** What was found for a stack: no state yet, its last applied state, or a refused file. */
export type AppliedState =
  | { readonly kind: "new"; readonly location: StateLocation }
  | {
      readonly kind: "applied";
      readonly location: StateLocation;
      readonly state: TerraformState;
      /** What the reader should know about this state (another lineage than last seen). */
      readonly note?: string;
    }
  | { readonly kind: "refused"; readonly location: StateLocation; readonly reason: string };

/** The directory `cdktf deploy` runs a stack's Terraform in: local state paths are relative to it. */
function deployDir(root: string, stackName: string): string {
  const cdktf = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));
  return join(root, cdktf.output ?? "cdktf.out", "stacks", stackName);
}

/**
 * The location a backend (`local` or `s3`) with `config` names, local paths resolved from the
 * directory Terraform runs in. `shown` is how messages name it (relative to the project).
 */
export function stateLocation(
  backend: string,
  config: { path?: string; bucket?: string; key?: string; region?: string },
  runDir: string,
  root: string,
): StateLocation {
  if (backend === "s3") {
    const { bucket = "", key = "", region = "" } = config;
    return { kind: "s3", bucket, key, region, shown: `s3://${bucket}/${key}` };
  }
  const path = resolve(runDir, config.path ?? "terraform.tfstate");
  return { kind: "local", path, shown: relative(root, path) };
}

/** Where the stack's own backend keeps its state. */
export function backendLocation(stack: SynthesizedStack, root: string): StateLocation {
  const [backend, config] = Object.entries(stack.json.terraform?.backend ?? { local: {} })[0];
  return stateLocation(backend, config as object, deployDir(root, stack.name), root);
}

/** The state text at `location`, or undefined when there is none (no file, no object). */
export async function readState(location: StateLocation): Promise<string | undefined> {
  if (location.kind === "local") {
    if (!existsSync(location.path)) return undefined;
    return readFileSync(location.path, "utf8");
  }
  // The SDK's notice that its releases after January 2027 need Node 22 says nothing about this
  // plan (the SDK version is pinned); unset it to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // Loaded only for S3 backends: the SDK takes a moment to load.
  const { GetObjectCommand, S3Client } = await import("@aws-sdk/client-s3");
  const s3 = new S3Client({ region: location.region });
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
    );
    return await object.Body!.transformToString();
  } catch (error) {
    if ((error as Error).name === "NoSuchKey") return undefined;
    throw unreadable(location.shown, error as Error);
  } finally {
    s3.destroy();
  }
}

/** Why the S3 state `shown` could not be read, and the permissions reading it takes. */
export function unreadable(shown: string, { name, message }: Error): StateRefused {
  const missing =
    name === "AccessDenied"
      ? " (also what S3 answers for a missing object when s3:ListBucket is not allowed)"
      : "";
  return new StateRefused(
    `cannot read ${shown} with the state bucket's credentials (${name}: ${message})${missing}; set AWS_PROFILE or other credentials that may s3:GetObject it, s3:ListBucket the bucket with s3:prefix the key, and kms:Decrypt with the state key if state.s3 has kmsKeyArn.`,
  );
}

/** A state file that must not be planned against; the message names the file and what was expected. */
export class StateRefused extends Error {}

const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

/** The one aws provider alias of a stack (`tutorial`, `hub-us-east-1`). */
function stackAlias(stack: SynthesizedStack): string {
  return stack.json.provider?.aws?.[0]?.alias ?? "";
}

/**
 * Parses `text` as the Terraform state of `stack`, or throws StateRefused: it must be state
 * format version 4 (what Terraform 0.12 and later write), and belong to this stack: every aws
 * resource on the stack's one provider alias and tagged `Stack=<stack>`, and its outputs (if
 * any) among the stack's.
 */
export function checkState(text: string, stack: SynthesizedStack, shown: string): TerraformState {
  const expected = `expected the Terraform state of ${stack.name} (JSON with "version": 4, "lineage" and "resources", as terraform state pull prints it)`;
  // Terraform plans an empty file as no state at all: everything would be created again.
  if (text.trim() === "") {
    throw new StateRefused(
      `${shown} is empty (${text.length} bytes): a deployed stack's state is never empty, and planning against it would create everything again; restore it (terraform-state/<stack>.tfstate.backup, the S3 object's previous version, or terraform state pull), or delete it if ${stack.name} was never deployed.`,
    );
  }
  let state: TerraformState;
  try {
    state = JSON.parse(text);
  } catch {
    throw new StateRefused(
      `${shown} is not Terraform state: it is not JSON (${text.length} bytes; a truncated copy?); ${expected}.`,
    );
  }
  if (
    state === null ||
    typeof state !== "object" ||
    state.version !== 4 ||
    typeof state.lineage !== "string" ||
    !Array.isArray(state.resources)
  ) {
    throw new StateRefused(`${shown} is not Terraform state; ${expected}.`);
  }
  const malformed = state.resources.findIndex((r) => !isStateResource(r));
  if (malformed >= 0) {
    throw new StateRefused(
      `${shown} is not Terraform state: resources[${malformed}] is not a resource ("mode", "type", "name" and "provider" strings, "instances" objects); ${expected}.`,
    );
  }
  const foreign = foreignResource(state, stack);
  if (foreign) {
    throw new StateRefused(
      `${shown} belongs to another stack: ${foreign}; expected the resources of ${stack.name} (provider aws.${stackAlias(stack)}, tag Stack=${stack.name}).`,
    );
  }
  const outputs = Object.keys(state.outputs ?? {});
  const declared = Object.keys(stack.json.output ?? {});
  if (outputs.length > 0 && !outputs.some((o) => declared.includes(o))) {
    throw new StateRefused(
      `${shown} belongs to another stack: its outputs (${outputs.join(", ")}) are none of ${stack.name}'s (${declared.join(", ") || "none"}).`,
    );
  }
  return state;
}

function isStateResource(r: unknown): r is StateResource {
  if (r === null || typeof r !== "object") return false;
  const { mode, type, name, provider, instances } = r as Record<string, unknown>;
  return (
    [mode, type, name, provider].every((v) => typeof v === "string") &&
    (instances === undefined ||
      (Array.isArray(instances) && instances.every((i) => i !== null && typeof i === "object")))
  );
}

/** How the first resource of another stack in `state` gives itself away, or undefined. */
function foreignResource(state: TerraformState, stack: SynthesizedStack): string | undefined {
  const ownProvider = `${AWS_PROVIDER}.${stackAlias(stack)}`;
  for (const r of state.resources) {
    const address = `${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
    if (r.provider.startsWith(AWS_PROVIDER) && r.provider !== ownProvider) {
      const alias = r.provider.slice(AWS_PROVIDER.length + 1) || "(no alias)";
      return `${address} uses provider aws.${alias}`;
    }
    const tagged = r.instances?.find((i) => i.attributes?.tags_all?.Stack !== undefined);
    const tag = tagged?.attributes?.tags_all?.Stack;
    if (tag !== undefined && tag !== stack.name) return `${address} is tagged Stack=${tag}`;
  }
  return undefined;
}

/**
 * The last applied state of each stack, looked for once per stack however many plans read it
 * (an account stack reads its hub's outputs).
 */
export class AppliedStates {
  private readonly found = new Map<string, Promise<AppliedState>>();

  private readonly lastSeen: LastSeen;

  constructor(private readonly root: string) {
    this.lastSeen = new LastSeen(root);
  }

  of(stack: SynthesizedStack): Promise<AppliedState> {
    if (!this.found.has(stack.name)) this.found.set(stack.name, this.look(stack));
    return this.found.get(stack.name)!;
  }

  private async look(stack: SynthesizedStack): Promise<AppliedState> {
    const location = backendLocation(stack, this.root);
    try {
      const text = await readState(location);
      if (text === undefined) return { kind: "new", location };
      const state = checkState(text, stack, location.shown);
      const note = this.lastSeen.check(stack.name, state, location.shown);
      return { kind: "applied", location, state, ...(note ? { note } : {}) };
    } catch (error) {
      if (!(error instanceof StateRefused)) throw error;
      return { kind: "refused", location, reason: error.message };
    }
  }
}

/** A state's identity as Terraform keeps it: the lineage of the state and its serial in it. */
export interface StateVersion {
  readonly serial: number;
  readonly lineage: string;
}

/** `serial 12, lineage 1a2b3c4d` (the lineage's first 8 characters). */
export function versionText({ serial, lineage }: StateVersion): string {
  return `serial ${serial}, lineage ${lineage.slice(0, 8)}`;
}

/** Where the last seen state versions are kept, relative to the project. */
export const LAST_SEEN_FILE = "terraform-state/.last-seen.json";

/**
 * The serial and lineage of the last state of each stack a plan was made against, kept in
 * `terraform-state/.last-seen.json` (gitignored with the states). A state of the same lineage
 * with a lower serial is an older copy (a stale backup, an old download, a bucket version) and is
 * refused: a plan against it shows changes that are already applied. Another lineage (a state
 * created anew) is planned, with a note.
 */
export class LastSeen {
  private readonly file: string;

  constructor(root: string) {
    this.file = join(root, LAST_SEEN_FILE);
  }

  /** Throws StateRefused for an older state; records a newer one; returns a note, if any. */
  check(stack: string, state: TerraformState, shown: string): string | undefined {
    const seen = this.read();
    const last = seen[stack];
    if (last && last.lineage === state.lineage && state.serial < last.serial) {
      throw new StateRefused(
        `${shown} is older than the last state of ${stack} planned against: it has ${versionText(state)}, the last seen had serial ${last.serial}; a plan against it would show changes that are already applied. Use the stack's current state (terraform state pull in cdktf.out/stacks/${stack}), or if this older state really is the current one, delete ${stack} from ${LAST_SEEN_FILE}.`,
      );
    }
    const note =
      last && last.lineage !== state.lineage
        ? `${shown} has another lineage than the last state planned against (${versionText(state)}; last seen ${versionText(last)}): the state was created anew. Check that it is the stack's current state.`
        : undefined;
    if (!last || last.lineage !== state.lineage || state.serial > last.serial) {
      this.write({ ...seen, [stack]: { serial: state.serial, lineage: state.lineage } });
    }
    return note;
  }

  private read(): Record<string, StateVersion> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, "utf8"));
    } catch {
      return {}; // a damaged record protects nothing; it is rewritten
    }
  }

  private write(seen: Record<string, StateVersion>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, `${JSON.stringify(seen, null, 2)}\n`);
  }
}

/**
 * Local states of stacks that are no longer configured but still hold resources: those stay in
 * AWS, unmanaged, unless the stack is destroyed first. One warning line each. (States in S3 are
 * not listed: that would need s3:ListBucket.)
 */
export function leftoverStates(stacks: SynthesizedStack[], root: string): string[] {
  const locations = stacks.map((s) => backendLocation(s, root));
  if (locations.length === 0 || locations.some((l) => l.kind !== "local")) return [];
  const dir = dirname((locations[0] as { path: string }).path);
  if (!existsSync(dir)) return [];
  const configured = new Set(stacks.map((s) => `${s.name}.tfstate`));
  return readdirSync(dir)
    .filter((file) => file.endsWith(".tfstate") && !configured.has(file))
    .sort()
    .flatMap((file) => {
      const stack = file.replace(/\.tfstate$/, "");
      const count = managedResources(join(dir, file));
      if (count === 0) return [];
      return [
        `!! ${relative(root, join(dir, file))} holds ${count} resources of ${stack}, which is no longer configured: they stay in AWS unless it is destroyed first (see the README's "Remove a resource account").`,
      ];
    });
}

function managedResources(path: string): number {
  try {
    const state = JSON.parse(readFileSync(path, "utf8"));
    return (state.resources ?? []).filter((r: StateResource) => r.mode === "managed").length;
  } catch {
    return 0; // not state: nothing known to be left behind
  }
}
