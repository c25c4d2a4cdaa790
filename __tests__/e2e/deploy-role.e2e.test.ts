/**
 * The deploy roles `npm run deploy-policy` prints, applied with IAM enforced: the example's hub and
 * both accounts (event publishing with S3 and Firehose; sending, SMTP credentials, alarms, zone
 * associations) are applied and destroyed by roles holding exactly the generated policies, and an
 * account role without one action of its policy fails the apply on that action only. The plan
 * roles, holding exactly the generated read-only policies, plan the applied hub and ses-tutorial
 * with refresh (their apply roles meanwhile allowed nothing) and are refused writes. The emulator
 * checks actions for every service these stacks call and resources only where moto works them
 * out (S3, IAM roles, STS); conditions and trust policies across accounts are not checked (see
 * test-support/emulator/moto_ext/iam_enforcement.py and the README's "Deploy role").
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { DescribeVpcEndpointsCommand, CreateTagsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { parse } from "yaml";
import { DeployPolicy, PolicyDocument, deployPolicy } from "../../src/deploy-policy/deploy-policy";
import { planRoles, writePlanRoleOverride } from "../../src/review/plan-role";
import { accountClientConfig } from "../../test-support/emulator/accounts";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import {
  BaseCredentials,
  EMULATOR_CREDENTIALS,
  TerraformRun,
  apply,
  errors,
  terraformJson,
} from "../../test-support/emulator/terraform";
import { terraformEnv } from "../../src/review/offline-terraform";

jest.setTimeout(900_000);

const REGION = "us-east-1";
/** The action the crippled role lacks: the account stack's first write to Secrets Manager. */
const MISSING_ACTION = "secretsmanager:CreateSecret";
/** The account whose role lacks it. */
const CRIPPLED = "ses-grafana";

/** The stacks planned with their plan roles: the hub and the account with every resource type. */
const PLANNED = ["smtp-hub-us-east-1", "ses-tutorial"];

/**
 * The example, with a 2 s IAM propagation wait instead of 20 s (no real IAM here), and a plan role
 * (`terraform-plan`) for the hub and ses-tutorial.
 */
function example() {
  const input = parse(readFileSync(join(__dirname, "..", "..", "config", "example.yaml"), "utf8"));
  input.accounts[0].eventPublishing.iamPropagationSeconds = 2;
  for (const entry of [input.smtpHubs[0], input.accounts[0]])
    entry.planRoleArn = `arn:aws:iam::${entry.accountId}:role/terraform-plan`;
  return input;
}

/** The user Terraform starts as, in the emulator's default account: it may only assume roles. */
async function createDeployer(endpoint: string): Promise<BaseCredentials> {
  const iam = new IAMClient({ endpoint, region: REGION, credentials: EMULATOR_CREDENTIALS });
  await iam.send(new CreateUserCommand({ UserName: "deployer" }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: "deployer",
      PolicyName: "assume-deploy-roles",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
      }),
    }),
  );
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: "deployer" }));
  iam.destroy();
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

/**
 * Creates or updates the stack's role (`roleArn`, or `planRoleArn` for the plan role): the trust
 * outline, and `policy` inline.
 */
async function putRole(
  endpoint: string,
  p: DeployPolicy,
  policy: PolicyDocument,
  role: "apply" | "plan" = "apply",
): Promise<void> {
  const iam = new IAMClient(await accountClientConfig(endpoint, p.accountId, p.region));
  const RoleName = (role === "apply" ? p.roleArn : p.planRoleArn)!.split("/").pop()!;
  const trust = JSON.stringify(role === "apply" ? p.trustPolicy : p.planTrustPolicy);
  await iam
    .send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: trust }))
    .catch((error: Error) => {
      if (error.name !== "EntityAlreadyExistsException") throw error;
    });
  await iam.send(
    new PutRolePolicyCommand({
      RoleName,
      PolicyName: "deploy",
      PolicyDocument: JSON.stringify(policy),
    }),
  );
  iam.destroy();
}

