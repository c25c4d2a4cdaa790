/**
 * What `npm run plan` prints: each stack's changes (creates from `terraform plan -json`; updates
 * with the attributes that change, deletions and replacements with why, from `terraform show
 * -json` of the saved plan), and the summary table.
 */
import { StateVersion, versionText, type StateLocation } from "./applied-state";
import type { SynthesizedStack } from "./offline-terraform";

/**
 * Terraform's plan actions on a managed resource (a delete-and-create is a replace; `import`: an
 * `import` block adopts an existing object unchanged; `forget`: a `removed` block with
 * `destroy = false` drops it from the state and leaves it in AWS).
 */
export type Action = "create" | "update" | "delete" | "replace" | "import" | "forget";
/** The actions the summary table counts. */
const TABLE_ACTIONS: Action[] = ["create", "update", "delete", "replace"];
const ACTIONS: Action[] = [...TABLE_ACTIONS, "import", "forget"];
const SYMBOL: Record<Action, string> = {
  create: "+",
  update: "~",
  delete: "-",
  replace: "-+",
  import: "<=",
  forget: "..",
};

/** The `-json` UI's words for a forget and an import that changes nothing. */
const STREAM_ACTIONS: Record<string, Action> = { remove: "forget", forget: "forget" };

export interface PlannedChange {
  readonly address: string;
  readonly action: Action;
  /** The provider configuration the resource uses (`aws.<alias>`). */
  readonly provider: string;
  /**
   * For an update, the attributes that change; for a replacement, those that force it
   * (Terraform's `replace_paths`).
   */
  readonly attributes: string[];
  /** Terraform's `action_reason` for a replacement or deletion. */
  readonly reason?: string;
  /** A replacement that creates the new object before destroying the old (create_before_destroy). */
  readonly createFirst?: boolean;
  /** For a deletion or replacement of a resource that holds data: what is lost, or why it fails. */
  readonly consequence?: string;
  /** The id an `import` block adopts the object by (an import that also updates is an update). */
  readonly importId?: string;
}

/** One stack's plan: its changes, or why it failed or was refused; and how long it took. */
export interface StackPlan {
  readonly name: string;
  readonly seconds: number;
  /** The last applied state the plan started from; undefined for a new stack. */
  readonly against?: StateLocation;
  /** The serial and lineage of that state. */
  readonly version?: StateVersion;
  /** True when the stack was not planned at all (a refused state). */
  readonly refused?: boolean;
  readonly changes: PlannedChange[];
  readonly errors: string[];
  /** What the reader should know about the plan's inputs (placeholders for outputs not deployed). */
  readonly notes: string[];
}

/**
 * What the machine-readable output of `terraform plan -json` tells: each planned change (without
 * attributes or reasons: those are in `terraform show -json`, needed only when something is
 * updated, replaced or deleted) and each error diagnostic as one line.
 */
export function planStream(
  stack: SynthesizedStack,
  stdout: string,
): { changes: PlannedChange[]; errors: string[] } {
  const changes: PlannedChange[] = [];
  const errors: string[] = [];
  for (const line of stdout.split("\n").filter((l) => l.startsWith("{"))) {
    const message = JSON.parse(line);
    const action = streamAction(message);
    if (action) {
      const { resource_type: type, resource_name: name, addr } = message.change.resource;
      const provider = providerOf(stack, type, name);
      const importId = message.change.importing?.id;
      changes.push({
        address: addr,
        action,
        provider,
        attributes: [],
        ...(importId !== undefined ? { importId } : {}),
      });
    }
    if (message.type === "diagnostic" && message.diagnostic.severity === "error") {
      const d = message.diagnostic;
      errors.push(
        `${d.summary}${d.detail ? `: ${d.detail}` : ""}${d.address ? ` (${d.address})` : ""}`,
      );
    }
  }
  return { changes: changes.sort(byAddress), errors };
}

const byAddress = (a: PlannedChange, b: PlannedChange) => (a.address < b.address ? -1 : 1);

