import { problems } from "../../test-support/problems";
import { parseText } from "../../src/config/load";
import { accountInput, config } from "../../test-support/fixtures";

/** A configuration of one account whose event publishing is changed by `edit`. */
function withPublishing(edit: (publishing: Record<string, any>) => void): unknown {
  const account = accountInput();
  edit(account.eventPublishing as Record<string, any>);
  return { accounts: [account] };
}

const SET = "accounts[0].eventPublishing.configurationSets[0]";

describe("configuration file syntax", () => {
  test("malformed YAML names the file and the parser's complaint", () => {
    expect(() => parseText("accounts: [\n  - name: x\n", "bad.yaml")).toThrow(
      /^bad\.yaml has \d+ problems?; nothing was synthesized:\n {2}- the configuration is not valid YAML: Block collections are not allowed within flow collections at line 2, column 3\.\n/,
    );
  });

  test("malformed JSON names the file and where, without echoing the text", () => {
    expect(() => parseText('{"accounts": [}', "bad.json")).toThrow(
      "bad.json has 1 problem; nothing was synthesized:\n  - the configuration is not valid JSON: Unexpected token '}' at line 1, column 15.",
    );
  });

  test("a repeated YAML key is refused rather than silently overwritten", () => {
    expect(() => parseText("tags: {}\ntags: {}\n", "dup.yaml")).toThrow(
      /not valid YAML: Map keys must be unique/,
    );
  });

  test("valid YAML parses", () => {
    expect(parseText("accounts: []\n", "ok.yaml")).toEqual({ accounts: [] });
  });
});

describe("accounts", () => {
  test("the minimal account is valid and gets the documented defaults", () => {
    const parsed = config({ accounts: [accountInput()] });
    const publishing = parsed.accounts[0].eventPublishing!;
    expect(publishing.deliveryStream).toMatchObject({
      prefix: "ses/",
      bufferingIntervalSeconds: 60,
      parquet: false,
    });
    // Left to the stream, whose defaults `parquet` changes (the key table shows the JSON ones).
    expect(publishing.deliveryStream).not.toHaveProperty("compression");
    expect(publishing.deliveryStream).not.toHaveProperty("bufferingSizeMb");
    expect(publishing.logs.retentionDays).toBe(365);
    expect(publishing.configurationSets[0]).toMatchObject({
      tlsPolicy: "Require",
      reputationMetricsEnabled: true,
    });
    expect(publishing.configurationSets[0].eventDestinations[0].enabled).toBe(true);
  });

  test("an unknown key is refused with the keys allowed there", () => {
    expect(problems({ accounts: [accountInput({ acountId: "1" })] })).toEqual([
      "accounts[0].acountId is not a known key (check the spelling; allowed here: name, accountId, region, roleArn, planRoleArn, tags, eventPublishing, smtp, sending, kmsKeyArn, adopt).",
    ]);
  });

  test("an account id that is not 12 digits is refused", () => {
    expect(
      problems({ accounts: [accountInput({ accountId: "12345", roleArn: undefined })] }),
    ).toEqual([
      'accounts[0].accountId must be exactly 12 digits (quote it in YAML so leading zeros survive); got "12345".',
    ]);
  });

  test("an account id given as a number says to quote it and shows the 12 digits it lost", () => {
    expect(
      problems({ accounts: [accountInput({ accountId: 12345678901, roleArn: undefined })] }),
    ).toEqual([
      'accounts[0].accountId must be 12 digits in quotes (unquoted, YAML reads a number and drops leading zeros): write "012345678901" if that is the account; got 12345678901.',
    ]);
  });

  test("an account id number that cannot be one is refused without a guess", () => {
    expect(
      problems({ accounts: [accountInput({ accountId: 1.5e13, roleArn: undefined })] }),
    ).toEqual([
      'accounts[0].accountId must be 12 digits in quotes, such as "123456789012"; got 15000000000000.',
    ]);
  });

  test("duplicate account names are refused, naming the first", () => {
    const second = accountInput({ accountId: "333333333333", roleArn: undefined });
    expect(problems({ accounts: [accountInput(), second] })).toEqual([
      'accounts[1].name must be unique among account names; "team-a" is already used at accounts[0].name.',
    ]);
  });

  test("the same account id under two names is refused", () => {
    expect(problems({ accounts: [accountInput(), accountInput({ name: "team-b" })] })).toEqual([
      'accounts[1].accountId must be unique among account ids (one entry per AWS account); "222222222222" is already used at accounts[0].accountId.',
    ]);
  });

  test("a malformed role ARN is refused", () => {
    expect(problems({ accounts: [accountInput({ roleArn: "terraform" })] })).toEqual([
      'accounts[0].roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/terraform; got "terraform".',
    ]);
  });

  test("a role in another account is refused", () => {
    expect(
      problems({
        accounts: [accountInput({ roleArn: "arn:aws:iam::999999999999:role/terraform" })],
      }),
    ).toEqual([
      'accounts[0].roleArn must be a role in the account itself (222222222222); it names account 999999999999; got "arn:aws:iam::999999999999:role/terraform".',
    ]);
  });

  test("an account without a role is allowed (credentials must already be in the account)", () => {
    expect(problems({ accounts: [accountInput({ roleArn: undefined })] })).toEqual([]);
  });

  test("a missing accounts list is reported", () => {
    expect(problems({})).toEqual(["accounts is required (array)."]);
  });
});

