import { parseArn, splitArn } from "../../src/private/arn";

test("an ARN splits into partition, service, region, account and resource", () => {
  expect(parseArn("arn:aws:firehose:eu-west-1:123456789012:deliverystream/events")).toEqual({
    partition: "aws",
    service: "firehose",
    region: "eu-west-1",
    accountId: "123456789012",
    resource: "deliverystream/events",
  });
});

test("the resource keeps its own colons, and an AWS managed policy names account aws", () => {
  expect(parseArn("arn:aws:logs:us-east-1:123456789012:log-group:ses:*")?.resource).toBe(
    "log-group:ses:*",
  );
  expect(parseArn("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess")).toMatchObject({
    partition: "aws-us-gov",
    region: "",
    accountId: "aws",
  });
});

test("parseArn knows only the aws, aws-cn and aws-us-gov partitions; splitArn reads any", () => {
  const iso = "arn:aws-iso:kms:us-iso-east-1:123456789012:key/abc";
  expect(parseArn(iso)).toBeUndefined();
  expect(splitArn(iso)).toMatchObject({
    partition: "aws-iso",
    service: "kms",
    resource: "key/abc",
  });
});

test("text that is not an ARN has no parts", () => {
  expect(splitArn("alias/ses")).toBeUndefined();
  expect(splitArn("arn:aws:kms:us-east-1")).toBeUndefined();
});
