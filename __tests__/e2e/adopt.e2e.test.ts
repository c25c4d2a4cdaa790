/**
 * The README's "Coming from the article / the tutorial", end to end on the emulator, every step in
 * order: the article's hand-built shared endpoint (one association per account made by hand) with
 * what real accounts keep beside it (rules for other CIDRs and ports, a second group on the
 * endpoint, another private zone, another endpoint), and the tutorial's event publishing applied by
 * its own Terraform. Then discovery with `npm run adopt -- --write`, `--from-state` of the old state
 * (merged), the import plans (nothing adopted is created or destroyed, differences are updates),
 * the applies, `terraform state rm` in the old directory, removing the adopt entries (accounts
 * first, then the hub) and planning again (empty, with Terraform and with `npm run plan`). After
 * every step the emulator's own listing of both accounts is what it was after the hand-building:
 * no adopted or unmanaged object created, replaced or deleted. Bad input on the way: a
 * nonexistent id and an endpoint of another VPC stop `npm run adopt -- --plan`, and a group
 * recorded under another name stops the plan, each naming the configuration path; disagreeing
 * `--write` runs and an unconfigured account are refused.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { parse, stringify } from "yaml";
import { projectRoot } from "../../src/review/app-synthesis";
import { SynthesizedStack, terraform } from "../../src/review/offline-terraform";
import { accountClientConfig } from "../../test-support/emulator/accounts";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import {
  ArticleIds,
  applyTutorial,
  buildArticleEndpoint,
} from "../../test-support/emulator/handmade";
import { Inventory, listEverything } from "../../test-support/emulator/inventory";
import {
  applySavedPlan,
  changes,
  errors,
  planJson,
  terraformJson,
} from "../../test-support/emulator/terraform";
import { ConfigInput, seedWorld } from "../../test-support/emulator/world";
import {
  removeReviewProject,
  reviewPlan,
  reviewProject,
  stackGroups,
} from "../../test-support/plan-review";

jest.setTimeout(900_000);

const HUB = "999999999999";
const role = (id: string) => `arn:aws:iam::${id}:role/terraform`;
const placeholderVpc = "vpc-00000000000000000";

/** The configuration someone coming from the article and the tutorial writes (README). */
const input: ConfigInput = {
  smtpHubs: [
    {
      region: "us-east-1",
      accountId: HUB,
      roleArn: role(HUB),
      vpcId: placeholderVpc,
      subnetIds: ["subnet-00000000000000000", "subnet-00000000000000001"],
    },
  ],
  accounts: [
    {
      name: "tutorial",
      accountId: "111111111111",
      region: "us-east-1",
      roleArn: role("111111111111"),
      smtp: { vpcId: placeholderVpc, cidrs: ["10.1.0.0/16"] },
      eventPublishing: {
        iamPropagationSeconds: 2,
        bucket: { name: "tf-ses-tutorial-events" },
        configurationSets: [
          {
            name: "tf-configuration-set",
            eventDestinations: [
              { name: "tf-firehose-destination", matchingTypes: ["send"], firehose: {} },
              {
                name: "tf-cloudwatch-destination",
                matchingTypes: ["send"],
                cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "unknown" }] },
              },
            ],
          },
        ],
      },
    },
    {
      name: "grafana",
      accountId: "222222222222",
      region: "us-east-1",
      roleArn: role("222222222222"),
      smtp: { vpcId: placeholderVpc, cidrs: ["10.2.0.0/16"] },
    },
  ],
};

/** `address: actions` of every resource a plan imports, and the actions of the others. */
function importsAndOthers(plan: any) {
  const managed = (plan.resource_changes ?? []).filter((c: any) => c.mode === "managed");
  const line = (c: any) => `${c.address}: ${c.change.actions.join("+")}`;
  return {
    imported: managed
      .filter((c: any) => c.change.importing)
      .map(line)
      .sort(),
    others: managed
      .filter((c: any) => !c.change.importing)
      .map(line)
      .sort(),
  };
}

