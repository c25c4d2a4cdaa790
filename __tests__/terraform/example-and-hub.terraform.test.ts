/**
 * The example configuration and the shared SMTP endpoint against real Terraform: hub and
 * account stacks validate and plan offline (account stacks read the hub's outputs through
 * terraform_remote_state defaults), each
 * resource goes through the right provider alias, and account changes move only that account.
 */
import { SynthesizedStack } from "../../src/review/offline-terraform";
import { clientInput, hubInput } from "../../test-support/hub";
import { config, exampleConfig, synthToDisk } from "../../test-support/synth";
import {
  managed,
  planStacks,
  providerKeys,
  testValidates,
  attachOneProvider,
} from "../../test-support/terraform";

jest.setTimeout(300_000);
attachOneProvider();

const ALL_PORTS = [25, 465, 587, 2465, 2587];

/** Twelve client accounts, two CIDRs each on all five ports: 120 rules over two groups. */
function fleet(
  order: (clients: Record<string, unknown>[]) => Record<string, unknown>[] = (c) => c,
) {
  const clients = Array.from({ length: 12 }, (_, i) =>
    clientInput(i + 1, {
      smtp: {
        vpcId: `vpc-${(i + 1).toString(16).padStart(17, "0")}`,
        cidrs: [`10.${i + 1}.0.0/17`, `10.${i + 1}.128.0/17`],
      },
    }),
  );
  return config({ smtpHubs: [hubInput({ ports: ALL_PORTS })], accounts: order(clients) });
}

const example = synthToDisk(exampleConfig());
const fleetStacks = synthToDisk(fleet());
let examplePlans: Map<string, any>;
let fleetPlans: Map<string, any>;

beforeAll(() => {
  examplePlans = planStacks(example);
  fleetPlans = planStacks(fleetStacks, ["smtp-hub-us-east-1", "ses-client-001"]);
});

test("the example configuration gives a hub stack and one stack per account", () => {
  expect(example.map((s) => s.name)).toEqual(["ses-grafana", "ses-tutorial", "smtp-hub-us-east-1"]);
});

testValidates(example);

test("the tutorial stack creates the tutorial's resources with the tutorial's names", () => {
  const created = managed(examplePlans.get("ses-tutorial")).map((c) => [
    c.type,
    c.change.after.name ?? c.change.after.bucket ?? null,
  ]);
  expect(created).toEqual(
    expect.arrayContaining([
      ["aws_ses_configuration_set", "tf-configuration-set"],
      ["aws_ses_event_destination", "tf-firehose-destination"],
      ["aws_ses_event_destination", "tf-cloudwatch-destination"],
      ["aws_kinesis_firehose_delivery_stream", "tf-delivery-stream"],
      ["aws_cloudwatch_log_group", "/aws/kinesisfirehose/tf-firehose-log-group"],
      ["aws_cloudwatch_log_stream", "tf-firehose-log-stream"],
      ["aws_iam_role", "tf-ses-role"],
      ["aws_iam_role", "tf-firehose-role"],
      ["aws_s3_bucket", "ses-events-111111111111-us-east-1"],
    ]),
  );
});

test("the Firehose destination is ordered after the IAM propagation wait", () => {
  const plan = examplePlans.get("ses-tutorial");
  const destination = plan.configuration.root_module.resources.find(
    (r: any) => r.type === "aws_ses_event_destination" && r.expressions.kinesis_destination,
  );
  expect(destination.depends_on).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^terraform_data\./),
      expect.stringMatching(/^aws_iam_role_policy\./),
    ]),
  );
});

test("the SMTP password is sensitive wherever the plan carries it, and no output carries it", () => {
  for (const name of ["ses-tutorial", "ses-grafana"]) {
    const plan = examplePlans.get(name);
    const changes = managed(plan);
    const key = changes.find((c) => c.type === "aws_iam_access_key");
    expect(key.change.after_sensitive.ses_smtp_password_v4).toBe(true);
    const secret = changes.find((c) => c.type === "aws_secretsmanager_secret_version");
    expect(secret.change.after_sensitive.secret_string).toBe(true);
    for (const output of Object.values(plan.configuration.root_module.outputs ?? {}) as any[]) {
      expect(JSON.stringify(output.expression ?? {})).not.toMatch(
        /ses_smtp_password_v4|secret_string/,
      );
    }
  }
});

test("each account's sending resources are planned in its own stack, through its own provider", () => {
  const plan = examplePlans.get("ses-grafana");
  expect(providerKeys(plan, "aws_sesv2_email_identity")).toEqual(["aws.grafana"]);
  expect(providerKeys(plan, "aws_iam_user")).toEqual(["aws.grafana"]);
  const records = managed(plan).filter((c) => c.type === "aws_route53_record");
  expect(records).toHaveLength(5); // 3 DKIM CNAMEs, MAIL FROM MX and SPF TXT
});

