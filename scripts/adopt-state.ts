/**
 * `npm run adopt -- --from-state FILE --account NAME`: the adopt ids of one account from a
 * previous Terraform state (`terraform show -json` of the tutorial's old state), instead of
 * asking AWS. Resources this project has no counterpart for are listed as notes.
 */
import type { AccountAdoptConfig } from "../src/config/adopt-schema";
import type { AccountConfig } from "../src/config/schema";
import type { Found } from "./adopt-discovery";

interface StateResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly values: Record<string, string>;
}

interface StateModule {
  readonly resources?: StateResource[];
  readonly child_modules?: StateModule[];
}

function resources(module: StateModule | undefined): StateResource[] {
  if (!module) return [];
  return [
    ...(module.resources ?? []).filter((r) => r.mode === "managed"),
    ...(module.child_modules ?? []).flatMap(resources),
  ];
}

/** The adopt ids that the old state's resources give, for an account as configured. */
export function adoptFromState(
  show: { values?: { root_module?: StateModule } },
  account: AccountConfig,
): Found<AccountAdoptConfig> {
  const publishing = account.eventPublishing;
  const adopt: Record<string, unknown> = {};
  const notes: string[] = [];
  const push = (key: string, id: string) => {
    adopt[key] = [...((adopt[key] as string[]) ?? []), id];
  };
  for (const r of resources(show.values?.root_module)) {
    const v = r.values;
    if (r.type === "aws_ses_configuration_set") push("configurationSets", v.name);
    else if (r.type === "aws_ses_event_destination")
      push("eventDestinations", `${v.configuration_set_name}/${v.name}`);
    else if (r.type === "aws_kinesis_firehose_delivery_stream") adopt.deliveryStream = v.arn;
    else if (r.type === "aws_s3_bucket") adopt.bucket = v.bucket;
    else if (r.type === "aws_cloudwatch_log_group") adopt.logGroup = v.name;
    else if (r.type === "aws_cloudwatch_log_stream")
      adopt.logStream = `${v.log_group_name}:${v.name}`;
    else if (r.type === "aws_route53_zone_association")
      adopt.zoneAssociation = `${v.zone_id}:${v.vpc_id}`;
    else if (r.type === "aws_sesv2_email_identity") adopt.identity = v.email_identity;
    else if (r.type === "aws_iam_role" && v.name === publishing?.sesRoleName)
      adopt.sesRole = v.name;
    else if (r.type === "aws_iam_role" && v.name === publishing?.deliveryStream.roleName)
      adopt.firehoseRole = v.name;
    else
      notes.push(
        `${r.address} (${v.name ?? v.id ?? r.type}): no counterpart in this project; after the import apply, remove it from the old state (terraform state rm ${r.address}) and delete it if nothing else uses it`,
      );
  }
  return { adopt: adopt as AccountAdoptConfig, notes };
}