/** The action of a `planned_change` line of `terraform plan -json`, if it is one we report. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function streamAction(message: any): Action | undefined {
  if (message.type !== "planned_change") return undefined;
  const action: string = message.change.action;
  if (action === "noop" && message.change.importing) return "import";
  return STREAM_ACTIONS[action] ?? ACTIONS.find((a) => a === action);
}

/** The managed-resource changes of `terraform show -json` of a saved plan, by address. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function plannedChanges(stack: SynthesizedStack, plan: any): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const importId: string | undefined = rc.change.importing?.id;
    const action = rc.mode === "managed" ? actionOf(rc.change.actions, importId) : undefined;
    if (!action) continue;
    const attributes =
      action === "update"
        ? changedAttributes(rc.change)
        : action === "replace"
          ? (rc.change.replace_paths ?? []).map(pathText)
          : [];
    changes.push({
      address: rc.address,
      action,
      provider: providerOf(stack, rc.type, rc.name),
      attributes,
      ...(rc.action_reason ? { reason: rc.action_reason } : {}),
      ...(action === "replace" && rc.change.actions[0] === "create" ? { createFirst: true } : {}),
      ...withConsequence(action, rc.type, rc.change.before),
      ...(importId !== undefined ? { importId } : {}),
    });
  }
  return changes.sort(byAddress);
}

function actionOf(actions: string[], importId: string | undefined): Action | undefined {
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  if (actions.length === 1 && actions[0] === "no-op" && importId !== undefined) return "import";
  return actions.length === 1 ? ACTIONS.find((a) => a === actions[0]) : undefined;
}

/**
 * Top-level attributes whose planned value differs from the applied one, and the values only
 * known after apply (computed from something that changes), marked so wherever they are nested:
 * `extended_s3_configuration[0].bucket_arn (known after apply)`.
 */
function changedAttributes(change: {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  after_unknown?: Record<string, unknown>;
}): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((k) => {
    const unknown = unknownPaths(change.after_unknown?.[k], [k]);
    if (unknown.length === 1 && unknown[0].length === 1) return [`${k} (known after apply)`];
    const known = withoutPaths(before[k], unknown, 1);
    const differs = JSON.stringify(known ?? null) !== JSON.stringify(after[k] ?? null);
    return [
      ...(differs ? [k] : []),
      ...unknown.map((path) => `${pathText(path)} (known after apply)`),
    ];
  });
}

/** The paths of the `true` leaves of an `after_unknown` value, below `path`. */
function unknownPaths(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (value === true) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownPaths(v, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => unknownPaths(v, [...path, k]));
  }
  return [];
}

/**
 * `value` with the values at `paths` (from `depth` on) removed as Terraform's `after` leaves them
 * (absent: null in a list), so only its known parts are compared.
 */
function withoutPaths(value: unknown, paths: (string | number)[][], depth: number): unknown {
  if (paths.some((p) => p.length === depth)) return undefined;
  if (value === null || typeof value !== "object") return value;
  const below = (key: string | number) => paths.filter((p) => p[depth] === key);
  if (Array.isArray(value)) {
    return value.map((v, i) => withoutPaths(v, below(i), depth + 1) ?? null);
  }
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const w = withoutPaths(v, below(key), depth + 1);
    if (w !== undefined) kept[key] = w;
  }
  return kept;
}

/**
 * What a deletion or replacement of a resource that holds data costs, from its applied state:
 * objects, log events, secret values. Nothing for other resources.
 */
function withConsequence(
  action: Action,
  type: string,
  before: Record<string, unknown> | null | undefined,
): { consequence?: string } {
  if (action !== "delete" && action !== "replace") return {};
  const consequence = CONSEQUENCES[type]?.(before ?? {});
  return consequence ? { consequence } : {};
}

const CONSEQUENCES: Record<string, (before: Record<string, unknown>) => string> = {
  aws_s3_bucket: (b) =>
    b.force_destroy === true
      ? `every object in bucket ${b.bucket} is deleted with it (force_destroy)`
      : `bucket ${b.bucket} must be empty: if it holds objects, the apply fails with BucketNotEmpty after the bucket's policy, public access block, encryption and lifecycle are removed (see docs/review.md "Rename or remove the event bucket")`,
  aws_cloudwatch_log_group: (b) =>
    b.skip_destroy === true
      ? `log group ${b.name} stays in AWS, no longer managed (skip_destroy)`
      : `every log event in log group ${b.name} is deleted`,
  aws_secretsmanager_secret: (b) =>
    b.recovery_window_in_days === 0
      ? `secret ${b.name} and its value are deleted at once`
      : `secret ${b.name} is scheduled for deletion (restorable for ${b.recovery_window_in_days ?? 30} days) and its name cannot be reused until then`,
};

/** `["cloudwatch_destination", 0, "dimension_configuration"]` → `cloudwatch_destination[0].dimension_configuration` */
function pathText(path: (string | number)[]): string {
  return path
    .map((step, i) => (typeof step === "number" ? `[${step}]` : i ? `.${step}` : step))
    .join("");
}

/**
 * The provider of a resource: its `provider` argument, or for one that is only in the state (a
 * deletion), the stack's one provider of its type (`terraform_data`: `terraform`).
 */
