/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/**
 * Builds an ARN from plain parts. ARNs are composed rather than read back from resources where a
 * policy needs them before the resource exists (trust conditions), so plans stay acyclic.
 */
export function arn(parts: {
  readonly region: string;
  readonly service: string;
  readonly accountId: string;
  readonly resource: string;
}): string {
  return `arn:${partitionOf(parts.region)}:${parts.service}:${parts.region}:${parts.accountId}:${parts.resource}`;
}

/** `arn:<partition>:iam::<accountId>:role/<roleName>` (IAM is global: no region in the ARN). */
export function roleArn(
  where: { readonly region: string; readonly accountId: string },
  roleName: string,
): string {
  return `arn:${partitionOf(where.region)}:iam::${where.accountId}:role/${roleName}`;
}