describe("configuration sets and destinations", () => {
  test("a configuration set name outside SES's rules is refused", () => {
    const input = withPublishing((p) => (p.configurationSets[0].name = "has space"));
    expect(problems(input)).toEqual([
      `${SET}.name must be 1-64 characters of ASCII letters, digits, underscores and hyphens; got "has space".`,
    ]);
  });

  test("a 64-character configuration set name is allowed", () => {
    expect(problems(withPublishing((p) => (p.configurationSets[0].name = "a".repeat(64))))).toEqual(
      [],
    );
  });

  test("duplicate configuration set names are refused", () => {
    const input = withPublishing((p) => p.configurationSets.push({ name: "transactional" }));
    expect(problems(input)).toEqual([
      'accounts[0].eventPublishing.configurationSets[1].name must be unique among the account\'s configuration sets; "transactional" is already used at accounts[0].eventPublishing.configurationSets[0].name.',
    ]);
  });

  test("duplicate destination names are refused", () => {
    const input = withPublishing((p) =>
      p.configurationSets[0].eventDestinations.push({
        name: "to-firehose",
        matchingTypes: ["send"],
        firehose: {},
      }),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[2].name must be unique among the configuration set's event destinations; "to-firehose" is already used at ${SET}.eventDestinations[0].name.`,
    ]);
  });

  test("deliveryDelay (an SESv2-only event type) is refused", () => {
    const input = withPublishing(
      (p) => (p.configurationSets[0].eventDestinations[0].matchingTypes = ["deliveryDelay"]),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[0].matchingTypes[0] is an SESv2 event type (the v1 API refuses deliveryDelay and subscription): set api: v2 on the configuration set to use it (see docs/event-publishing-v2.md); got "deliveryDelay".`,
    ]);
  });

  test("all 8 v1 event types are allowed", () => {
    const all = [
      "send",
      "reject",
      "bounce",
      "complaint",
      "delivery",
      "open",
      "click",
      "renderingFailure",
    ];
    expect(
      problems(
        withPublishing((p) => (p.configurationSets[0].eventDestinations[0].matchingTypes = all)),
      ),
    ).toEqual([]);
  });

  test("a destination with no target is refused", () => {
    const input = withPublishing(
      (p) => (p.configurationSets[0].eventDestinations[0] = { name: "x", matchingTypes: ["send"] }),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[0] must have exactly one target (one of cloudwatch, firehose, sns, eventBridge); it has none.`,
    ]);
  });

  test("a destination with two targets is refused", () => {
    const input = withPublishing(
      (p) =>
        (p.configurationSets[0].eventDestinations[0].sns = {
          topicArn: "arn:aws:sns:us-east-1:222222222222:events",
        }),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[0] must have exactly one target (one of cloudwatch, firehose, sns, eventBridge); it has firehose and sns.`,
    ]);
  });

  test("an SNS destination with a topic ARN is allowed", () => {
    const input = withPublishing((p) =>
      p.configurationSets[0].eventDestinations.push({
        name: "to-sns",
        matchingTypes: ["bounce", "complaint"],
        sns: { topicArn: "arn:aws:sns:us-east-1:222222222222:events" },
      }),
    );
    expect(problems(input)).toEqual([]);
  });

  test("a CloudWatch dimension name outside SES's rules is refused", () => {
    const input = withPublishing(
      (p) =>
        (p.configurationSets[0].eventDestinations[1].cloudwatch.dimensions[0].name = "my campaign"),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[1].cloudwatch.dimensions[0].name must be 1-256 characters of ASCII letters, digits, underscores and hyphens; got "my campaign".`,
    ]);
  });

  test("a CloudWatch default value outside SES's rules is refused", () => {
    const input = withPublishing(
      (p) =>
        (p.configurationSets[0].eventDestinations[1].cloudwatch.dimensions[0].defaultValue = "n/a"),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[1].cloudwatch.dimensions[0].defaultValue must be 1-256 characters of ASCII letters, digits, underscores, hyphens, at signs and periods; got "n/a".`,
    ]);
  });

  test("a default value with @ and . is allowed", () => {
    const input = withPublishing(
      (p) =>
        (p.configurationSets[0].eventDestinations[1].cloudwatch.dimensions[0].defaultValue =
          "ops@example.com"),
    );
    expect(problems(input)).toEqual([]);
  });

  test("a value source outside the three is refused", () => {
    const input = withPublishing(
      (p) =>
        (p.configurationSets[0].eventDestinations[1].cloudwatch.dimensions[0].valueSource =
          "header"),
    );
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations[1].cloudwatch.dimensions[0].valueSource must be one of messageTag, emailHeader, linkTag; got "header".`,
    ]);
  });

  test("more than 10 destinations in a set is refused", () => {
    const input = withPublishing((p) => {
      p.configurationSets[0].eventDestinations = Array.from({ length: 11 }, (_, i) => ({
        name: `d${i}`,
        matchingTypes: ["send"],
        firehose: {},
      }));
    });
    expect(problems(input)).toEqual([
      `${SET}.eventDestinations must list at most 10 event destinations (SES's limit per configuration set); got a list of 11.`,
    ]);
  });

  test("exactly 10 destinations in a set is allowed", () => {
    const input = withPublishing((p) => {
      p.configurationSets[0].eventDestinations = Array.from({ length: 10 }, (_, i) => ({
        name: `d${i}`,
        matchingTypes: ["send"],
        firehose: {},
      }));
    });
    expect(problems(input)).toEqual([]);
  });
});