/** An email-smtp endpoint of a second VPC of the hub account: not the one the hub configures. */
async function endpointInAnotherVpc(url: string): Promise<string> {
  const ec2 = new EC2Client(await accountClientConfig(url, HUB, "us-east-1"));
  const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.250.0.0/16" }));
  const { Subnet } = await ec2.send(
    new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: "10.250.0.0/24" }),
  );
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: Vpc!.VpcId,
      ServiceName: "com.amazonaws.us-east-1.email-smtp",
      VpcEndpointType: "Interface",
      SubnetIds: [Subnet!.SubnetId!],
    }),
  );
  ec2.destroy();
  return VpcEndpoint!.VpcEndpointId!;
}

/** `npm run adopt -- ...args` against the emulator, with SES_CONFIG naming `configFile`. */
function runAdopt(configFile: string, url: string, args: string[]) {
  return spawnSync("npm", ["run", "--silent", "adopt", "--", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    env: {
      ...process.env,
      SES_CONFIG: configFile,
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: "us-east-1",
    },
  });
}

/** Every planned action that creates, replaces or deletes something. */
function destructive(plan: any): string[] {
  return (plan.resource_changes ?? [])
    .filter((c: any) => c.mode === "managed")
    .filter((c: any) => c.change.actions.includes("delete") || c.change.actions.includes("create"))
    .map((c: any) => `${c.address}: ${c.change.actions.join("+")}`);
}

