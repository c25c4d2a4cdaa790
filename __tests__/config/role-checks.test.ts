import { problems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";
import { allDocs } from "../../test-support/docs";

const APPLY = "arn:aws:iam::222222222222:role/terraform";
const PLAN = "arn:aws:iam::222222222222:role/terraform-plan";

/** One hub in account 999999999999 with `overrides`, beside the default account. */
function withHub(overrides: Record<string, unknown>): unknown {
  return {
    smtpHubs: [
      {
        region: "us-east-1",
        accountId: "999999999999",
        roleArn: "arn:aws:iam::999999999999:role/terraform",
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnetIds: ["subnet-0a1b2c3d4e5f60001"],
        ...overrides,
      },
    ],
    accounts: [accountInput()],
  };
}

describe("planRoleArn: the read-only role of a stack", () => {
  test("a plan role of the account beside its apply role is kept", () => {
    expect(config({ accounts: [accountInput({ planRoleArn: PLAN })] }).accounts[0]).toMatchObject({
      roleArn: APPLY,
      planRoleArn: PLAN,
    });
  });

  test("a plan role without an apply role is allowed (the caller's credentials apply)", () => {
    expect(
      problems({ accounts: [accountInput({ roleArn: undefined, planRoleArn: PLAN })] }),
    ).toEqual([]);
  });

  test("a plan role equal to the apply role is refused", () => {
    expect(problems({ accounts: [accountInput({ planRoleArn: APPLY })] })).toEqual([
      `accounts[0].planRoleArn must be a different role from roleArn (it is the read-only role pull requests assume; roleArn applies), or be left out to plan this stack offline; got "${APPLY}".`,
    ]);
  });

  test("a plan role of another account is refused", () => {
    const other = "arn:aws:iam::999999999999:role/terraform-plan";
    expect(problems({ accounts: [accountInput({ planRoleArn: other })] })).toEqual([
      `accounts[0].planRoleArn must be a role in the account itself (222222222222); it names account 999999999999; got "${other}".`,
    ]);
  });

  test("a plan role that is not a role ARN is refused", () => {
    expect(problems({ accounts: [accountInput({ planRoleArn: "terraform-plan" })] })).toEqual([
      'accounts[0].planRoleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/terraform; got "terraform-plan".',
    ]);
  });

  test("a hub's plan role of the hub account is kept", () => {
    const plan = "arn:aws:iam::999999999999:role/terraform-plan";
    expect(problems(withHub({ planRoleArn: plan }))).toEqual([]);
  });

  test("a hub's plan role equal to its apply role, and one of another account, are refused together", () => {
    const same = "arn:aws:iam::999999999999:role/terraform";
    expect(problems(withHub({ planRoleArn: same }))).toEqual([
      `smtpHubs[0].planRoleArn must be a different role from roleArn (it is the read-only role pull requests assume; roleArn applies), or be left out to plan this stack offline; got "${same}".`,
    ]);
    const input = withHub({ planRoleArn: PLAN }) as { accounts: unknown[] };
    input.accounts = [accountInput({ planRoleArn: APPLY })];
    expect(problems(input)).toEqual([
      `accounts[0].planRoleArn must be a different role from roleArn (it is the read-only role pull requests assume; roleArn applies), or be left out to plan this stack offline; got "${APPLY}".`,
      `smtpHubs[0].planRoleArn must be a role in the account itself (999999999999); it names account 222222222222; got "${PLAN}".`,
    ]);
  });

  test("a plan role outside the region's partition is refused", () => {
    const gov = "arn:aws-us-gov:iam::222222222222:role/terraform-plan";
    expect(problems({ accounts: [accountInput({ planRoleArn: gov })] })).toEqual([
      "accounts[0].planRoleArn must be in partition aws, the partition of us-east-1 (arn:aws:…); it names partition aws-us-gov.",
    ]);
  });

  test("the docs quote these refusals as they are", () => {
    const readme = allDocs();
    const input = withHub({ planRoleArn: PLAN }) as { accounts: unknown[] };
    input.accounts = [accountInput({ planRoleArn: APPLY })];
    for (const line of problems(input)) expect(readme).toContain(`  - ${line}`);
  });
});
