/**
 * The configuration's security options: the account-wide KMS key and its overrides, S3 server
 * access logging, SMTP key rotation and the SMTP users' permissions boundary.
 */
import { problems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

const KEY = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const WEST_KEY = "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const CN_KEY = "arn:aws-cn:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const withFirehose = (overrides: Record<string, unknown> = {}) => ({
  configurationSets: [
    {
      name: "transactional",
      eventDestinations: [{ name: "archive", matchingTypes: ["send"], firehose: {} }],
    },
  ],
  ...overrides,
});

describe("KMS keys", () => {
  test("an account-wide key and a key per resource in the account's region are valid", () => {
    expect(
      problems({
        accounts: [
          accountInput({
            kmsKeyArn: KEY,
            eventPublishing: withFirehose({
              bucket: { kmsKeyArn: KEY },
              deliveryStream: { kmsKeyArn: KEY },
              logs: { kmsKeyArn: KEY },
            }),
            sending: {
              domain: "example.com",
              secretKmsKeyArn: KEY,
              alarms: { topicKmsKeyArn: KEY },
            },
          }),
        ],
      }),
    ).toEqual([]);
  });

  test("keys in another region or partition are refused, each with its path, all at once", () => {
    expect(
      problems({
        state: { s3: { bucket: "acme-tf-state", region: "us-east-1", kmsKeyArn: WEST_KEY } },
        accounts: [
          accountInput({
            kmsKeyArn: WEST_KEY,
            eventPublishing: withFirehose({ logs: { kmsKeyArn: CN_KEY } }),
            sending: { domain: "example.com", alarms: { topicKmsKeyArn: WEST_KEY } },
          }),
        ],
      }),
    ).toEqual([
      // The region and partition rules live in region-checks.ts (one message per key field).
      "accounts[0].eventPublishing.logs.kmsKeyArn must be in partition aws, the partition of us-east-1 (arn:aws:…); it names partition aws-cn.",
      'accounts[0].sending.alarms.topicKmsKeyArn must be a key in us-east-1, the region of the account that uses it; it is in "eu-west-1".',
      'accounts[0].kmsKeyArn must be a key in us-east-1, the region of the account that uses it; it is in "eu-west-1".',
      'state.s3.kmsKeyArn must be a key in us-east-1, the region of the state bucket that uses it; it is in "eu-west-1".',
    ]);
  });

  test("an alias is refused: policies grant keys, not aliases", () => {
    expect(problems({ accounts: [accountInput({ kmsKeyArn: "alias/ses" })] })).toEqual([
      'accounts[0].kmsKeyArn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias: IAM policies grant keys, not aliases); got "alias/ses".',
    ]);
  });
});

describe("server access logging", () => {
  test("is off by default, and a target bucket gets the default prefix", () => {
    const plain = config({ accounts: [accountInput({ eventPublishing: withFirehose() })] });
    expect(plain.accounts[0].eventPublishing!.bucket.accessLogging).toBeUndefined();
    const logged = config({
      accounts: [
        accountInput({
          eventPublishing: withFirehose({
            bucket: { accessLogging: { targetBucket: "acme-logs" } },
          }),
        }),
      ],
    });
    expect(logged.accounts[0].eventPublishing!.bucket.accessLogging).toEqual({
      targetBucket: "acme-logs",
      targetPrefix: "ses-events/",
    });
  });

  test("a target that is not a bucket name is refused", () => {
    expect(
      problems({
        accounts: [
          accountInput({
            eventPublishing: withFirehose({ bucket: { accessLogging: { targetBucket: "Logs" } } }),
          }),
        ],
      }),
    ).toEqual([
      'accounts[0].eventPublishing.bucket.accessLogging.targetBucket must be 3-63 characters of lowercase letters, digits, periods and hyphens, starting and ending with a letter or digit; got "Logs".',
    ]);
  });
});

describe("SMTP users", () => {
  const sending = (extra: Record<string, unknown>, application: Record<string, unknown> = {}) =>
    problems({
      accounts: [
        accountInput({
          sending: {
            domain: "example.com",
            applications: [{ name: "billing", ...application }],
            ...extra,
          },
        }),
      ],
    });

  test("a rotation label and a managed-policy boundary are valid", () => {
    expect(
      sending(
        { permissionsBoundaryArn: "arn:aws:iam::222222222222:policy/boundaries/ses-smtp" },
        { rotation: "2026-11" },
      ),
    ).toEqual([]);
    expect(
      sending({ permissionsBoundaryArn: "arn:aws:iam::aws:policy/AmazonSESFullAccess" }),
    ).toEqual([]);
  });

  test("a permissions boundary that is not an IAM policy ARN is refused", () => {
    expect(sending({ permissionsBoundaryArn: "arn:aws:iam::222222222222:role/boundary" })).toEqual([
      'accounts[0].sending.permissionsBoundaryArn must be an IAM managed policy ARN such as arn:aws:iam::123456789012:policy/ses-smtp-boundary; got "arn:aws:iam::222222222222:role/boundary".',
    ]);
  });

  test("a rotation label with spaces is refused", () => {
    expect(sending({}, { rotation: "next month" })).toEqual([
      'accounts[0].sending.applications[0].rotation must be 1-64 characters of letters, digits and . _ : - naming the rotation, such as 2026-11; got "next month".',
    ]);
  });
});
