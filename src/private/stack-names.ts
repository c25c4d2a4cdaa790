/**
 * Stack names and the tags that carry them: one home below both the configuration checks and the
 * stacks, so neither imports the other for them.
 */

/** The stack name of an account: `ses-<account name>`. */
export function accountStackName(accountName: string): string {
  return `ses-${accountName}`;
}

/** The stack name of the hub of a region: `smtp-hub-<region>`. */
export function smtpHubStackName(region: string): string {
  return `smtp-hub-${region}`;
}

/** The tags the project adds to every resource of a stack; they win over configured tags. */
export function projectTags(stackName: string): Record<string, string> {
  return { ManagedBy: "cdktf", Stack: stackName };
}
