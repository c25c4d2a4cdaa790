/**
 * One statement of an IAM policy, in the policy language's own JSON shape. Policies are built from
 * these and rendered at synthesis (never through an `aws_iam_policy_document` data source, which
 * Terraform re-reads at apply whenever a resource it references has any pending change, so the
 * policy, and anything keyed on it, would show as changed in plans where nothing about it changes).
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | { readonly Service: string } | { readonly AWS: string };
  readonly Action: readonly string[];
  /** Absent in a trust policy, whose resource is the role itself. */
  readonly Resource?: readonly string[];
  /** Operator → condition key → values, for example `{ StringEquals: { "aws:SourceAccount": [...] } }`. */
  readonly Condition?: Record<string, Record<string, readonly string[]>>;
}

/**
 * The policy document of `statements` (version 2012-10-17) as JSON text, readable as such in the
 * synthesized stack. A reference in it (a resource's ARN) becomes a Terraform interpolation in
 * the text; AWS compares policies by meaning, so key order and spacing never show as changes.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
