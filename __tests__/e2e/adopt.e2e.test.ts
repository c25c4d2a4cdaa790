/**
 * The README's "Coming from the article / the tutorial", end to end on the emulator: the
 * article's hand-built shared endpoint (one association per account made by hand) and the
 * tutorial's event publishing are created with the SDK calls matching their steps; `npm run adopt
 * -- --write` finds their ids; the plans import them (nothing adopted is created or destroyed,
 * differences are updates), the applies make those updates, and a second plan is empty. A
 * nonexistent id fails the plan at its address (whose import block names the configuration
 * path), and an endpoint of another VPC is stopped by a precondition naming its path.
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
import { projectRoot } from "../../scripts/app-synthesis";
import { accountClientConfig } from "../../test-support/emulator/accounts";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import {
  ArticleIds,
  buildArticleEndpoint,
  buildTutorialPipeline,
} from "../../test-support/emulator/handmade";
import {
  applySavedPlan,
  errors,
  planJson,
  terraformJson,
} from "../../test-support/emulator/terraform";
import { ConfigInput, seedWorld } from "../../test-support/emulator/world";

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

describeWithEmulator("adopting the article's endpoint and the tutorial's pipeline", () => {
  const deployment = new Deployment(3);
  const configFile = () => join(deployment.root, "ses.yaml");
  let article: ArticleIds;
  let seeded: ConfigInput;
  let adopted: ConfigInput;

  beforeAll(async () => {
    await deployment.start();
    seeded = await seedWorld(deployment.emulator.url, input);
    article = await buildArticleEndpoint(
      deployment.emulator.url,
      seeded.smtpHubs[0],
      seeded.accounts,
    );
    await buildTutorialPipeline(deployment.emulator.url, seeded.accounts[0]);
    writeFileSync(configFile(), stringify(seeded));
  });

  afterAll(() => deployment.stop());

  test("npm run adopt -- --write finds every id and writes the adopt sections", () => {
    const run = spawnSync("npm", ["run", "--silent", "adopt", "--", "--write"], {
      cwd: projectRoot,
      encoding: "utf8",
      env: {
        ...process.env,
        SES_CONFIG: configFile(),
        AWS_ENDPOINT_URL: deployment.emulator.url,
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_REGION: "us-east-1",
      },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    // The article's open egress is reported, not adopted.
    expect(run.stdout).toMatch(/note: egress rule sgr-\w+ .*removed by the first apply/);
    adopted = parse(readFileSync(configFile(), "utf8"));
    const [tutorial, grafana] = seeded.accounts.map((a: ConfigInput) => a.smtp.vpcId);
    const zone = article.zoneId;
    expect(adopted.smtpHubs[0].adopt).toEqual({
      vpcEndpoint: article.vpcEndpointId,
      securityGroups: [article.securityGroupId],
      ingressRules: [
        { id: expect.stringMatching(/^sgr-/), account: "tutorial", cidr: "10.1.0.0/16", port: 587 },
        { id: expect.stringMatching(/^sgr-/), account: "grafana", cidr: "10.2.0.0/16", port: 587 },
      ],
      privateHostedZone: zone,
      apexRecord: `${zone}_email-smtp.us-east-1.amazonaws.com_A`,
      authorizations: [`${zone}:${tutorial}`, `${zone}:${grafana}`],
    });
    expect(adopted.accounts[0].adopt).toEqual({
      zoneAssociation: `${zone}:${tutorial}`,
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
    expect(adopted.accounts[1].adopt).toEqual({ zoneAssociation: `${zone}:${grafana}` });
  });

  test("a nonexistent id fails the plan at its address; an endpoint of another VPC is stopped, naming its configuration path", async () => {
    const wrong = structuredClone(adopted);
    wrong.smtpHubs[0].adopt.ingressRules[0].id = "sgr-0123456789abcdef0";
    wrong.smtpHubs[0].adopt.vpcEndpoint = await endpointInAnotherVpc(deployment.emulator.url);
    deployment.synth(wrong);
    const run = await terraformJson(deployment.stack("smtp-hub-us-east-1").dir, ["plan"]);
    expect(run.status).toBe(1);
    // Terraform 1.11 gives an import error no source range, so it names the address; the
    // stack's import block for that address names the configuration path.
    expect(errors(run).split("\n\n").sort()).toEqual([
      'Cannot import non-existent remote object: While attempting to import an existing object to "aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider\'s configured region or endpoint, or use "terraform apply" to create a new remote object for this resource.',
      expect.stringMatching(
        new RegExp(
          `^Resource precondition failed: smtpHubs\\[0\\]\\.adopt\\.vpcEndpoint: endpoint vpce-\\w+ is a Interface endpoint of com\\.amazonaws\\.us-east-1\\.email-smtp in vpc-\\w+, but this hub wants an Interface endpoint of com\\.amazonaws\\.us-east-1\\.email-smtp in ${seeded.smtpHubs[0].vpcId}\\. Importing it would replace it`,
        ),
      ),
    ]);
    const { json } = deployment.stack("smtp-hub-us-east-1");
    expect(json.import).toContainEqual({
      "//": "adopted from smtpHubs[0].adopt.ingressRules[0]",
      id: "sgr-0123456789abcdef0",
      provider: "aws.hub-us-east-1",
      to: "aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587",
    });
  });

  test("the hub imports the article's endpoint, zone, record, group, rules and authorizations", async () => {
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
  });

  test("each account imports its association, and the tutorial account its pipeline", async () => {
    const tutorial = importsAndOthers(await planJson(deployment.stack("ses-tutorial")));
    const grafana = importsAndOthers(await planJson(deployment.stack("ses-grafana")));
    expect(grafana.imported).toEqual(["aws_route53_zone_association.email-smtp: no-op"]);
    expect(grafana.others).toEqual([]);
    expect(tutorial.imported).toEqual([
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
    expect(tutorial.others).toEqual([
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
  });

  test("the endpoint, group and zone are the article's, changed in place; a second plan is empty", async () => {
    const ec2 = new EC2Client(await accountClientConfig(deployment.emulator.url, HUB, "us-east-1"));
    const { VpcEndpoints } = await ec2.send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [article.vpcEndpointId] }),
    );
    expect(VpcEndpoints![0].SubnetIds!.sort()).toEqual([...seeded.smtpHubs[0].subnetIds].sort());
    const { SecurityGroupRules } = await ec2.send(
      new DescribeSecurityGroupRulesCommand({
        Filters: [{ Name: "group-id", Values: [article.securityGroupId] }],
      }),
    );
    ec2.destroy();
    expect(SecurityGroupRules!.filter((r) => r.IsEgress)).toEqual([]);
    expect(SecurityGroupRules!.map((r) => r.Description).sort()).toEqual([
      "SMTP 587 from account grafana (222222222222)",
      "SMTP 587 from account tutorial (111111111111)",
    ]);
    const pending = await deployment.pendingChanges();
    expect(pending).toEqual({ "smtp-hub-us-east-1": [], "ses-tutorial": [], "ses-grafana": [] });
  });
});
