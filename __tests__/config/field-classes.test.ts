import { arnShapeProblem } from "../../src/config/arn-checks";
import { formatPath } from "../../src/config/config-error";
import { configSchema } from "../../src/config/schema";
import { ARN_RESOURCE_SHAPES } from "../../src/private/aws-facts";
import { show } from "../../src/private/show";
import { problems } from "../../test-support/problems";
import { StringField, setAt, stringFields } from "../../test-support/schema-fields";
import { exampleInput } from "../../test-support/fixtures";

/**
 * Fields found by walking the schema, so a field added later is classified without being listed:
 * every field that takes an ARN gets its resource part checked, every field that takes a path
 * refuses `.` and `..` segments.
 */

const fields = stringFields(configSchema).filter((f) => !f.isKey && !f.path.includes("tags"));

/** The problems of the example with `value` at the field's path, only those at that path. */
function problemsAt(field: StringField, value: string): string[] {
  const input = exampleInput();
  setAt(input, field.path, value);
  const at = formatPath(field.path);
  return problems(input).filter((line) => line.startsWith(`${at} `));
}

/** A field takes ARNs when its pattern names the `arn:` prefix or its name ends in Arn. */
const isArnField = (f: StringField) =>
  f.patterns.some((p) => p.source.includes("arn:")) || /Arns?$/.test(String(f.path.at(-1)));

/** An ARN of each shaped type whose resource part is wrong, though its prefix is right. */
const WRONG_RESOURCE: Record<string, string> = {
  "kms:key": "arn:aws:kms:us-east-1:111111111111:key/ses-events",
  "iam:role": "arn:aws:iam::111111111111:role/terraform/",
  "iam:policy": "arn:aws:iam::111111111111:policy/boundary/",
  "firehose:deliverystream": `arn:aws:firehose:us-east-1:111111111111:deliverystream/${"x".repeat(65)}`,
  "sns:": "arn:aws:sns:us-east-1:111111111111:ses.events",
  "s3:": "arn:aws:s3:::Acme_Logs",
  "events:event-bus": "arn:aws:events:us-east-1:111111111111:event-bus/orders",
};

/** The service and resource type a field's pattern takes, such as `kms:key`. */
function arnType(field: StringField): string | undefined {
  const source = field.patterns.map((p) => p.source).join(" ");
  const service = /arn:aws(?:\([^)]*\)\??)?:([a-z0-9-]+):/.exec(source)?.[1];
  if (!service) return undefined;
  const types = Object.keys(ARN_RESOURCE_SHAPES[service] ?? {});
  const type =
    types.find((t) => t !== "" && source.includes(`${t}\\/`)) ?? types.find((t) => t === "");
  return type === undefined ? `${service}:?` : `${service}:${type}`;
}

describe("every ARN field has its resource part checked", () => {
  const arnFields = fields.filter(isArnField);

  test("the walk finds the ARN fields, including the KMS keys of the report", () => {
    expect(arnFields.map((f) => formatPath(f.path))).toEqual(
      expect.arrayContaining([
        "accounts[0].kmsKeyArn",
        "accounts[0].roleArn",
        "accounts[0].eventPublishing.deliveryStream.kmsKeyArn",
        "accounts[0].sending.permissionsBoundaryArn",
        "accounts[0].adopt.deliveryStream",
        "allow.crossAccountKmsKeys[0]",
        "state.s3.kmsKeyArn",
      ]),
    );
  });

  test.each(arnFields.map((f) => [formatPath(f.path), f] as const))("%s", (_, field) => {
    const type = arnType(field);
    const wrong = type === undefined ? undefined : WRONG_RESOURCE[type];
    // A new ARN field needs a pattern naming its service and type, and the type a shape.
    expect({ type, shaped: wrong !== undefined }).toEqual({ type, shaped: true });
    const problem = arnShapeProblem(wrong!);
    expect(problem).toBeDefined();
    expect(problemsAt(field, wrong!)).toEqual([
      `${formatPath(field.path)} must be ${problem}; got ${show(wrong)}.`,
    ]);
  });
});