function providerOf(stack: SynthesizedStack, type: string, name: string): string {
  const configured = stack.json.resource?.[type]?.[name]?.provider;
  if (configured) return configured;
  const prefix = type.split("_")[0];
  const alias = stack.json.provider?.[prefix]?.[0]?.alias;
  return alias ? `${prefix}.${alias}` : prefix;
}

/** Why Terraform replaces or deletes a resource, in words. */
function why(change: PlannedChange): string {
  switch (change.reason) {
    case "replace_because_cannot_update":
      return change.attributes.length > 0
        ? `${change.attributes.join(", ")} cannot be updated in place`
        : "an argument cannot be updated in place";
    case "replace_by_triggers":
      return "its replace_triggered_by changed";
    case "replace_because_tainted":
      return "it is tainted";
    case "replace_by_request":
      return "-replace was requested";
    case "delete_because_no_resource_config":
      return "no longer in the configuration";
    default:
      return change.reason ? change.reason.replace(/_/g, " ") : "see terraform show";
  }
}

function detail(change: PlannedChange): string {
  const imported = change.importId !== undefined ? `  imported (id ${change.importId})` : "";
  switch (change.action) {
    case "import":
      return `${imported}: the existing object is adopted as it is, nothing is created`;
    case "forget":
      return "  forgotten: leaves this state and stays in AWS (removed, destroy = false); nothing is deleted";
    case "update":
      return `${imported ? `${imported}, then` : " "} changes ${change.attributes.join(", ")}`;
    case "replace":
      return `  !! replaced${change.createFirst ? " (new one created first)" : ""}: ${why(change)}${lost(change)}`;
    case "delete":
      return `  !! destroyed: ${why(change)}${lost(change)}`;
    default:
      return "";
  }
}

const lost = (change: PlannedChange) => (change.consequence ? `; ${change.consequence}` : "");

const count = (plan: StackPlan, action: Action) =>
  plan.changes.filter((c) => c.action === action).length;

/** The stack's header: totals, and what they were planned against. */
function header(plan: StackPlan): string {
  if (plan.refused) return `\n== ${plan.name}: not planned`;
  if (plan.errors.length > 0) return `\n== ${plan.name}: plan failed`;
  const totals = ACTIONS.filter((a) => count(plan, a) > 0)
    .map((a) => `${count(plan, a)} to ${a}`)
    .join(", ");
  const basis = plan.against
    ? `against the last applied state ${plan.against.shown}`
    : "new stack: everything is created";
  return `\n== ${plan.name}: ${totals || "no changes"} (${basis})`;
}

/** One stack's group of lines: totals, every change with its provider and details, notes. */
export function report(plan: StackPlan): string {
  const lines = [header(plan), ...plan.notes.map((n) => `  note: ${n}`)];
  if (plan.errors.length > 0)
    return [...lines, ...plan.errors.map((e) => `  error: ${e}`)].join("\n");
  for (const change of plan.changes) {
    lines.push(
      `  ${SYMBOL[change.action].padEnd(2)} ${change.address}  [${change.provider}]${detail(change)}`,
    );
  }
  const destructive = count(plan, "delete") + count(plan, "replace");
  if (destructive > 0)
    lines.push(`  !! ${destructive} deletion(s) or replacement(s): review before deploying.`);
  return lines.join("\n");
}

/**
 * The summary table: one row per stack in plan order, with the state it was planned against and
 * that state's serial and lineage.
 */
export function summaryTable(plans: StackPlan[]): string {
  const header = ["stack", "state", "create", "update", "delete", "replace", "seconds"];
  const rows = plans.map((p) => [
    p.refused ? `${p.name} (NOT PLANNED)` : p.errors.length > 0 ? `${p.name} (FAILED)` : p.name,
    [p.against?.kind ?? "new", ...(p.version ? [versionText(p.version)] : [])].join(" "),
    ...TABLE_ACTIONS.map((a) => String(count(p, a))),
    p.seconds.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return ["", line(header), ...rows.map(line)].join("\n");
}

/** The closing lines: how the plans were made and what they cannot see. */
export function closingNote(outdir: string): string {
  return [
    "",
    "Refresh was off (terraform plan -refresh=false): each plan compares the configuration with the",
    "stack's last applied state, not with AWS, so changes made outside Terraform (drift) are not",
    "shown. For a refreshed plan, with credentials that can assume the stack's role:",
    "npx cdktf diff <stack> (or terraform plan in cdktf.out/stacks/<stack>).",
    "Plans were made offline with dummy credentials, no account was called and nothing was",
    `deployed; the stacks are in ${outdir}.`,
  ].join("\n");
}
