import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { StateConfig } from "../config/schema";

export interface AccountProviderProps {
  /** Provider alias: identifier-safe and stable (the account or hub name). */
  readonly alias: string;
  readonly accountId: string;
  readonly region: string;
  /** @default - no assume_role: the caller's credentials must already be in the account */
  readonly roleArn?: string;
  /** Stack name, recorded in the session name of the assumed role and in the default tags. */
  readonly stackName: string;
  readonly tags: Record<string, string>;
}

/**
 * The one AWS provider of a stack: aliased, pinned to its account by `allowed_account_ids`,
 * assuming the configured role, and tagging everything it creates.
 */
export function accountProvider(stack: TerraformStack, props: AccountProviderProps): AwsProvider {
  return new AwsProvider(stack, `aws-${props.alias}`, {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [props.accountId],
    assumeRole: props.roleArn
      ? [{ roleArn: props.roleArn, sessionName: `cdktf-${props.stackName}`.slice(0, 64) }]
      : undefined,
    defaultTags: [{ tags: { ManagedBy: "cdktf", Stack: props.stackName, ...props.tags } }],
  });
}

/** Where a stack keeps its state: a local file by default, or the configured S3 bucket. */
export function stateBackend(stack: TerraformStack, stackName: string, state: StateConfig): void {
  if (!state.s3) {
    new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
    return;
  }
  const backend = new S3Backend(stack, {
    bucket: state.s3.bucket,
    key: `${state.s3.keyPrefix.replace(/\/$/, "")}/${stackName}.tfstate`,
    region: state.s3.region,
    encrypt: true,
    kmsKeyId: state.s3.kmsKeyArn,
  });
  backend.addOverride("use_lockfile", state.s3.useLockfile);
}