describe("ARN resource parts", () => {
  test("an alias name where a KMS key id belongs is refused, quoting what a key id is", () => {
    expect(arnShapeProblem("arn:aws:kms:us-east-1:111111111111:key/ses-events")).toBe(
      "an ARN whose resource part is key/ followed by a key id: a UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab or a multi-Region id mrk- and 32 hex digits (an alias name is not a key id)",
    );
  });

  test.each([
    "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    `arn:aws:kms:us-east-1:111111111111:key/mrk-${"0123456789abcdef".repeat(2)}`,
    "arn:aws:iam::111111111111:role/terraform",
    "arn:aws:iam::111111111111:role/ops/terraform",
    "arn:aws:iam::aws:policy/ops/boundary",
    "arn:aws:firehose:us-east-1:111111111111:deliverystream/tf-delivery-stream",
    "arn:aws:sns:us-east-1:111111111111:ses-events",
    "arn:aws:s3:::acme-access-logs",
  ])("%s has the shape of its type", (arn) => {
    expect(arnShapeProblem(arn)).toBeUndefined();
  });
});

/** Fields whose values may hold `/` but are not paths or S3 keys, and why. */
const NOT_PATHS: Record<string, string> = {
  $schema: "an editor hint, never used",
  "accounts[0].eventPublishing.logs.groupName": "a log group name, not a path",
  "accounts[0].eventPublishing.logs.streamName": "a log stream name, not a path",
  "accounts[0].adopt.logGroup": "a log group name, not a path",
  "accounts[0].adopt.eventDestinations[0]": "an import id <configuration set>/<destination>",
  "smtpHubs[0].securityGroups[0].name": "an adopted security group's recorded name, not a path",
  "smtpHubs[0].securityGroups[0].description":
    "an adopted security group's recorded description, not a path",
  "smtpHubs[0].apiEndpoint.securityGroups[0].name":
    "an adopted API endpoint group's recorded name, not a path",
  "smtpHubs[0].apiEndpoint.securityGroups[0].description":
    "an adopted API endpoint group's recorded description, not a path",
};

describe("every field that becomes a path or S3 key refuses '.' and '..' segments", () => {
  /** A field takes `/` when its patterns accept `a/b`, or, without patterns, the file does. */
  const takesSlash = (f: StringField) =>
    f.patterns.length > 0
      ? f.patterns.every((p) => p.test("a/b"))
      : problemsAt(f, "a/b").length === 0;
  const pathFields = fields.filter(
    (f) => !isArnField(f) && !(formatPath(f.path) in NOT_PATHS) && takesSlash(f),
  );

  test("the walk finds the key prefixes, including the state's of the report", () => {
    expect(pathFields.map((f) => formatPath(f.path)).sort()).toEqual([
      "accounts[0].eventPublishing.bucket.accessLogging.targetPrefix",
      "accounts[0].eventPublishing.deliveryStream.errorOutputPrefix",
      "accounts[0].eventPublishing.deliveryStream.prefix",
      "accounts[0].eventPublishing.eventLake.resultPrefix",
      "state.s3.keyPrefix",
    ]);
  });

  test("a Firehose prefix that climbs out of its prefix is refused, quoting the rule", () => {
    const field = pathFields.find((f) => f.path.at(-1) === "prefix")!;
    expect(problemsAt(field, "ses/../prod/")).toEqual([
      `accounts[0].eventPublishing.deliveryStream.prefix must be an S3 key prefix of safe characters that does not start with '/' and has no '.' or '..' segment; got "ses/../prod/".`,
    ]);
  });

  test.each(pathFields.map((f) => [formatPath(f.path), f] as const))("%s", (_, field) => {
    for (const value of ["ses/../prod/", "./ses/", "ses/."]) {
      expect(problemsAt(field, value)).toEqual([
        expect.stringMatching(/ has no '\.' or '\.\.' segment|or a '\.' or '\.\.' segment/),
      ]);
    }
    // Query results must stay out of the events' prefix (ses/ by default).
    const allowed =
      field.path.at(-1) === "resultPrefix" ? "athena/..prod/v1.2/" : "ses/..prod/v1.2/";
    expect(problemsAt(field, allowed)).toEqual([]);
  });
});
