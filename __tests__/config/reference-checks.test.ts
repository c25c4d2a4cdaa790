import { problems } from "../../test-support/problems";
import { accountInput } from "../../test-support/fixtures";

const OTHER = {
  name: "team-b",
  accountId: "333333333333",
  roleArn: "arn:aws:iam::333333333333:role/terraform",
};

/** An account whose event bucket logs to `targetBucket`. */
function logging(targetBucket: string, account: Record<string, unknown> = {}) {
  const input = accountInput(account);
  const publishing = input.eventPublishing as Record<string, unknown>;
  return {
    ...input,
    eventPublishing: { ...publishing, bucket: { accessLogging: { targetBucket } } },
  };
}

const AT = "accounts[0].eventPublishing.bucket.accessLogging.targetBucket";

describe("server access logs go to a bucket of the same account and region", () => {
  test("logging the event bucket into itself is refused with its path, before synthesis", () => {
    expect(problems({ accounts: [logging("ses-events-222222222222-us-east-1")] })).toEqual([
      `${AT} must be another bucket than the event bucket (logging a bucket into itself logs its own log writes); got "ses-events-222222222222-us-east-1".`,
    ]);
  });

  test("logging into another account's event bucket is refused: S3 delivers only within the account", () => {
    const input = { accounts: [logging("ses-events-333333333333-us-east-1"), accountInput(OTHER)] };
    expect(problems(input)).toEqual([
      `${AT} must be a bucket of account 222222222222 in us-east-1 (S3 delivers server access logs only to a bucket of the source bucket's account and region); "ses-events-333333333333-us-east-1" is the event bucket of account 333333333333 at accounts[1].eventPublishing.bucket.`,
    ]);
  });

  test("a log bucket the file does not place in another account is allowed", () => {
    expect(problems({ accounts: [logging("team-a-access-logs"), accountInput(OTHER)] })).toEqual(
      [],
    );
  });
});

describe("a permissions boundary comes from the user's own account or AWS", () => {
  const boundary = (permissionsBoundaryArn: string) => ({
    accounts: [accountInput({ sending: { domain: "example.com", permissionsBoundaryArn } })],
  });

  test("a policy of another account is refused", () => {
    expect(problems(boundary("arn:aws:iam::333333333333:policy/ses-boundary"))).toEqual([
      "accounts[0].sending.permissionsBoundaryArn must be a policy of account 222222222222 or an AWS managed policy (IAM sets a permissions boundary only from the user's own account); it names account 333333333333.",
    ]);
  });

  test.each([
    "arn:aws:iam::222222222222:policy/ses-boundary",
    "arn:aws:iam::aws:policy/PowerUserAccess",
  ])("%s is allowed", (arn) => {
    expect(problems(boundary(arn))).toEqual([]);
  });
});
