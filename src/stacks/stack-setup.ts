import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import {
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  S3Backend,
  TerraformOutput,
  TerraformRemoteState,
  TerraformStack,
} from "cdktf";
import { engines } from "../../package.json";
import type { StateConfig } from "../config/schema";
import { projectTags } from "../private/stack-names";

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
    defaultTags: [{ tags: { ...props.tags, ...projectTags(props.stackName) } }],
  });
}

/** Where a stack keeps its state: a local file by default, or the configured S3 bucket. */
export function stateBackend(stack: TerraformStack, stackName: string, state: StateConfig): void {
  // One home for the Terraform versions: package.json `engines.terraform` (S3 lock files,
  // use_lockfile, need 1.10 or later; terraform_data needs 1.4). A test checks the lock file too.
  stack.addOverride("terraform.required_version", engines.terraform);
  if (!state.s3) {
    new LocalBackend(stack, { path: localStatePath(stackName) });
    return;
  }
  const backend = new S3Backend(stack, {
    ...s3Location(stackName, state.s3),
    encrypt: true,
    kmsKeyId: state.s3.kmsKeyArn,
  });
  backend.addOverride("use_lockfile", state.s3.useLockfile);
}

/** Reads another stack's outputs from wherever stateBackend keeps its state. */
export function stackOutputs(
  stack: TerraformStack,
  id: string,
  producerStackName: string,
  state: StateConfig,
): TerraformRemoteState {
  if (!state.s3) {
    return new DataTerraformRemoteStateLocal(stack, id, {
      path: localStatePath(producerStackName),
    });
  }
  return new DataTerraformRemoteStateS3(stack, id, s3Location(producerStackName, state.s3));
}

/**
 * Local state lives in `terraform-state/` beside the cdktf output directory, never inside it:
 * `cdktf synth` deletes stack directories it did not just synthesize, and the state with them.
 * Terraform runs in `<outdir>/stacks/<stack>/`, so the path climbs three levels.
 */
export const LOCAL_STATE_DIR = "terraform-state";

function localStatePath(stackName: string): string {
  return `../../../${LOCAL_STATE_DIR}/${stackName}.tfstate`;
}

function s3Location(stackName: string, s3: NonNullable<StateConfig["s3"]>) {
  return {
    bucket: s3.bucket,
    key: `${s3.keyPrefix.replace(/\/$/, "")}/${stackName}.tfstate`,
    region: s3.region,
  };
}

/** A stack output with its description (outputs are what the README's commands read). */
export function stackOutput(
  stack: TerraformStack,
  id: string,
  value: unknown,
  description: string,
): void {
  new TerraformOutput(stack, id, { value, description });
}
