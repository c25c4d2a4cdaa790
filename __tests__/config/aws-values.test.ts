import { parseText } from "../../src/config/load";
import { problems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

/** One account whose delivery stream is `deliveryStream`. */
function stream(deliveryStream: Record<string, unknown>) {
  const account = accountInput();
  (account.eventPublishing as any).deliveryStream = deliveryStream;
  return { accounts: [account] };
}

const STREAM = "accounts[0].eventPublishing.deliveryStream";
const EXPRESSIONS =
  "!{timestamp:<DateTimeFormatter pattern>}, !{firehose:random-string} and, in errorOutputPrefix only, !{firehose:error-output-type}";

describe("Firehose prefixes follow Firehose's rules", () => {
  test("timestamps (colons included) and random strings are allowed, with the default error prefix", () => {
    const parsed = config(
      stream({ prefix: "ses/!{timestamp:yyyy-MM-dd'T'HH:mm}/!{firehose:random-string}/" }),
    );
    expect(parsed.accounts[0].eventPublishing!.deliveryStream.errorOutputPrefix).toBe(
      "ses-errors/!{firehose:error-output-type}/",
    );
  });

  test("error-output-type is refused in the prefix", () => {
    expect(problems(stream({ prefix: "ses/!{firehose:error-output-type}/" }))).toEqual([
      `${STREAM}.prefix must not use !{firehose:error-output-type}: Firehose allows it only in errorOutputPrefix; got "ses/!{firehose:error-output-type}/".`,
    ]);
  });

  test("an expression Firehose does not have is refused with the ones it has", () => {
    expect(problems(stream({ prefix: "ses/!{aws:region}/" }))).toEqual([
      `${STREAM}.prefix must use only Firehose's expressions ${EXPRESSIONS}; !{aws:region} is not one; got "ses/!{aws:region}/".`,
    ]);
  });

  test("an unclosed expression is refused", () => {
    expect(problems(stream({ prefix: "ses/!{timestamp:yyyy/" }))).toEqual([
      `${STREAM}.prefix must close every !{ with } (Firehose's expressions are ${EXPRESSIONS}); got "ses/!{timestamp:yyyy/".`,
    ]);
  });

  test("partition keys are refused: they need dynamic partitioning", () => {
    expect(problems(stream({ prefix: "!{partitionKeyFromQuery:team}/" }))).toEqual([
      `${STREAM}.prefix must not use !{partitionKeyFromQuery:team}: partition keys need dynamic partitioning, which this project does not enable; got "!{partitionKeyFromQuery:team}/".`,
    ]);
  });

  test("an error prefix with expressions must include error-output-type", () => {
    expect(problems(stream({ errorOutputPrefix: "errors/!{timestamp:yyyy}/" }))).toEqual([
      `${STREAM}.errorOutputPrefix must include !{firehose:error-output-type} when it uses expressions (Firehose's rule for error prefixes); got "errors/!{timestamp:yyyy}/".`,
    ]);
    expect(
      problems(
        stream({ errorOutputPrefix: "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/" }),
      ),
    ).toEqual([]);
  });

  test("an empty error prefix is refused", () => {
    expect(problems(stream({ errorOutputPrefix: "" }))).toEqual([
      `${STREAM}.errorOutputPrefix must not be empty: Firehose writes the records it failed to deliver under it, and requires it when the prefix uses expressions (leave it out for ses-errors/!{firehose:error-output-type}/); got "".`,
    ]);
  });
});

describe("derived DNS names fit in 253 characters", () => {
  /** A valid domain of exactly `length` characters (labels of at most 63). */
  function domainOf(length: number): string {
    const labels = ["a".repeat(63), "b".repeat(63), "c".repeat(63)];
    return [...labels, "d".repeat(length - 3 * 64 - 4), "com"].join(".");
  }
  const sending = (domain: string) => ({ accounts: [accountInput({ sending: { domain } })] });

  test("a 209-character domain leaves room for its DKIM records", () => {
    expect(domainOf(209)).toHaveLength(209);
    expect(problems(sending(domainOf(209)))).toEqual([]);
  });

  test("a 210-character domain is refused: <token>._domainkey.<domain> would pass 253", () => {
    const domain = domainOf(210);
    expect(problems(sending(domain))).toEqual([
      expect.stringMatching(
        /^accounts\[0\]\.sending\.domain must be at most 209 characters, so the names derived from it fit DNS's 253: the DKIM records <32-character token>\._domainkey\.<domain> \(and _dmarc\.<domain>, mail\.<domain>\); got "a{60}"… \(210 characters\)\.$/,
      ),
    ]);
  });
});

describe("numbers", () => {
  const withPublishing = (publishing: Record<string, unknown>) => {
    const account = accountInput();
    Object.assign(account.eventPublishing as object, publishing);
    return { accounts: [account] };
  };
  const FINITE = "must be a finite number (.nan and .inf are not numbers AWS accepts)";

  test.each([
    [Number.NaN, ".nan"],
    [Number.POSITIVE_INFINITY, ".inf"],
    [Number.NEGATIVE_INFINITY, "-.inf"],
  ])("%p is not a finite number, not null", (value, shown) => {
    expect(problems(withPublishing({ iamPropagationSeconds: value }))).toEqual([
      `accounts[0].eventPublishing.iamPropagationSeconds ${FINITE}; got ${shown}.`,
    ]);
  });

  test(".nan read from YAML is refused the same way", () => {
    const file =
      "accounts:\n  - name: a\n    accountId: '222222222222'\n    region: us-east-1\n    smtp: {vpcId: vpc-00000000000000001, cidrs: [10.0.0.0/16]}\nsmtpHubs:\n  - {region: us-east-1, accountId: '999999999999', vpcId: vpc-0a1b2c3d4e5f60718, subnetIds: [subnet-0a1b2c3d4e5f60001], ports: [.nan]}\n";
    expect(problems(parseText(file, "nan.yaml"))).toEqual([
      `smtpHubs[0].ports[0] ${FINITE}; got .nan.`,
    ]);
  });

  test("a fraction where a whole number is needed says so", () => {
    const sending = { domain: "example.com", alarms: { evaluationPeriods: 1.5 } };
    expect(problems({ accounts: [accountInput({ sending })] })).toEqual([
      "accounts[0].sending.alarms.evaluationPeriods must be a whole number; got 1.5.",
    ]);
    expect(problems(withPublishing({ iamPropagationSeconds: 2.5 }))).toEqual([
      "accounts[0].eventPublishing.iamPropagationSeconds must be a whole number of seconds from 0 to 300; got 2.5.",
    ]);
  });
});
