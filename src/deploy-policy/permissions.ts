/**
 * What the role in `roleArn` must be allowed to do for each Terraform resource type this project
 * emits: the IAM actions the aws provider (5.100) calls to create, read (plan and refresh),
 * update, tag and delete it, and the ARNs of the resource as far as its synthesized configuration
 * fixes them (names, bucket, VPC and subnet ids; `*` in an ARN where AWS generates the id).
 * One file per service in services/; deploy-policy.ts applies this catalogue to a synthesized stack, and derives the read-only plan
 * role's policy from the same entries (their Describe, Get and List actions); which of these ARNs
 * an action takes, and which actions take none, comes from AWS's service authorization data.
 */
import { partitionOf } from "../private/arn";
import type { SynthesizedStack } from "../review/offline-terraform";
import type { Rules, StackContext } from "./grants";
import { athenaResources } from "./services/athena";
import { cloudwatchResources } from "./services/cloudwatch";
import { glueResources } from "./services/glue";
import { iamResources, iamDataSources } from "./services/iam";
import { firehoseResources } from "./services/firehose";
import { s3Resources } from "./services/s3";
import { secretsManagerResources } from "./services/secrets-manager";
import { sesResources } from "./services/ses";
import { snsResources } from "./services/sns";
import { route53Resources, route53DataSources } from "./services/route53";
import { ec2Resources, ec2DataSources } from "./services/ec2";

export type { PermissionGrant, PolicyCondition, StackContext } from "./grants";

/** Every Terraform resource type the stacks emit, with what its deployer needs. */
export const RULES: Record<string, Rules> = {
  terraform_data: { grants: () => [] },
  ...cloudwatchResources,
  ...glueResources,
  ...athenaResources,
  ...iamResources,
  ...firehoseResources,
  ...s3Resources,
  ...secretsManagerResources,
  ...sesResources,
  ...snsResources,
  ...route53Resources,
  ...ec2Resources,
};

/**
 * Every data source type the stacks emit, with what reading it needs (data sources are read at
 * every plan and apply). terraform_remote_state reads the state backend: see stateGrants in
 * deploy-policy.ts.
 */
export const DATA_RULES: Record<string, Rules> = {
  terraform_remote_state: { grants: () => [] },
  ...iamDataSources,
  ...route53DataSources,
  ...ec2DataSources,
};

/** The context of `stack` for the table: its account, region and partition, and every stack. */
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
    rules: RULES,
  };
}
