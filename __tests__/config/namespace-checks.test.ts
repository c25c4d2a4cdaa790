import { problems } from "../../test-support/problems";
import { accountInput } from "../../test-support/fixtures";

const OTHER = { name: "team-b", accountId: "333333333333", roleArn: undefined };

/** An account whose event publishing is changed by `publishing`. */
function withPublishing(
  publishing: Record<string, unknown>,
  account: Record<string, unknown> = {},
) {
  const input = accountInput(account);
  return { ...input, eventPublishing: { ...(input.eventPublishing as object), ...publishing } };
}

describe("S3 bucket names are global", () => {
  test("two accounts naming the same bucket are refused, naming the first", () => {
    const bucket = { name: "shared-ses-events" };
    expect(
      problems({
        accounts: [withPublishing({ bucket }), withPublishing({ bucket }, OTHER)],
      }),
    ).toEqual([
      'accounts[1].eventPublishing.bucket.name must give a name of its own among S3 bucket names (global across all AWS accounts); "shared-ses-events" is already the name from accounts[0].eventPublishing.bucket.name.',
    ]);
  });

  test("a bucket named as another account's default is refused where the default applies", () => {
    const bucket = { name: "ses-events-333333333333-us-east-1" };
    expect(problems({ accounts: [withPublishing({ bucket }), accountInput(OTHER)] })).toEqual([
      'accounts[1].eventPublishing.bucket must give a name of its own among S3 bucket names (global across all AWS accounts); its default name "ses-events-333333333333-us-east-1" is already the name from accounts[0].eventPublishing.bucket.name (set its name to another).',
    ]);
  });

  test("the state bucket is never an event bucket", () => {
    const state = { s3: { bucket: "ses-events-222222222222-us-east-1", region: "us-east-1" } };
    expect(problems({ state, accounts: [accountInput()] })).toEqual([
      'accounts[0].eventPublishing.bucket must give a name of its own among S3 bucket names (global across all AWS accounts); its default name "ses-events-222222222222-us-east-1" is already the name from state.s3.bucket (set its name to another).',
    ]);
  });

  test("an account without Firehose creates no bucket, so its default name is free", () => {
    const bucket = { name: "ses-events-333333333333-us-east-1" };
    const cloudwatchOnly = accountInput(OTHER);
    const sets = (cloudwatchOnly.eventPublishing as any).configurationSets;
    sets[0].eventDestinations = sets[0].eventDestinations.slice(1);
    expect(problems({ accounts: [withPublishing({ bucket }), cloudwatchOnly] })).toEqual([]);
  });
});

describe("IAM names are unique per account without case", () => {
  test("the SES role named as the Firehose role's default is refused", () => {
    expect(problems({ accounts: [withPublishing({ sesRoleName: "TF-Firehose-Role" })] })).toEqual([
      'accounts[0].eventPublishing.deliveryStream.roleName must give a name of its own among IAM role names in account 222222222222 (compared without case); "tf-firehose-role" is already the name from accounts[0].eventPublishing.sesRoleName.',
    ]);
  });

  test("the same role names in two accounts are separate namespaces", () => {
    const roles = { sesRoleName: "ses", deliveryStream: { roleName: "firehose" } };
    expect(problems({ accounts: [withPublishing(roles), withPublishing(roles, OTHER)] })).toEqual(
      [],
    );
  });

  test("SMTP users and groups of two applications that differ only in case are refused once", () => {
    const sending = {
      domain: "example.com",
      applications: [{ name: "billing" }, { name: "Billing" }],
    };
    expect(problems({ accounts: [accountInput({ sending })] })).toEqual([
      'accounts[0].sending.applications[1].name must give a name of its own among IAM user names in account 222222222222 (compared without case); "ses-smtp-Billing" is already the name from accounts[0].sending.applications[0].name.',
    ]);
  });
});