/** The policy without one action (and without a statement left with none). */
function without(policy: PolicyDocument, action: string): PolicyDocument {
  const statements = policy.Statement.map((s) => ({
    ...s,
    Action: s.Action.filter((a) => a !== action),
  }));
  return { ...policy, Statement: statements.filter((s) => s.Action.length > 0) };
}

/** A policy that allows nothing a stack calls: an apply role put out of use. */
const NOTHING: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Nothing", Effect: "Allow", Action: ["sts:GetCallerIdentity"], Resource: ["*"] },
  ],
};

/** Turns the emulator's IAM enforcement on (every request from now on) or off. */
async function enforceIam(endpoint: string, on: boolean): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset-auth`, {
    method: "POST",
    body: on ? "0" : "inf",
  });
  if (!response.ok) throw new Error(`moto-api/reset-auth answered ${response.status}`);
}

describeWithEmulator("deploy roles with exactly the generated policies, IAM enforced", () => {
  const deployment = new Deployment(2);
  let policies: Map<string, DeployPolicy>;
  let url: string;
  let crippledApply: TerraformRun;
  let crippledLog: string;

  beforeAll(async () => {
    await deployment.start();
    url = deployment.emulator.url;
    deployment.credentials = await createDeployer(url);
    await deployment.seed(example());
    policies = new Map();
    const planRoleOf = planRoles(deployment.config);
    for (const stack of deployment.stacks) {
      const planRole = planRoleOf.get(stack.name);
      policies.set(stack.name, await deployPolicy(stack, deployment.stacks, planRole));
    }
    for (const name of PLANNED) {
      const p = policies.get(name)!;
      await putRole(url, p, p.planPolicy, "plan");
    }
    const [hub, tutorial, account] = ["smtp-hub-us-east-1", "ses-tutorial", CRIPPLED].map((n) =>
      deployment.stack(n),
    );
    for (const stack of [hub, tutorial])
      await putRole(url, policies.get(stack.name)!, policies.get(stack.name)!.policy);
    await putRole(
      url,
      policies.get(CRIPPLED)!,
      without(policies.get(CRIPPLED)!.policy, MISSING_ACTION),
    );
    await enforceIam(url, true);
    await apply(hub);
    // The provider's debug log holds the emulator's answers, which name the refused action.
    crippledLog = join(deployment.root, "crippled-apply.log");
    [, crippledApply] = await Promise.all([
      apply(tutorial),
      terraformJson(account.dir, ["apply", "-auto-approve"], {
        ...terraformEnv(),
        TF_LOG: "DEBUG",
        TF_LOG_PATH: crippledLog,
      }),
    ]);
  });

  afterAll(() => deployment.stop());

  /** The apply roles of the planned stacks with `policy`, or with their own policy again. */
  async function setApplyRoles(policy?: PolicyDocument): Promise<void> {
    await enforceIam(url, false);
    for (const name of PLANNED) {
      const p = policies.get(name)!;
      await putRole(url, p, policy ?? p.policy);
    }
    await enforceIam(url, true);
  }

  test("the generated policies name the action the crippled role lacks", () => {
    const account = policies.get(CRIPPLED)!;
    expect(account.policy.Statement.flatMap((s) => s.Action)).toContain(MISSING_ACTION);
  });

  test(`the account role without ${MISSING_ACTION} is refused exactly that`, () => {
    expect(crippledApply.status).not.toBe(0);
    const diagnostics = errors(crippledApply).split("\n\n");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(
      /^creating Secrets Manager Secret .*CreateSecret.*StatusCode: 403/,
    );
    // Every other call of the apply was allowed: the emulator refused this one action only.
    const refused = readFileSync(crippledLog, "utf8").match(/not authorized to perform: [\w:-]+/g);
    expect([...new Set(refused)]).toEqual([`not authorized to perform: ${MISSING_ACTION}`]);
  });

  test("with exactly its plan policy and its apply role allowed nothing, each plan role plans its applied stack with refresh: no changes", async () => {
    expect(PLANNED.map((n) => policies.get(n)!.planRoleArn)).toEqual([
      "arn:aws:iam::999999999999:role/terraform-plan",
      "arn:aws:iam::111111111111:role/terraform-plan",
    ]);
    await setApplyRoles(NOTHING);
    const overrides = PLANNED.map((n) =>
      writePlanRoleOverride(deployment.stack(n), policies.get(n)!.planRoleArn!),
    );
    try {
      const plans = await Promise.all(
        PLANNED.map((n) =>
          terraformJson(deployment.stack(n).dir, ["plan", "-detailed-exitcode", "-lock=false"]),
        ),
      );
      const outcome = plans.map((run, i) => [PLANNED[i], run.status, errors(run)]);
      // 0: the refresh read every resource and found nothing to change.
      expect(outcome).toEqual(PLANNED.map((n) => [n, 0, ""]));
      const refreshed = plans[1].lines.filter((l) => l.type === "refresh_complete").length;
      expect(refreshed).toBeGreaterThan(20);
    } finally {
      overrides.forEach((file) => rmSync(file));
      await setApplyRoles();
    }
  });

  test("the plan role reads but is refused writes: a secret's value, a role's policy, an endpoint's tags", async () => {
    const asPlanRole = async (name: string) => {
      const p = policies.get(name)!;
      return accountClientConfig(url, p.accountId, p.region, {
        roleArn: p.planRoleArn!,
        sessionName: `cdktf-${name}`,
        credentials: deployment.credentials,
      });
    };
    const tutorial = await asPlanRole("ses-tutorial");
    const secrets = new SecretsManagerClient(tutorial);
    const SecretId = "ses-smtp/tutorial-app";
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId }));
    expect(JSON.parse(SecretString!)).toHaveProperty("username");
    // moto answers a refusal in XML even to JSON services, which the SDK cannot parse: the status.
    const write = await secrets
      .send(new PutSecretValueCommand({ SecretId, SecretString: "{}" }))
      .catch((error: { $metadata?: { httpStatusCode?: number } }) => error);
    expect(write).toMatchObject({ $metadata: { httpStatusCode: 403 } });
    secrets.destroy();
    const iam = new IAMClient(tutorial);
    const role = { RoleName: "tf-firehose-role" };
    const { PolicyNames } = await iam.send(new ListRolePoliciesCommand(role));
    expect(PolicyNames!.length).toBeGreaterThan(0);
    await expect(
      iam.send(
        new PutRolePolicyCommand({
          ...role,
          PolicyName: "widen",
          PolicyDocument: JSON.stringify(NOTHING),
        }),
      ),
    ).rejects.toThrow(
      /assumed-role\/terraform-plan\/cdktf-ses-tutorial is not authorized to perform: iam:PutRolePolicy/,
    );
    iam.destroy();
    const ec2 = new EC2Client(await asPlanRole("smtp-hub-us-east-1"));
    const { VpcEndpoints } = await ec2.send(new DescribeVpcEndpointsCommand({}));
    const endpoint = VpcEndpoints!.find((e) => e.ServiceName?.endsWith(".email-smtp"))!;
    await expect(
      ec2.send(
        new CreateTagsCommand({
          Resources: [endpoint.VpcEndpointId!],
          Tags: [{ Key: "written-by", Value: "plan-role" }],
        }),
      ),
    ).rejects.toThrow(/is not authorized to perform: ec2:CreateTags/);
    ec2.destroy();
  });

  test("the hub and ses-tutorial applied; with exactly its policy ses-grafana applies; all three are destroyed", async () => {
    await enforceIam(url, false);
    await putRole(url, policies.get(CRIPPLED)!, policies.get(CRIPPLED)!.policy);
    await enforceIam(url, true);
    await apply(deployment.stack(CRIPPLED));
    await deployment.destroyAll();
  });
});
