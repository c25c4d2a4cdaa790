/** The IAM policy documents of a synthesized stack, parsed: policies are JSON text in it. */

/** Resource types whose argument holds a policy document, and that argument. */
const POLICY_ARGUMENTS: Record<string, string> = {
  aws_iam_role: "assume_role_policy",
  aws_iam_role_policy: "policy",
  aws_iam_group_policy: "policy",
  aws_s3_bucket_policy: "policy",
  aws_sns_topic_policy: "policy",
};

/** A policy document as a resource holds it: where it is, and its statements. */
export interface HeldPolicy {
  /** `<type>.<name>` of the resource holding it. */
  readonly address: string;
  readonly Statement: any[];
}

/** Every policy document of the synthesized stack `json`, in address order. */
export function heldPolicies(json: any): HeldPolicy[] {
  return Object.entries(POLICY_ARGUMENTS).flatMap(([type, argument]) =>
    Object.entries(json.resource?.[type] ?? {}).map(([name, resource]) => ({
      address: `${type}.${name}`,
      ...JSON.parse((resource as any)[argument]),
    })),
  );
}

/** The policy held by `<type>.<name>`. */
export function policyAt(json: any, address: string): HeldPolicy {
  const found = heldPolicies(json).find((p) => p.address === address);
  if (!found) throw new Error(`no policy at ${address}`);
  return found;
}
