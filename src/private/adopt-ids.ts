import { RULES, Rule } from "./aws-facts";
import { parseArn } from "./arn";

/**
 * The import ids of the resources an `adopt` section names: the form each resource type of the
 * hashicorp/aws provider (5.x) takes in a Terraform `import` block, as patterns (the schema checks
 * the shape before synthesis) and as parsers (the cross checks compare what an id embeds, such as
 * a VPC, zone, account or region, with the configuration).
 */

const rule = (pattern: RegExp, allowed: string): Rule => ({ pattern, allowed });

const ZONE = "Z[A-Z0-9]{1,32}";
const VPC = "vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})";
const REGION = "[a-z]{2}(?:-[a-z]+)+-\\d";

export const ADOPT_ID_RULES = {
  vpcEndpoint: rule(
    /^vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
    "an interface VPC endpoint id such as vpce-0123456789abcdef0",
  ),
  securityGroup: rule(
    /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
    "a security group id such as sg-0123456789abcdef0",
  ),
  ingressRule: rule(
    /^sgr-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
    "a security group rule id such as sgr-0123456789abcdef0",
  ),
  hostedZone: rule(new RegExp(`^${ZONE}$`), "a hosted zone id such as Z0123456789ABCDEFGHIJ"),
  record: rule(
    new RegExp(`^${ZONE}_[a-z0-9.-]+_A$`),
    "a record id <zone id>_<name>_<type> such as Z0123456789ABCDEFGHIJ_email-smtp.us-east-1.amazonaws.com_A",
  ),
  authorization: rule(
    new RegExp(`^${ZONE}:${VPC}$`),
    "an authorization id <zone id>:<vpc id> such as Z0123456789ABCDEFGHIJ:vpc-0123456789abcdef0",
  ),
  association: rule(
    new RegExp(`^${ZONE}:${VPC}(?::${REGION})?$`),
    "an association id <zone id>:<vpc id> (or <zone id>:<vpc id>:<region>) such as Z0123456789ABCDEFGHIJ:vpc-0123456789abcdef0",
  ),
  configurationSet: RULES.sesName,
  eventDestination: rule(
    /^[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/,
    "a v1 event destination id <configuration set>/<destination> such as tf-configuration-set/tf-firehose-destination",
  ),
  deliveryStream: rule(
    /^arn:aws(?:-cn|-us-gov)?:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[a-zA-Z0-9_.-]{1,64}$/,
    "a delivery stream ARN such as arn:aws:firehose:us-east-1:123456789012:deliverystream/tf-delivery-stream",
  ),
  roleName: rule(RULES.iamName.pattern, "an IAM role name (not an ARN) such as tf-ses-role"),
  logGroup: RULES.logGroupName,
  logStream: rule(
    /^[.\-_/#A-Za-z0-9]{1,512}:[^:*]{1,512}$/,
    "a log stream id <log group>:<log stream> such as /aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream",
  ),
  identity: RULES.domainName,
} as const satisfies Record<string, Rule>;

/** A zone-and-VPC id (authorization or association), split. */
export interface ZoneVpcId {
  readonly zoneId: string;
  readonly vpcId: string;
  /** Only associations may name it. */
  readonly region?: string;
}

export function parseZoneVpcId(id: string): ZoneVpcId {
  const [zoneId, vpcId, region] = id.split(":");
  return { zoneId, vpcId, region };
}

/** The zone id and record name of an `aws_route53_record` id. */
export function parseRecordId(id: string): { zoneId: string; name: string } {
  const [zoneId, ...rest] = id.split("_");
  return { zoneId, name: rest.slice(0, -1).join("_") };
}

/** Region, account and name of a Firehose delivery stream ARN. */
export function parseStreamArn(arn: string): { region: string; accountId: string; name: string } {
  const { region, accountId, resource } = parseArn(arn)!; // called on ids the rule admitted
  return { region, accountId, name: resource.slice("deliverystream/".length) };
}

/** The id of an `aws_route53_record`: zone, name and type joined by `_`. */
export function recordId(zoneId: string, name: string): string {
  return `${zoneId}_${name}_A`;
}
