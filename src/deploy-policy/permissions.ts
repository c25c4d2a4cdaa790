/**
 * What the role in `roleArn` must be allowed to do for each Terraform resource type this project
 * emits: the IAM actions the aws provider (5.100) calls to create, read (plan and refresh),
 * update, tag and delete it, and the ARNs of the resource as far as its synthesized configuration
 * fixes them (names, bucket, VPC and subnet ids; `*` in an ARN where AWS generates the id).
 * deploy-policy.ts applies this catalogue to a synthesized stack, and derives the read-only plan
 * role's policy from the same entries (their Describe, Get and List actions); which of these ARNs
 * an action takes, and which actions take none, comes from AWS's service authorization data.
 */
import { partitionOf } from "../private/arn";
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
type ResourceConfig = Record<string, any>;

/** The stack a resource is in, for ARNs and for resolving references to other resources. */
export interface StackContext {
  readonly stack: SynthesizedStack;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Every synthesized stack, to read another stack's outputs through terraform_remote_state. */
  readonly stacks: readonly SynthesizedStack[];
}

export function stackContext(
  stack: SynthesizedStack,
  stacks: readonly SynthesizedStack[],
): StackContext {
  const provider = stack.json.provider?.aws?.[0] ?? {};
  const region: string = provider.region;
  return {
    stack,
    stacks,
    region,
    partition: partitionOf(region),
    accountId: provider.allowed_account_ids?.[0],
  };
}