test("every stack holds exactly one configured aws provider, whatever the number of accounts", () => {
  for (const stack of [...example, ...fleetStacks]) expect(stack.json.provider.aws).toHaveLength(1);
});

/** The hub's planned resource of a type at `<type>.<name>`. */
const hubChange = (type: string, name: string) =>
  managed(examplePlans.get("smtp-hub-us-east-1")).find((c) => c.type === type && c.name === name);

test.each([
  ["email-smtp", "email-smtp.us-east-1.amazonaws.com"],
  ["email", "email.us-east-1.amazonaws.com"],
])("the hub plans the %s zone named exactly %s", (name, host) => {
  const zone = hubChange("aws_route53_zone", name);
  expect(zone.change.after.name).toBe(host);
  expect(zone.change.after.vpc).toEqual([
    { vpc_id: "vpc-0a1b2c3d4e5f60718", vpc_region: "us-east-1" },
  ]);
});

test.each([["email-smtp"], ["email"]])(
  "the hub plans the %s endpoint with private DNS off",
  (name) => {
    expect(hubChange("aws_vpc_endpoint", name).change.after).toMatchObject({
      private_dns_enabled: false,
      service_name: `com.amazonaws.us-east-1.${name}`,
      vpc_endpoint_type: "Interface",
    });
  },
);

test("every authorization uses the hub's provider alias", () => {
  expect(
    providerKeys(fleetPlans.get("smtp-hub-us-east-1"), "aws_route53_vpc_association_authorization"),
  ).toEqual(["aws.hub-us-east-1"]);
});

test("every zone association uses its own account's provider alias", () => {
  expect(providerKeys(examplePlans.get("ses-tutorial"), "aws_route53_zone_association")).toEqual([
    "aws.tutorial",
  ]);
  expect(providerKeys(examplePlans.get("ses-grafana"), "aws_route53_zone_association")).toEqual([
    "aws.grafana",
  ]);
  expect(providerKeys(fleetPlans.get("ses-client-001"), "aws_route53_zone_association")).toEqual([
    "aws.client-001",
  ]);
});

test("the association takes the account's VPC from the hub's authorizations", () => {
  const association = managed(fleetPlans.get("ses-client-001")).find(
    (c) => c.type === "aws_route53_zone_association",
  );
  expect(association.change.after).toMatchObject({
    vpc_id: "offline-authorized_vpc_ids-client-001",
    zone_id: "offline-private_hosted_zone_id",
    vpc_region: "us-east-1",
  });
});

test("the rule count is CIDRs × ports, spread over as few groups as the quota allows", () => {
  const changes = managed(fleetPlans.get("smtp-hub-us-east-1"));
  expect(changes.filter((c) => c.type === "aws_vpc_security_group_ingress_rule")).toHaveLength(
    12 * 2 * 5,
  );
  expect(changes.filter((c) => c.type === "aws_security_group")).toHaveLength(2);
});

test("no stack plans a deletion", () => {
  for (const plan of [...examplePlans.values(), ...fleetPlans.values()]) {
    for (const change of managed(plan)) expect(change.change.actions).toEqual(["create"]);
  }
});

describe("account changes touch only that account (compared plan to plan)", () => {
  const hub = (stacks: SynthesizedStack[]) => stacks.filter((s) => s.name === "smtp-hub-us-east-1");
  const byAddress = (plan: any) => new Map(managed(plan).map((c) => [c.address, c.change.after]));
  let original: Map<string, unknown>;
  beforeAll(() => {
    original = byAddress(fleetPlans.get("smtp-hub-us-east-1"));
  });

  test("reordering the accounts plans the same resources at the same addresses with the same values", () => {
    const reordered = synthToDisk(fleet((c) => [...c].reverse()));
    const plan = planStacks(hub(reordered), ["smtp-hub-us-east-1"]).get("smtp-hub-us-east-1");
    expect(byAddress(plan)).toEqual(original);
  });

  test("removing an account removes only its rules and authorization", () => {
    const trimmed = synthToDisk(fleet((c) => c.filter((a) => a.name !== "client-007")));
    const plan = byAddress(
      planStacks(hub(trimmed), ["smtp-hub-us-east-1"]).get("smtp-hub-us-east-1"),
    );
    const gone = [...original.keys()].filter((a) => !plan.has(a));
    expect(gone).toHaveLength(2 * 5 + 1);
    expect(gone.every((a) => a.includes("client-007"))).toBe(true);
    for (const [address, after] of plan) expect(after).toEqual(original.get(address));
  });
});