describe("delivery stream, logs and bucket", () => {
  test.each([
    ["bufferingIntervalSeconds", 901, "must be a whole number of seconds from 0 to 900; got 901."],
    ["bufferingIntervalSeconds", -1, "must be a whole number of seconds from 0 to 900; got -1."],
    ["bufferingSizeMb", 129, "must be a whole number of MiB from 1 to 128; got 129."],
    ["bufferingSizeMb", 0, "must be a whole number of MiB from 1 to 128; got 0."],
  ])("%s = %p is refused", (field, value, message) => {
    const input = withPublishing((p) => (p.deliveryStream = { [field]: value }));
    expect(problems(input)).toEqual([
      `accounts[0].eventPublishing.deliveryStream.${field} ${message}`,
    ]);
  });

  test.each([
    ["bufferingIntervalSeconds", 900],
    ["bufferingIntervalSeconds", 0],
    ["bufferingSizeMb", 128],
    ["bufferingSizeMb", 1],
  ])("%s = %p (a boundary) is allowed", (field, value) => {
    expect(problems(withPublishing((p) => (p.deliveryStream = { [field]: value })))).toEqual([]);
  });

  test("a log retention CloudWatch does not accept is refused", () => {
    expect(problems(withPublishing((p) => (p.logs = { retentionDays: 10 })))).toEqual([
      "accounts[0].eventPublishing.logs.retentionDays must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (0 keeps logs forever); got 10.",
    ]);
  });

  test("a log retention CloudWatch accepts is allowed", () => {
    expect(problems(withPublishing((p) => (p.logs = { retentionDays: 731 })))).toEqual([]);
  });

  test.each([
    [
      "Events-Bucket",
      "must be 3-63 characters of lowercase letters, digits, periods and hyphens, starting and ending with a letter or digit",
    ],
    ["events..bucket", "must be a bucket name without two adjacent periods"],
    ["192.168.1.10", "must be a bucket name that is not formatted as an IP address"],
    [
      "xn--events",
      "must be a bucket name without a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, .mrap, --x-s3)",
    ],
  ])("bucket name %p is refused", (name, message) => {
    expect(problems(withPublishing((p) => (p.bucket = { name })))).toEqual([
      `accounts[0].eventPublishing.bucket.name ${message}; got "${name}".`,
    ]);
  });

  test("a valid bucket name is allowed", () => {
    expect(problems(withPublishing((p) => (p.bucket = { name: "acme-ses-events.prod" })))).toEqual(
      [],
    );
  });
});