type Rules = {
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
  const rules = RULES[type];
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
const regional = (ctx: StackContext, service: string, resource: string) =>
  `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${resource}`;
const global = (ctx: StackContext, service: string, resource: string) =>
  `arn:${ctx.partition}:${service}::${ctx.accountId}:${resource}`;
const orAny = (value: string | undefined) => value ?? "*";

const iamPath = (config: ResourceConfig) => config.path ?? "/";
const userArn = (config: ResourceConfig, ctx: StackContext) =>
  global(ctx, "iam", `user${iamPath(config)}${orAny(literal(config.name, ctx))}`);
const groupArn = (config: ResourceConfig, ctx: StackContext) =>
  global(ctx, "iam", `group${iamPath(config)}${orAny(literal(config.name, ctx))}`);
const roleArn = (config: ResourceConfig, ctx: StackContext) =>
  global(ctx, "iam", `role${iamPath(config)}${orAny(literal(config.name, ctx))}`);

/** The configuration of the resource a reference points at (`${aws_iam_user.app.name}`). */
function referenced(value: unknown, ctx: StackContext): ResourceConfig | undefined {
  const match = typeof value === "string" ? REFERENCE.exec(value) : null;
  return match ? ctx.stack.json.resource?.[match[1]]?.[match[2]] : undefined;
}

/** The ARN of the IAM user, group or role a reference names, or any of that kind. */
function iamArnOf(
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

const bucketArn = (value: unknown, ctx: StackContext) =>
  `arn:${ctx.partition}:s3:::${orAny(literal(value, ctx))}`;
const zoneArn = (value: unknown, ctx: StackContext) =>
  `arn:${ctx.partition}:route53:::hostedzone/${orAny(literal(value, ctx))}`;
const routeChanges = (ctx: StackContext) => `arn:${ctx.partition}:route53:::change/*`;
const ec2 = (ctx: StackContext, resource: string) => regional(ctx, "ec2", resource);
const secretArn = (config: ResourceConfig, ctx: StackContext) =>
  regional(ctx, "secretsmanager", `secret:${orAny(literal(config.name, ctx))}-*`);
const sesIdentityArn = (identity: unknown, ctx: StackContext) =>
  regional(ctx, "ses", `identity/${orAny(literal(identity, ctx))}`);
const sesSetArn = (name: unknown, ctx: StackContext) =>
  regional(ctx, "ses", `configuration-set/${orAny(literal(name, ctx))}`);
const logGroupArn = (name: unknown, ctx: StackContext) =>
  regional(ctx, "logs", `log-group:${orAny(literal(name, ctx))}`);

/** `iam:PassRole` of the role an attribute references, to one service only. */
function passRole(value: unknown, service: string, ctx: StackContext): PermissionGrant {
  return {
    actions: ["iam:PassRole"],
    arns: [iamArnOf("role", value, ctx, roleArn)],
    condition: { StringEquals: { "iam:PassedToService": [`${service}.amazonaws.com`] } },
  };
}

/** KMS use by the caller, when a resource names a customer-managed key. */
function kmsKey(key: unknown, actions: string[], ctx: StackContext): PermissionGrant[] {
  const arn = literal(key, ctx);
  return arn ? [{ actions, arns: [arn] }] : [];
}

/** Route 53 VPC conditions: only the VPC the configuration names. */
function vpcCondition(vpcId: unknown, ctx: StackContext): PolicyCondition | undefined {
  const id = literal(vpcId, ctx);
  return id ? { "ForAllValues:StringEquals": { "route53:VPCs": [id] } } : undefined;
}

/**
 * `route53:CreateHostedZone` only of a private zone with the configured VPC. `ForAllValues` alone
 * is true when the request names no VPC (a public zone), so the key must also be present.
 */
function privateZoneCondition(vpcId: unknown, ctx: StackContext): PolicyCondition {
  return { Null: { "route53:VPCs": ["false"] }, ...vpcCondition(vpcId, ctx) };
}

/** One grant: `actions` on the ARNs `arns` finds in the resource's configuration. */
function single(
  actions: string[],
  arns: (config: ResourceConfig, ctx: StackContext) => string[],
): Rules["grants"] {
  return (config, ctx) => [{ actions, arns: arns(config, ctx) }];
}

/** S3 bucket settings: a get/put pair on the bucket (deleting one is a put of nothing). */
const bucketSetting = (actions: string[]): Rules => ({
  grants: single(actions, (config, ctx) => [bucketArn(config.bucket, ctx)]),
});

/** Every Terraform resource type the stacks emit, with what its deployer needs. */
export const RULES: Record<string, Rules> = {
  terraform_data: { grants: () => [] },
  aws_cloudwatch_log_group: {
    idAttribute: "name",
    arn: (config, ctx) => logGroupArn(config.name, ctx),
    grants: (config, ctx) => [
      {
        actions: [
          "logs:CreateLogGroup",
          "logs:DeleteLogGroup",
          "logs:DescribeLogGroups",
          "logs:PutRetentionPolicy",
          "logs:DeleteRetentionPolicy",
          "logs:ListTagsForResource",
          "logs:TagResource",
          "logs:UntagResource",
          ...(config.kms_key_id ? ["logs:AssociateKmsKey", "logs:DisassociateKmsKey"] : []),
        ],
        arns: [logGroupArn(config.name, ctx), `${logGroupArn(config.name, ctx)}:*`],
      },
    ],
  },
  aws_cloudwatch_log_stream: {
    idAttribute: "name",
    grants: single(
      ["logs:CreateLogStream", "logs:DeleteLogStream", "logs:DescribeLogStreams"],
      (config, ctx) => [
        `${logGroupArn(config.log_group_name, ctx)}:log-stream:${orAny(literal(config.name, ctx))}`,
        `${logGroupArn(config.log_group_name, ctx)}:*`,
      ],
    ),
  },
  aws_cloudwatch_metric_alarm: {
    idAttribute: "alarm_name",
    grants: single(
      [
        "cloudwatch:PutMetricAlarm",
        "cloudwatch:DescribeAlarms",
        "cloudwatch:DeleteAlarms",
        "cloudwatch:ListTagsForResource",
        "cloudwatch:TagResource",
        "cloudwatch:UntagResource",
      ],
      (config, ctx) => [
        regional(ctx, "cloudwatch", `alarm:${orAny(literal(config.alarm_name, ctx))}`),
      ],
    ),
  },
  aws_iam_user: {
    idAttribute: "name",
    arn: userArn,
    grants: (config, ctx) => [
      {
        actions: [
          "iam:CreateUser",
          "iam:GetUser",
          "iam:DeleteUser",
          "iam:TagUser",
          "iam:UntagUser",
          "iam:ListGroupsForUser",
          ...(config.permissions_boundary
            ? ["iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"]
            : []),
        ],
        arns: [userArn(config, ctx)],
      },
    ],
  },
  aws_iam_group: {
    idAttribute: "name",
    arn: groupArn,
    grants: single(["iam:CreateGroup", "iam:GetGroup", "iam:DeleteGroup"], (config, ctx) => [
      groupArn(config, ctx),
    ]),
  },
  aws_iam_group_policy: {
    grants: single(
      ["iam:PutGroupPolicy", "iam:GetGroupPolicy", "iam:DeleteGroupPolicy"],
      (config, ctx) => [iamArnOf("group", config.group, ctx, groupArn)],
    ),
  },
  aws_iam_user_group_membership: {
    grants: single(
      ["iam:AddUserToGroup", "iam:RemoveUserFromGroup", "iam:ListGroupsForUser"],
      (config, ctx) => [
        iamArnOf("user", config.user, ctx, userArn),
        ...(config.groups as unknown[]).map((g) => iamArnOf("group", g, ctx, groupArn)),
      ],
    ),
  },
  aws_iam_access_key: {
    grants: single(
      ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey", "iam:DeleteAccessKey"],
      (config, ctx) => [iamArnOf("user", config.user, ctx, userArn)],
    ),
  },
  aws_iam_role: {
    idAttribute: "name",
    arn: roleArn,
    grants: single(
      [
        "iam:CreateRole",
        "iam:GetRole",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
        "iam:UpdateAssumeRolePolicy",
        "iam:DeleteRole",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
      ],
      (config, ctx) => [roleArn(config, ctx)],
    ),
  },
  aws_iam_role_policy: {
    grants: single(
      ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
      (config, ctx) => [iamArnOf("role", config.role, ctx, roleArn)],
    ),
  },
  aws_kinesis_firehose_delivery_stream: {
    arn: (config, ctx) =>
      regional(ctx, "firehose", `deliverystream/${orAny(literal(config.name, ctx))}`),
    grants: (config, ctx) => [
      {
        actions: [
          "firehose:CreateDeliveryStream",
          "firehose:DescribeDeliveryStream",
          "firehose:UpdateDestination",
          "firehose:DeleteDeliveryStream",
          "firehose:ListTagsForDeliveryStream",
          "firehose:TagDeliveryStream",
          "firehose:UntagDeliveryStream",
          "firehose:StartDeliveryStreamEncryption",
          "firehose:StopDeliveryStreamEncryption",
        ],
        arns: [RULES.aws_kinesis_firehose_delivery_stream.arn!(config, ctx)],
      },
      passRole(config.extended_s3_configuration?.role_arn, "firehose", ctx),
      ...kmsKey(
        config.server_side_encryption?.key_arn,
        ["kms:CreateGrant", "kms:DescribeKey"],
        ctx,
      ),
    ],
  },
  aws_s3_bucket: {
    idAttribute: "bucket",
    arn: (config, ctx) => bucketArn(config.bucket, ctx),
    grants: (config, ctx) => [
      {
        actions: [
          "s3:CreateBucket",
          "s3:DeleteBucket",
          "s3:ListBucket",
          "s3:GetBucketLocation",
          "s3:GetBucketPolicy",
          "s3:GetBucketAcl",
          "s3:GetBucketCORS",
          "s3:GetBucketWebsite",
          "s3:GetBucketVersioning",
          "s3:GetAccelerateConfiguration",
          "s3:GetBucketRequestPayment",
          "s3:GetBucketLogging",
          "s3:GetLifecycleConfiguration",
          "s3:GetReplicationConfiguration",
          "s3:GetEncryptionConfiguration",
          "s3:GetBucketObjectLockConfiguration",
          "s3:GetBucketTagging",
          "s3:PutBucketTagging",
          ...(config.force_destroy === true ? ["s3:ListBucketVersions"] : []),
        ],
        arns: [bucketArn(config.bucket, ctx)],
      },
      ...(config.force_destroy === true
        ? [
            {
              actions: ["s3:DeleteObject", "s3:DeleteObjectVersion"],
              arns: [`${bucketArn(config.bucket, ctx)}/*`],
            },
          ]
        : []),
    ],
  },
  aws_s3_bucket_lifecycle_configuration: bucketSetting([
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ]),
  aws_s3_bucket_ownership_controls: bucketSetting([
    "s3:PutBucketOwnershipControls",
    "s3:GetBucketOwnershipControls",
  ]),
  aws_s3_bucket_policy: bucketSetting([
    "s3:PutBucketPolicy",
    "s3:GetBucketPolicy",
    "s3:DeleteBucketPolicy",
  ]),
  aws_s3_bucket_public_access_block: bucketSetting([
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ]),
  aws_s3_bucket_server_side_encryption_configuration: bucketSetting([
    "s3:PutEncryptionConfiguration",
    "s3:GetEncryptionConfiguration",
  ]),
  aws_s3_bucket_versioning: bucketSetting(["s3:PutBucketVersioning", "s3:GetBucketVersioning"]),
  aws_s3_bucket_logging: bucketSetting(["s3:PutBucketLogging", "s3:GetBucketLogging"]),
  aws_secretsmanager_secret: {
    arn: secretArn,
    grants: single(
      [
        "secretsmanager:CreateSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetResourcePolicy",
        "secretsmanager:UpdateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:TagResource",
        "secretsmanager:UntagResource",
      ],
      (config, ctx) => [secretArn(config, ctx)],
    ),
  },
  aws_secretsmanager_secret_version: {
    grants: (config, ctx) => {
      const secret = referenced(config.secret_id, ctx);
      return [
        {
          actions: [
            "secretsmanager:PutSecretValue",
            "secretsmanager:GetSecretValue",
            "secretsmanager:DescribeSecret",
            "secretsmanager:UpdateSecretVersionStage",
          ],
          arns: [secret ? secretArn(secret, ctx) : regional(ctx, "secretsmanager", "secret:*")],
        },
        ...kmsKey(secret?.kms_key_id, ["kms:GenerateDataKey", "kms:Decrypt"], ctx),
      ];
    },
  },
  aws_ses_configuration_set: {
    idAttribute: "name",
    arn: (config, ctx) => sesSetArn(config.name, ctx),
    grants: (config, ctx) => [
      {
        actions: [
          "ses:CreateConfigurationSet",
          "ses:DescribeConfigurationSet",
          "ses:DeleteConfigurationSet",
          "ses:PutConfigurationSetDeliveryOptions",
          "ses:UpdateConfigurationSetSendingEnabled",
          "ses:UpdateConfigurationSetReputationMetricsEnabled",
          ...(config.tracking_options
            ? [
                "ses:CreateConfigurationSetTrackingOptions",
                "ses:UpdateConfigurationSetTrackingOptions",
                "ses:DeleteConfigurationSetTrackingOptions",
              ]
            : []),
        ],
        arns: [sesSetArn(config.name, ctx)],
      },
    ],
  },
  aws_ses_event_destination: {
    grants: (config, ctx) => [
      {
        actions: [
          "ses:CreateConfigurationSetEventDestination",
          "ses:DeleteConfigurationSetEventDestination",
          "ses:DescribeConfigurationSet",
        ],
        arns: [sesSetArn(config.configuration_set_name, ctx)],
      },
      ...(config.kinesis_destination
        ? [passRole(config.kinesis_destination.role_arn, "ses", ctx)]
        : []),
    ],
  },
  aws_sesv2_email_identity: {
    idAttribute: "email_identity",
    grants: (config, ctx) => {
      const identity = sesIdentityArn(config.email_identity, ctx);
      return [
        {
          actions: [
            "ses:CreateEmailIdentity",
            "ses:GetEmailIdentity",
            "ses:DeleteEmailIdentity",
            "ses:PutEmailIdentityDkimSigningAttributes",
            "ses:ListTagsForResource",
            "ses:TagResource",
            "ses:UntagResource",
          ],
          arns: [identity],
        },
        ...(config.configuration_set_name
          ? [
              {
                actions: ["ses:PutEmailIdentityConfigurationSetAttributes"],
                arns: [identity, sesSetArn(config.configuration_set_name, ctx)],
              },
            ]
          : []),
      ];
    },
  },
  aws_sesv2_email_identity_mail_from_attributes: {
    grants: single(
      ["ses:PutEmailIdentityMailFromAttributes", "ses:GetEmailIdentity"],
      (config, ctx) => [sesIdentityArn(config.email_identity, ctx)],
    ),
  },
  aws_sns_topic: {
    arn: (config, ctx) => regional(ctx, "sns", orAny(literal(config.name, ctx))),
    grants: single(
      [
        "sns:CreateTopic",
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:DeleteTopic",
        "sns:ListTagsForResource",
        "sns:TagResource",
        "sns:UntagResource",
      ],
      (config, ctx) => [RULES.aws_sns_topic.arn!(config, ctx)],
    ),
  },
  aws_sns_topic_policy: {
    grants: single(["sns:SetTopicAttributes", "sns:GetTopicAttributes"], (config, ctx) => [
      orAny(literal(config.arn, ctx)),
    ]),
  },
  aws_sns_topic_subscription: {
    grants: single(
      [
        "sns:Subscribe",
        "sns:Unsubscribe",
        "sns:GetSubscriptionAttributes",
        "sns:SetSubscriptionAttributes",
      ],
      (config, ctx) => [orAny(literal(config.topic_arn, ctx))],
    ),
  },
  aws_route53_record: {
    grants: single(
      [
        "route53:ChangeResourceRecordSets",
        "route53:ListResourceRecordSets",
        "route53:GetHostedZone",
        "route53:GetChange",
      ],
      (config, ctx) => [zoneArn(config.zone_id, ctx), routeChanges(ctx)],
    ),
  },
  aws_route53_zone: {
    grants: (config, ctx) => [
      {
        actions: ["route53:CreateHostedZone"],
        arns: [zoneArn(undefined, ctx)],
        condition: privateZoneCondition(config.vpc?.[0]?.vpc_id, ctx),
      },
      {
        actions: [
          "route53:GetHostedZone",
          "route53:UpdateHostedZoneComment",
          "route53:DeleteHostedZone",
          "route53:ListResourceRecordSets",
          "route53:ListTagsForResource",
          "route53:ChangeTagsForResource",
          "route53:GetChange",
          // npm run adopt looks the zone up by name (src/adopt/discovery.ts).
          "route53:ListHostedZonesByName",
          "ec2:DescribeVpcs",
        ],
        arns: [zoneArn(undefined, ctx), routeChanges(ctx)],
      },
    ],
  },
  aws_route53_vpc_association_authorization: {
    grants: (config, ctx) => [
      {
        actions: [
          "route53:CreateVPCAssociationAuthorization",
          "route53:DeleteVPCAssociationAuthorization",
          "route53:ListVPCAssociationAuthorizations",
        ],
        arns: [zoneArn(config.zone_id, ctx)],
        condition: vpcCondition(config.vpc_id, ctx),
      },
    ],
  },
  aws_route53_zone_association: {
    grants: (config, ctx) => [
      {
        actions: [
          "route53:AssociateVPCWithHostedZone",
          "route53:DisassociateVPCFromHostedZone",
          "route53:ListHostedZonesByVPC",
          "route53:GetChange",
          "ec2:DescribeVpcs",
        ],
        arns: [zoneArn(config.zone_id, ctx), routeChanges(ctx)],
        condition: vpcCondition(config.vpc_id, ctx),
      },
    ],
  },
  aws_security_group: {
    grants: single(
      [
        "ec2:CreateSecurityGroup",
        "ec2:DescribeSecurityGroups",
        "ec2:RevokeSecurityGroupEgress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:DeleteSecurityGroup",
        "ec2:CreateTags",
        "ec2:DeleteTags",
        "ec2:DescribeNetworkInterfaces",
      ],
      (config, ctx) => [
        ec2(ctx, "security-group/*"),
        ec2(ctx, `vpc/${orAny(literal(config.vpc_id, ctx))}`),
      ],
    ),
  },
  aws_vpc_security_group_ingress_rule: {
    grants: single(
      [
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:ModifySecurityGroupRules",
        "ec2:DescribeSecurityGroupRules",
        "ec2:CreateTags",
        "ec2:DeleteTags",
      ],
      (_config, ctx) => [ec2(ctx, "security-group/*"), ec2(ctx, "security-group-rule/*")],
    ),
  },
  aws_vpc_endpoint: {
    grants: single(
      [
        "ec2:CreateVpcEndpoint",
        "ec2:DescribeVpcEndpoints",
        "ec2:ModifyVpcEndpoint",
        "ec2:DeleteVpcEndpoints",
        "ec2:DescribePrefixLists",
        "ec2:CreateTags",
        "ec2:DeleteTags",
      ],
      (config, ctx) => [
        ec2(ctx, "vpc-endpoint/*"),
        ec2(ctx, `vpc/${orAny(literal(config.vpc_id, ctx))}`),
        ...((config.subnet_ids ?? []) as unknown[]).map((s) =>
          ec2(ctx, `subnet/${orAny(literal(s, ctx))}`),
        ),
        ec2(ctx, "security-group/*"),
      ],
    ),
  },
};

/**
 * Every data source type the stacks emit, with what reading it needs (data sources are read at
 * every plan and apply). terraform_remote_state reads the state backend: see stateGrants in
 * deploy-policy.ts.
 */
export const DATA_RULES: Record<string, Rules> = {
  aws_iam_policy_document: { grants: () => [] },
  terraform_remote_state: { grants: () => [] },
  aws_vpc_endpoint: {
    grants: single(["ec2:DescribeVpcEndpoints"], (_config, ctx) => [ec2(ctx, "vpc-endpoint/*")]),
  },
  aws_route53_zone: {
    grants: single(["route53:GetHostedZone", "route53:ListTagsForResource"], (config, ctx) => [
      zoneArn(config.zone_id, ctx),
    ]),
  },
  aws_security_group: {
    grants: single(["ec2:DescribeSecurityGroups"], (_config, ctx) => [
      ec2(ctx, "security-group/*"),
    ]),
  },
  aws_iam_role: {
    grants: single(["iam:GetRole"], (config, ctx) => [roleArn(config, ctx)]),
  },
};
