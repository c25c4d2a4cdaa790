import { problems } from "../../test-support/problems";
import { hubInput } from "../../test-support/hub";
import { accountInput } from "../../test-support/fixtures";
import { SES_REGIONS } from "../../src/private/ses-facts";

const KEY = "key/0f0e0d0c-0b0a-0908-0706-050403020100";

/** One account whose bucket uses `kmsKeyArn`, with optional top-level `allow`. */
function bucketKey(kmsKeyArn: string, allow?: Record<string, unknown>) {
  const account = accountInput();
  (account.eventPublishing as any).bucket = { kmsKeyArn };
  return { ...(allow ? { allow } : {}), accounts: [account] };
}

describe("regions", () => {
  test("a region without SES is refused with the list and the way to extend it", () => {
    expect(problems({ accounts: [accountInput({ region: "ap-east-1" })] })).toEqual([
      `accounts[0].region must be a region where SES and its email-smtp endpoint service exist (${SES_REGIONS.join(", ")}), or be listed under allow.regions if AWS has added it since; got "ap-east-1".`,
    ]);
  });

  test("a region AWS added since is accepted once listed under allow.regions", () => {
    expect(
      problems({
        allow: { regions: ["ap-east-1"] },
        accounts: [accountInput({ region: "ap-east-1" })],
      }),
    ).toEqual([]);
  });

  test("a hub's region must have SES too", () => {
    expect(
      problems({ smtpHubs: [hubInput({ region: "xx-fake-1" })], accounts: [accountInput()] }),
    ).toEqual([
      `smtpHubs[0].region must be a region where SES and its email-smtp endpoint service exist (${SES_REGIONS.join(", ")}), or be listed under allow.regions if AWS has added it since; got "xx-fake-1".`,
    ]);
  });

  test("the state bucket may be in any real region, not an invented one", () => {
    const state = (region: string) => ({ s3: { bucket: "team-tf-state", region } });
    expect(problems({ state: state("ap-east-1"), accounts: [accountInput()] })).toEqual([]);
    expect(problems({ state: state("xx-fake-1"), accounts: [accountInput()] })).toEqual([
      expect.stringMatching(
        /^state\.s3\.region must be an AWS region \(us-east-1, .*, ap-east-1, .*\), or be listed under allow\.regions if AWS has added it since; got "xx-fake-1"\.$/,
      ),
    ]);
  });
});

describe("partitions", () => {
  test("a role ARN of another partition is refused", () => {
    expect(
      problems({ accounts: [accountInput({ roleArn: "arn:aws-cn:iam::222222222222:role/x" })] }),
    ).toEqual([
      "accounts[0].roleArn must be in partition aws, the partition of us-east-1 (arn:aws:…); it names partition aws-cn.",
    ]);
  });

  test("a GovCloud account needs arn:aws-us-gov ARNs", () => {
    const gov = accountInput({
      region: "us-gov-west-1",
      roleArn: "arn:aws:iam::222222222222:role/x",
    });
    expect(problems({ accounts: [gov] })).toEqual([
      "accounts[0].roleArn must be in partition aws-us-gov, the partition of us-gov-west-1 (arn:aws-us-gov:…); it names partition aws.",
    ]);
    gov.roleArn = "arn:aws-us-gov:iam::222222222222:role/x";
    expect(problems({ accounts: [gov] })).toEqual([]);
  });
});

describe("KMS keys and SNS topics", () => {
  test("a key in the account and region is allowed", () => {
    expect(problems(bucketKey(`arn:aws:kms:us-east-1:222222222222:${KEY}`))).toEqual([]);
  });

  test("a key in another region is refused", () => {
    expect(problems(bucketKey(`arn:aws:kms:eu-west-1:222222222222:${KEY}`))).toEqual([
      'accounts[0].eventPublishing.bucket.kmsKeyArn must be a key in us-east-1, the region of the account that uses it; it is in "eu-west-1".',
    ]);
  });

  test("a key of another account is refused unless allow.crossAccountKmsKeys lists it", () => {
    const arn = `arn:aws:kms:us-east-1:111111111111:${KEY}`;
    expect(problems(bucketKey(arn))).toEqual([
      'accounts[0].eventPublishing.bucket.kmsKeyArn must be a key of account 222222222222, which uses it, or be listed in allow.crossAccountKmsKeys (with a key policy that lets that account use it); it is in account "111111111111".',
    ]);
    expect(problems(bucketKey(arn, { crossAccountKmsKeys: [arn] }))).toEqual([]);
  });

  test("every kmsKeyArn field is checked, the sending ones included", () => {
    const sending = {
      domain: "example.com",
      secretKmsKeyArn: `arn:aws:kms:eu-west-1:222222222222:${KEY}`,
      alarms: { topicKmsKeyArn: `arn:aws:kms:eu-west-1:222222222222:${KEY}` },
    };
    expect(problems({ accounts: [accountInput({ sending })] })).toEqual([
      'accounts[0].sending.secretKmsKeyArn must be a key in us-east-1, the region of the account that uses it; it is in "eu-west-1".',
      'accounts[0].sending.alarms.topicKmsKeyArn must be a key in us-east-1, the region of the account that uses it; it is in "eu-west-1".',
    ]);
  });

  test("the state bucket's key must be in its region; its account is not known, so not checked", () => {
    const state = (kmsKeyArn: string) => ({
      s3: { bucket: "team-tf-state", region: "eu-west-1", kmsKeyArn },
    });
    expect(
      problems({
        state: state(`arn:aws:kms:eu-west-1:111111111111:${KEY}`),
        accounts: [accountInput()],
      }),
    ).toEqual([]);
    expect(
      problems({
        state: state(`arn:aws:kms:us-east-1:111111111111:${KEY}`),
        accounts: [accountInput()],
      }),
    ).toEqual([
      'state.s3.kmsKeyArn must be a key in eu-west-1, the region of the state bucket that uses it; it is in "us-east-1".',
    ]);
  });

  test("an SNS destination topic must be in the account's region", () => {
    const account = accountInput();
    (account.eventPublishing as any).configurationSets[0].eventDestinations = [
      {
        name: "alerts",
        matchingTypes: ["bounce"],
        sns: { topicArn: "arn:aws:sns:eu-west-1:222222222222:t" },
      },
    ];
    expect(problems({ accounts: [account] })).toEqual([
      'accounts[0].eventPublishing.configurationSets[0].eventDestinations[0].sns.topicArn must be a topic in us-east-1, the region of the account\'s configuration sets; it is in "eu-west-1".',
    ]);
  });
});