describe("tags and state", () => {
  test("a tag key with AWS's reserved aws: prefix is refused", () => {
    expect(problems({ tags: { "aws:team": "x" }, accounts: [accountInput()] })).toEqual([
      'tags.aws:team must not start with aws: (AWS reserves that prefix); got "aws:team".',
    ]);
  });

  test.each([[""], ["/ses"], ["ses//prod"], ["ses/../prod"], ["./ses"], ["ses/."]])(
    "state key prefix %p is refused",
    (keyPrefix) => {
      const input = {
        state: { s3: { bucket: "acme-tf-state", region: "eu-west-1", keyPrefix } },
        accounts: [accountInput()],
      };
      expect(problems(input)).toEqual([
        `state.s3.keyPrefix must be a non-empty S3 key prefix without a leading slash, '//', or a '.' or '..' segment, such as ses/prod; got "${keyPrefix}".`,
      ]);
    },
  );

  test.each([["ses/prod"], ["ses/..prod/v1.2"], ["ses."]])(
    "state key prefix %p is allowed",
    (keyPrefix) => {
      const input = {
        state: { s3: { bucket: "acme-tf-state", region: "eu-west-1", keyPrefix } },
        accounts: [accountInput()],
      };
      expect(problems(input)).toEqual([]);
    },
  );

  test("a KMS alias is refused where a key ARN goes into an IAM policy", () => {
    const input = withPublishing(
      (p) => (p.bucket = { kmsKeyArn: "arn:aws:kms:us-east-1:222222222222:alias/events" }),
    );
    expect(problems(input)).toEqual([
      'accounts[0].eventPublishing.bucket.kmsKeyArn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias: IAM policies grant keys, not aliases); got "arn:aws:kms:us-east-1:222222222222:alias/events".',
    ]);
  });
});

test("every problem is reported at once, in one error", () => {
  const account = accountInput({ accountId: "1", tpyo: true });
  (account.eventPublishing as any).configurationSets[0].eventDestinations[0].matchingTypes = [
    "deliveryDelay",
  ];
  (account.eventPublishing as any).logs = { retentionDays: 2 };
  const found = problems({
    accounts: [
      account,
      accountInput({ name: "team-a", accountId: "444444444444", roleArn: undefined }),
    ],
  });
  expect(found).toHaveLength(5);
  expect(found.map((line) => line.split(" ")[0])).toEqual(
    expect.arrayContaining([
      "accounts[0].accountId",
      "accounts[0].tpyo",
      `${SET}.eventDestinations[0].matchingTypes[0]`,
      "accounts[0].eventPublishing.logs.retentionDays",
      "accounts[1].name",
    ]),
  );
});
