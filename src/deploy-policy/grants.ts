/**
 * What the permission table of each service (services/) is made of: a grant, the stack context,
 * the literal value of a synthesized attribute, and the ARN builders the services share.
 */
import type { SynthesizedStack } from "../review/offline-terraform";
import { producerOf } from "../review/remote-state-defaults";

/** A condition block of an IAM statement (`{ StringEquals: { key: [values] } }`). */
export type PolicyCondition = Record<string, Record<string, string[]>>;

/** Actions a resource needs, on the ARNs its configuration fixes. */
export interface PermissionGrant {
  readonly actions: string[];
  /** Candidate ARNs: each action keeps those its resource types accept. */
  readonly arns: string[];
  readonly condition?: PolicyCondition;
}

/** A resource's configuration (snake_case, as synthesized). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResourceConfig = Record<string, any>;

/** The stack a resource is in, for ARNs and for resolving references to other resources. */
export interface StackContext {
  readonly stack: SynthesizedStack;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Every synthesized stack, to read another stack's outputs through terraform_remote_state. */
  readonly stacks: readonly SynthesizedStack[];
  /** The permission table, to resolve a reference to another resource's ARN or id. */
  readonly rules: Readonly<Record<string, Rules>>;
}

export type Rules = {
  /** The grants of one resource of this type. */
  readonly grants: (config: ResourceConfig, ctx: StackContext) => PermissionGrant[];
  /** The resource's ARN (or ARN pattern), for references such as `${aws_sns_topic.x.arn}`. */
  readonly arn?: (config: ResourceConfig, ctx: StackContext) => string;
  /** The configuration attribute the resource's `id` equals, when it is one. */
  readonly idAttribute?: string;
};

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_.A-Za-z-]+)\}$/;

/**
 * The value of a configuration attribute when the synthesized JSON fixes it: a literal, or a
 * reference to another resource's literal attribute (`${aws_iam_user.app.name}`), its ARN or id
 * when those follow from its configuration, or another stack's output through
 * terraform_remote_state. Anything Terraform computes at apply time is undefined.
 */
export function literal(value: unknown, ctx: StackContext): string | undefined {
  if (typeof value !== "string") return undefined;
  if (!value.includes("${")) return value;
  const match = REFERENCE.exec(value);
  if (!match) return undefined;
  const [, type, name, path] = match;
  if (type === "data") return remoteStateOutput(name, path, ctx);
  const config = ctx.stack.json.resource?.[type]?.[name];
  const rules = ctx.rules[type];
  if (!config) return undefined;
  if (path === "arn" && rules?.arn) return rules.arn(config, ctx);
  if (path === "id" && rules?.idAttribute) return literal(config[rules.idAttribute], ctx);
  return literal(config[path], ctx);
}

