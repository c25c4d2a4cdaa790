/**
 * `npm run adopt -- --from-state FILE --account NAME`: the adopt ids of one account from a
 * previous Terraform state (`terraform show -json` of the tutorial's old state), instead of
 * asking AWS. Resources this project has no counterpart for are listed as notes.
 */
import type { AccountAdoptConfig } from "../config/adopt-schema";
import type { AccountConfig } from "../config/schema";
import type { Found } from "./discovery";
import { UsageError } from "../review/git-ref";

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

/** `terraform show -json` output, or (refused) a raw state file's `version` and `resources`. */
interface ShownState {
  readonly format_version?: string;
  readonly values?: { root_module?: StateModule };
  readonly version?: number;
  readonly resources?: unknown;
}

/** Refuses what is not `terraform show -json` output: a raw state would silently give nothing. */
function checkShown(show: ShownState, file: string): void {
  if (typeof show?.format_version === "string") return;
  const raw = typeof show?.version === "number" && Array.isArray(show.resources);
  throw new UsageError(
    `${file} is ${raw ? `a raw Terraform state (version ${show.version})` : "not terraform show -json output"}; give the output of \`terraform show -json\` run in the old configuration's directory (terraform show -json > old-state.json).`,
  );
}

/**
 * What an old IAM role that is not under a configured name is for, by who may assume it, and
 * the field that adopts it under its own name.
 */
function roleNote(r: StateResource, publishing: AccountConfig["eventPublishing"]): string {
  const name = r.values.name;
  const trusts = (service: string) => String(r.values.assume_role_policy ?? "").includes(service);
  const field = trusts("firehose.amazonaws.com")
    ? ["eventPublishing.deliveryStream.roleName", publishing?.deliveryStream.roleName]
    : trusts("ses.amazonaws.com")
      ? ["eventPublishing.sesRoleName", publishing?.sesRoleName]
      : undefined;
  if (!field)
    return `${r.address} (${name}): a role neither SES nor Firehose assumes; not adopted (if it is one of them, set eventPublishing.sesRoleName or eventPublishing.deliveryStream.roleName: ${name} and run again)`;
  return `${r.address} (${name}): to adopt this role set ${field[0]}: ${name} (now ${field[1] ?? "not configured"}) and run again`;
}

/** The adopt ids that the old state's resources give, for an account as configured. */
export function adoptFromState(
  show: ShownState,
  account: AccountConfig,
  file = "the state file",
): Found<AccountAdoptConfig> {
  checkShown(show, file);
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
    else if (r.type === "aws_iam_role") notes.push(roleNote(r, publishing));
    else
      notes.push(
        `${r.address} (${v.name ?? v.id ?? r.type}): no counterpart in this project; after the import apply, remove it from the old state (terraform state rm ${r.address}) and delete it if nothing else uses it`,
      );
  }
  return { adopt: adopt as AccountAdoptConfig, notes };
}
