/**
 * The deploy roles `npm run deploy-policy` prints, applied with IAM enforced: the example's hub and
 * both accounts (event publishing with S3 and Firehose; sending, SMTP credentials, alarms, zone
 * associations) are applied and destroyed by roles holding exactly the generated policies, and an
 * account role without one action of its policy fails the apply on that action only. The emulator
 * checks actions for every service these stacks call and resources only where moto works them
 * out (S3, IAM roles, STS); conditions and trust policies across accounts are not checked (see
 * test-support/emulator/moto_ext/iam_enforcement.py and the README's "Deploy role").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { parse } from "yaml";
import { DeployPolicy, PolicyDocument, deployPolicy } from "../../scripts/deploy-policy";
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
import { terraformEnv } from "../../scripts/offline-terraform";

jest.setTimeout(900_000);

const REGION = "us-east-1";
/** The action the crippled role lacks: the account stack's first write to Secrets Manager. */
const MISSING_ACTION = "secretsmanager:CreateSecret";
/** The account whose role lacks it. */
const CRIPPLED = "ses-grafana";

/** The example, with a 2 s IAM propagation wait instead of 20 s (no real IAM here). */
function example() {
  const input = parse(readFileSync(join(__dirname, "..", "..", "config", "example.yaml"), "utf8"));
  input.accounts[0].eventPublishing.iamPropagationSeconds = 2;
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

/** Creates or updates the stack's role (`roleArn`): the trust outline, and `policy` inline. */
async function putRole(endpoint: string, p: DeployPolicy, policy: PolicyDocument): Promise<void> {
  const iam = new IAMClient(await accountClientConfig(endpoint, p.accountId, p.region));
  const RoleName = p.roleArn!.split("/").pop()!;
  const trust = JSON.stringify(p.trustPolicy);
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
    for (const stack of deployment.stacks)
      policies.set(stack.name, await deployPolicy(stack, deployment.stacks));
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

  test("the hub and ses-tutorial applied; with exactly its policy ses-grafana applies; all three are destroyed", async () => {
    await enforceIam(url, false);
    await putRole(url, policies.get(CRIPPLED)!, policies.get(CRIPPLED)!.policy);
    await enforceIam(url, true);
    await apply(deployment.stack(CRIPPLED));
    await deployment.destroyAll();
  });
});