describeWithEmulator("adopting the article's endpoint and the tutorial's pipeline", () => {
  const deployment = new Deployment(3);
  const configFile = () => join(deployment.root, "ses.yaml");
  const stateFile = () => join(deployment.root, "old.json");
  let article: ArticleIds;
  let seeded: ConfigInput;
  let adopted: ConfigInput;
  let tutorial: SynthesizedStack;
  /** The emulator's listing right after the hand-building: every step must leave it as it is. */
  let before: Inventory;
  const unchanged = async () =>
    expect(await listEverything(deployment.emulator.url, seeded)).toEqual(before);
  const adopt = (args: string[]) => runAdopt(configFile(), deployment.emulator.url, args);
  const fileNow = (): ConfigInput => parse(readFileSync(configFile(), "utf8"));

  beforeAll(async () => {
    await deployment.start();
    seeded = await seedWorld(deployment.emulator.url, input);
    article = await buildArticleEndpoint(
      deployment.emulator.url,
      seeded.smtpHubs[0],
      seeded.accounts,
    );
    tutorial = await applyTutorial(seeded.accounts[0], join(deployment.root, "tutorial"));
    writeFileSync(configFile(), stringify(seeded));
    before = await listEverything(deployment.emulator.url, seeded);
  });

  afterAll(() => deployment.stop());

  test("step 2: npm run adopt -- --write finds every id, records the group's name and description, and notes what it leaves alone", async () => {
    const run = adopt(["--write"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // The article's open egress is reported, not adopted; what no account wants stays unmanaged.
    expect(run.stdout).toMatch(/note: egress rule sgr-\w+ .*removed by the first apply/);
    const [partner, port25, monitoring] = article.unmanaged.ruleIds;
    for (const id of [partner, port25, monitoring])
      expect(run.stdout).toMatch(new RegExp(`note: ingress rule ${id} .*it stays, unmanaged`));
    expect(run.stdout).toContain(
      `note: security group ${article.unmanaged.securityGroupId} (smtp-monitoring) of the endpoint holds no rule adopted here`,
    );
    adopted = fileNow();
    const [tutorialVpc, grafanaVpc] = seeded.accounts.map((a: ConfigInput) => a.smtp.vpcId);
    const zone = article.zoneId;
    expect(adopted.smtpHubs[0].securityGroups).toEqual([
      { name: "ses-smtp-vpce-sg", description: "SMTP from resource accounts" },
    ]);
    expect(adopted.smtpHubs[0].adopt).toEqual({
      vpcEndpoint: article.vpcEndpointId,
      securityGroups: [article.securityGroupId],
      ingressRules: [
        { id: expect.stringMatching(/^sgr-/), account: "tutorial", cidr: "10.1.0.0/16", port: 587 },
        { id: expect.stringMatching(/^sgr-/), account: "grafana", cidr: "10.2.0.0/16", port: 587 },
      ],
      privateHostedZone: zone,
      apexRecord: `${zone}_email-smtp.us-east-1.amazonaws.com_A`,
      authorizations: [`${zone}:${tutorialVpc}`, `${zone}:${grafanaVpc}`],
    });
    expect(adopted.accounts[0].adopt).toEqual({
      zoneAssociation: `${zone}:${tutorialVpc}`,
      configurationSets: ["tf-configuration-set"],
      eventDestinations: [
        "tf-configuration-set/tf-firehose-destination",
        "tf-configuration-set/tf-cloudwatch-destination",
      ],
      deliveryStream: "arn:aws:firehose:us-east-1:111111111111:deliverystream/tf-delivery-stream",
      bucket: "tf-ses-tutorial-events",
      sesRole: "tf-ses-role",
      firehoseRole: "tf-firehose-role",
      logGroup: "/aws/kinesisfirehose/tf-firehose-log-group",
      logStream: "/aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream",
    });
    expect(adopted.accounts[1].adopt).toEqual({ zoneAssociation: `${zone}:${grafanaVpc}` });
    await unchanged();
  });

  test("step 2: --from-state of the tutorial's own state merges with what discovery wrote; disagreeing runs and unknown accounts are refused", async () => {
    writeFileSync(stateFile(), terraform(tutorial.dir, ["show", "-json"]));
    const run = adopt(["--from-state", stateFile(), "--account", "tutorial", "--write"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("note: aws_iam_policy.ses (tf-ses-policy): no counterpart");
    // The association (found by discovery only) is kept: --write merges.
    expect(fileNow()).toEqual(adopted);

    const other = JSON.parse(readFileSync(stateFile(), "utf8"));
    const streams = other.values.root_module.resources.filter(
      (r: any) => r.type === "aws_cloudwatch_log_stream",
    );
    streams[0].values.name = "another-stream";
    writeFileSync(stateFile(), JSON.stringify(other));
    const conflict = adopt(["--from-state", stateFile(), "--account", "tutorial", "--write"]);
    expect(conflict.status).toBe(2);
    expect(conflict.stderr).toContain(
      `accounts[0].adopt.logStream: ${configFile()} has /aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream, but --from-state ${stateFile()} found /aws/kinesisfirehose/tf-firehose-log-group:another-stream;`,
    );
    const unknown = adopt(["--from-state", stateFile(), "--account", "billing", "--write"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      "--account billing is not configured; accounts: tutorial, grafana.",
    );
    expect(fileNow()).toEqual(adopted);
    await unchanged();
  });

  test("step 3: a nonexistent id and an endpoint of another VPC stop npm run adopt -- --plan, each named by its configuration path", async () => {
    const wrong = structuredClone(adopted);
    wrong.smtpHubs[0].adopt.ingressRules[0].id = "sgr-0123456789abcdef0";
    wrong.smtpHubs[0].adopt.vpcEndpoint = await endpointInAnotherVpc(deployment.emulator.url);
    deployment.synth(wrong);
    const outdir = join(deployment.root, "cdktf.out");
    const run = adopt(["--plan", "--outdir", outdir, "smtp-hub-us-east-1"]);
    expect(run.status).toBe(1);
    const [head, ...lines] = run.stdout.trim().split("\n");
    expect(head).toBe("== smtp-hub-us-east-1: not planned");
    // Terraform names only the address of the import; the report names the adopt entry.
    expect(lines.sort()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  error: Resource precondition failed: smtpHubs\\[0\\]\\.adopt\\.vpcEndpoint: endpoint vpce-\\w+ is a Interface endpoint of com\\.amazonaws\\.us-east-1\\.email-smtp in vpc-\\w+, but this hub wants an Interface endpoint of com\\.amazonaws\\.us-east-1\\.email-smtp in ${seeded.smtpHubs[0].vpcId}\\. Importing it would replace it`,
        ),
      ),
      "  error: smtpHubs[0].adopt.ingressRules[0]: sgr-0123456789abcdef0 does not exist (in the account and region of the stack's provider), so Terraform cannot import it into aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587: correct the id (npm run adopt finds it), or remove the entry to have the resource created.",
    ]);
  });

  test("step 3: a group recorded under another name than its own stops the plan, with both values and both paths", async () => {
    const renamed = structuredClone(adopted);
    renamed.smtpHubs[0].securityGroups[0].name = "ses-smtp-endpoint";
    deployment.synth(renamed);
    const run = await terraformJson(deployment.stack("smtp-hub-us-east-1").dir, ["plan"]);
    expect(run.status).toBe(1);
    expect(errors(run)).toBe(
      `Resource precondition failed: smtpHubs[0].adopt.securityGroups[0]: security group ${article.securityGroupId} is named "ses-smtp-vpce-sg" and described "SMTP from resource accounts", but smtpHubs[0].securityGroups[0] records name "ses-smtp-endpoint" and description "SMTP from resource accounts". Importing it would replace it (neither can change in place), deleting the group and every rule in it: set smtpHubs[0].securityGroups[0] to the group's own name and description (npm run adopt -- --write records them).`,
    );
    await unchanged();
  });

  test("steps 3-4: the hub imports the article's endpoint, zone, record, group, rules and authorizations", async () => {
    deployment.synth(adopted);
    const hub = deployment.stack("smtp-hub-us-east-1");
    const plan = importsAndOthers(await planJson(hub));
    expect(plan.imported).toEqual([
      "aws_route53_record.email-smtp: update",
      "aws_route53_vpc_association_authorization.grafana: no-op",
      "aws_route53_vpc_association_authorization.tutorial: no-op",
      "aws_route53_zone.email-smtp: update",
      "aws_security_group.email-smtp_0: update",
      "aws_vpc_endpoint.email-smtp: update",
      "aws_vpc_security_group_ingress_rule.grafana_10-2-0-0-16_587: update",
      "aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587: update",
    ]);
    expect(plan.others).toEqual([]);
    await applySavedPlan(hub);
    await unchanged();
  });

  test("steps 3-4: each account imports its association, and the tutorial account its pipeline", async () => {
    const tutorialPlan = importsAndOthers(await planJson(deployment.stack("ses-tutorial")));
    const grafana = importsAndOthers(await planJson(deployment.stack("ses-grafana")));
    expect(grafana.imported).toEqual(["aws_route53_zone_association.email-smtp: no-op"]);
    expect(grafana.others).toEqual([]);
    expect(tutorialPlan.imported).toEqual([
      "aws_cloudwatch_log_group.events: update",
      "aws_cloudwatch_log_stream.events: no-op",
      "aws_iam_role.firehose: update",
      "aws_iam_role.ses: update",
      "aws_kinesis_firehose_delivery_stream.events: update",
      "aws_route53_zone_association.email-smtp: no-op",
      "aws_s3_bucket.events: update",
      "aws_ses_configuration_set.tf-configuration-set: update",
      "aws_ses_event_destination.tf-configuration-set_tf-cloudwatch-destination: no-op",
      "aws_ses_event_destination.tf-configuration-set_tf-firehose-destination: no-op",
    ]);
    // What the tutorial did not have: the inline role policies, the propagation wait and the
    // bucket's hardening, each a separate resource, created; nothing is destroyed.
    expect(tutorialPlan.others).toEqual([
      "aws_iam_role_policy.firehose: create",
      "aws_iam_role_policy.ses: create",
      "aws_s3_bucket_lifecycle_configuration.events: create",
      "aws_s3_bucket_ownership_controls.events: create",
      "aws_s3_bucket_policy.events: create",
      "aws_s3_bucket_public_access_block.events: create",
      "aws_s3_bucket_server_side_encryption_configuration.events: create",
      "aws_s3_bucket_versioning.events: create",
      "terraform_data.ses-role-propagation: create",
    ]);
    await Promise.all(deployment.accounts.map(applySavedPlan));
    await unchanged();
  });

  test("step 4: the endpoint, group and zone are the article's, changed in place; the unmanaged rules stay; a second plan is empty", async () => {
    const ec2 = new EC2Client(await accountClientConfig(deployment.emulator.url, HUB, "us-east-1"));
    const { VpcEndpoints } = await ec2.send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [article.vpcEndpointId] }),
    );
    expect(VpcEndpoints![0].SubnetIds!.sort()).toEqual([...seeded.smtpHubs[0].subnetIds].sort());
    // The second group is detached from the endpoint (README), not deleted.
    expect(VpcEndpoints![0].Groups!.map((g) => g.GroupId)).toEqual([article.securityGroupId]);
    const { SecurityGroupRules } = await ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: "group-id", Values: [article.securityGroupId] }],
      }),
    );
    ec2.destroy();
    expect(SecurityGroupRules!.filter((r) => r.IsEgress)).toEqual([]);
    expect(
      SecurityGroupRules!.map((r) => `${r.CidrIpv4} ${r.FromPort} ${r.Description}`).sort(),
    ).toEqual([
      "10.1.0.0/16 25 undefined",
      "10.1.0.0/16 587 SMTP 587 from account tutorial (111111111111)",
      "10.2.0.0/16 587 SMTP 587 from account grafana (222222222222)",
      "192.168.10.0/24 587 undefined",
    ]);
    const pending = await deployment.pendingChanges();
    expect(pending).toEqual({ "smtp-hub-us-east-1": [], "ses-tutorial": [], "ses-grafana": [] });
  });

  test("step 4: terraform state rm in the tutorial's directory leaves only what has no counterpart", async () => {
    const old = terraform(tutorial.dir, ["state", "list"]).trim().split("\n");
    const counterparts = old.filter((address) => !address.startsWith("aws_iam_policy"));
    terraform(tutorial.dir, ["state", "rm", ...counterparts]);
    expect(terraform(tutorial.dir, ["state", "list"]).trim().split("\n").sort()).toEqual([
      "aws_iam_policy.firehose",
      "aws_iam_policy.ses",
      "aws_iam_policy_attachment.firehose",
      "aws_iam_policy_attachment.ses",
    ]);
    await unchanged();
  });

  test("step 5: with the accounts' adopt entries removed their plans are empty", async () => {
    const withoutAccounts = structuredClone(adopted);
    for (const account of withoutAccounts.accounts) delete account.adopt;
    deployment.synth(withoutAccounts);
    // No change at all, so nothing created, replaced or deleted.
    expect(await deployment.pendingChanges(deployment.accounts)).toEqual({
      "ses-tutorial": [],
      "ses-grafana": [],
    });
    await unchanged();
  });

  test("step 5: with the hub's adopt entries removed too (its recorded group kept) nothing is replaced: Terraform's and npm run plan's plans are empty", async () => {
    const withoutAny = structuredClone(adopted);
    for (const account of withoutAny.accounts) delete account.adopt;
    delete withoutAny.smtpHubs[0].adopt;
    deployment.synth(withoutAny);
    const hub = deployment.stack("smtp-hub-us-east-1");
    expect(hub.json.import).toBeUndefined();
    const plan = await planJson(hub);
    expect(destructive(plan)).toEqual([]);
    expect(changes(plan)).toEqual([]);
    const project = reviewProject(join(deployment.root, "terraform-state"));
    try {
      const review = await reviewPlan(project, withoutAny);
      expect({ status: review.status, connections: review.connections }).toEqual({
        status: 0,
        connections: 0,
      });
      const groups = stackGroups(review.stdout);
      for (const name of ["smtp-hub-us-east-1", "ses-tutorial", "ses-grafana"])
        expect(groups[name]).toEqual({
          head: `no changes (against the last applied state terraform-state/${name}.tfstate)`,
          lines: [],
        });
    } finally {
      removeReviewProject(project);
    }
    await unchanged();
  });
});
