/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The parts of an ARN. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  /** The account id, or `aws` for an AWS managed policy. */
  readonly accountId: string;
  /** Everything after the account, such as `role/terraform` or `deliverystream/events`. */
  readonly resource: string;
}

const ARN = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s;
const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"];

/** The one ARN reader: the parts of `text` if it has an ARN's shape, whatever its partition. */
export function splitArn(text: string): ArnParts | undefined {
  const match = ARN.exec(text);
  if (!match) return undefined;
  const [, partition, service, region, accountId, resource] = match;
  return { partition, service, region, accountId, resource };
}

/**
 * An ARN's parts when `text` is an ARN of a known partition (every rule that admits an ARN
 * admits only these partitions).
 */
export function parseArn(text: string): ArnParts | undefined {
  const parts = splitArn(text);
  return parts && PARTITIONS.includes(parts.partition) ? parts : undefined;
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