/** `terraform_remote_state.<name>.outputs.<output>[.<key>]`, read from the producing stack. */
function remoteStateOutput(name: string, path: string, ctx: StackContext): string | undefined {
  const [kind, dataName, outputs, output, ...keys] = `${name}.${path}`.split(".");
  if (kind !== "terraform_remote_state" || outputs !== "outputs") return undefined;
  const config = ctx.stack.json.data?.terraform_remote_state?.[dataName]?.config ?? {};
  const producer = ctx.stacks.find((s) => s.name === producerOf(config));
  let value = producer?.json.output?.[output]?.value;
  for (const key of keys) value = value?.[key];
  return producer ? literal(value, { ...ctx, stack: producer }) : undefined;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` of the stack's account and region. */
export const regional = (ctx: StackContext, service: string, resource: string) =>
  `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
export const global = (ctx: StackContext, service: string, resource: string) =>
  `arn:${ctx.partition}:${service}::${ctx.accountId}:${resource}`;
export const orAny = (value: string | undefined) => value ?? "*";

export const iamPath = (config: ResourceConfig) => config.path ?? "/";
export const userArn = (config: ResourceConfig, ctx: StackContext) =>
  global(ctx, "iam", `user${iamPath(config)}${orAny(literal(config.name, ctx))}`);
export const groupArn = (config: ResourceConfig, ctx: StackContext) =>
  global(ctx, "iam", `group${iamPath(config)}${orAny(literal(config.name, ctx))}`);
export const roleArn = (config: ResourceConfig, ctx: StackContext) =>
  global(ctx, "iam", `role${iamPath(config)}${orAny(literal(config.name, ctx))}`);

/** The configuration of the resource a reference points at (`${aws_iam_user.app.name}`). */
export function referenced(value: unknown, ctx: StackContext): ResourceConfig | undefined {
  const match = typeof value === "string" ? REFERENCE.exec(value) : null;
  return match ? ctx.stack.json.resource?.[match[1]]?.[match[2]] : undefined;
}

/** The ARN of the IAM user, group or role a reference names, or any of that kind. */
export function iamArnOf(
  kind: "user" | "group" | "role",
  value: unknown,
  ctx: StackContext,
  toArn: (config: ResourceConfig, ctx: StackContext) => string,
): string {
  const config = referenced(value, ctx);
  if (config) return toArn(config, ctx);
  const name = literal(value, ctx);
  return global(ctx, "iam", `${kind}/${name ? `*${name}` : "*"}`);
}

export const bucketArn = (value: unknown, ctx: StackContext) =>
  `arn:${ctx.partition}:s3:::${orAny(literal(value, ctx))}`;
export const zoneArn = (value: unknown, ctx: StackContext) =>
  `arn:${ctx.partition}:route53:::hostedzone/${orAny(literal(value, ctx))}`;
export const routeChanges = (ctx: StackContext) => `arn:${ctx.partition}:route53:::change/*`;
export const ec2 = (ctx: StackContext, resource: string) => regional(ctx, "ec2", resource);
export const secretArn = (config: ResourceConfig, ctx: StackContext) =>
  regional(ctx, "secretsmanager", `secret:${orAny(literal(config.name, ctx))}-*`);
export const sesIdentityArn = (identity: unknown, ctx: StackContext) =>
  regional(ctx, "ses", `identity/${orAny(literal(identity, ctx))}`);
export const sesSetArn = (name: unknown, ctx: StackContext) =>
  regional(ctx, "ses", `configuration-set/${orAny(literal(name, ctx))}`);
export const logGroupArn = (name: unknown, ctx: StackContext) =>
  regional(ctx, "logs", `log-group:${orAny(literal(name, ctx))}`);

/** `iam:PassRole` of the role an attribute references, to one service only. */
export function passRole(value: unknown, service: string, ctx: StackContext): PermissionGrant {
  return {
    actions: ["iam:PassRole"],
    arns: [iamArnOf("role", value, ctx, roleArn)],
    condition: { StringEquals: { "iam:PassedToService": [`${service}.amazonaws.com`] } },
  };
}

/** KMS use by the caller, when a resource names a customer-managed key. */
export function kmsKey(key: unknown, actions: string[], ctx: StackContext): PermissionGrant[] {
  const arn = literal(key, ctx);
  return arn ? [{ actions, arns: [arn] }] : [];
}

/** Route 53 VPC conditions: only the VPC the configuration names. */
export function vpcCondition(vpcId: unknown, ctx: StackContext): PolicyCondition | undefined {
  const id = literal(vpcId, ctx);
  return id ? { "ForAllValues:StringEquals": { "route53:VPCs": [id] } } : undefined;
}

/**
 * `route53:CreateHostedZone` only of a private zone with the configured VPC. `ForAllValues` alone
 * is true when the request names no VPC (a public zone), so the key must also be present.
 */
export function privateZoneCondition(vpcId: unknown, ctx: StackContext): PolicyCondition {
  return { Null: { "route53:VPCs": ["false"] }, ...vpcCondition(vpcId, ctx) };
}

/** One grant: `actions` on the ARNs `arns` finds in the resource's configuration. */
export function single(
  actions: string[],
  arns: (config: ResourceConfig, ctx: StackContext) => string[],
): Rules["grants"] {
  return (config, ctx) => [{ actions, arns: arns(config, ctx) }];
}

/** S3 bucket settings: a get/put pair on the bucket (deleting one is a put of nothing). */
export const bucketSetting = (actions: string[]): Rules => ({
  grants: single(actions, (config, ctx) => [bucketArn(config.bucket, ctx)]),
});
