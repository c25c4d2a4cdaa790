import { ZONE, TUTORIAL_VPC, adoptedInput } from "../../test-support/adopt";
import { problems } from "../../test-support/problems";
import { config } from "../../test-support/fixtures";

type Input = ReturnType<typeof adoptedInput>;

/** The adopted input with `edit` applied to a copy. */
function edited(edit: (input: Input) => void): Input {
  const input = adoptedInput();
  edit(input);
  return input;
}

describe("adopt: shapes", () => {
  test("every adopt id of the article and the tutorial is valid", () => {
    expect(config(adoptedInput()).accounts[0].adopt?.zoneAssociation).toBe(
      `${ZONE}:${TUTORIAL_VPC}`,
    );
  });

  test("ids of the wrong shape are refused before synthesis, each with the form it takes", () => {
    const input = edited((i) => {
      const hub = i.smtpHubs[0].adopt;
      hub.vpcEndpoint = "vpc-0123456789abcdef0";
      hub.securityGroups = ["sg-XYZ"];
      hub.privateHostedZone = "/hostedzone/Z0123456789ABCDEFGHIJ";
      hub.authorizations = [`${ZONE}/${TUTORIAL_VPC}`];
      const account = i.accounts[0].adopt;
      account.zoneAssociation = TUTORIAL_VPC;
      account.eventDestinations = ["tf-firehose-destination"];
      account.deliveryStream = "tf-delivery-stream";
      account.sesRole = "arn:aws:iam::111111111111:role/tf-ses-role";
      account.logStream = "tf-firehose-log-stream";
    });
    expect(problems(input)).toEqual([
      'smtpHubs[0].adopt.vpcEndpoint must be an interface VPC endpoint id such as vpce-0123456789abcdef0; got "vpc-0123456789abcdef0".',
      'smtpHubs[0].adopt.securityGroups[0] must be a security group id such as sg-0123456789abcdef0; got "sg-XYZ".',
      'smtpHubs[0].adopt.privateHostedZone must be a hosted zone id such as Z0123456789ABCDEFGHIJ; got "/hostedzone/Z0123456789ABCDEFGHIJ".',
      `smtpHubs[0].adopt.authorizations[0] must be an authorization id <zone id>:<vpc id> such as Z0123456789ABCDEFGHIJ:vpc-0123456789abcdef0; got "${ZONE}/${TUTORIAL_VPC}".`,
      `accounts[0].adopt.zoneAssociation must be an association id <zone id>:<vpc id> (or <zone id>:<vpc id>:<region>) such as Z0123456789ABCDEFGHIJ:vpc-0123456789abcdef0; got "${TUTORIAL_VPC}".`,
      'accounts[0].adopt.eventDestinations[0] must be a v1 event destination id <configuration set>/<destination> such as tf-configuration-set/tf-firehose-destination; got "tf-firehose-destination".',
      'accounts[0].adopt.deliveryStream must be a delivery stream ARN such as arn:aws:firehose:us-east-1:123456789012:deliverystream/tf-delivery-stream; got "tf-delivery-stream".',
      'accounts[0].adopt.sesRole must be an IAM role name (not an ARN) such as tf-ses-role; got "arn:aws:iam::111111111111:role/tf-ses-role".',
      'accounts[0].adopt.logStream must be a log stream id <log group>:<log stream> such as /aws/kinesisfirehose/tf-firehose-log-group:tf-firehose-log-stream; got "tf-firehose-log-stream".',
    ]);
  });

  test("an unknown adopt key lists the keys allowed", () => {
    expect(problems(edited((i) => (i.accounts[0].adopt.stream = "x")))).toEqual([
      "accounts[0].adopt.stream is not a known key (check the spelling; allowed here: zoneAssociation, apiZoneAssociation, configurationSets, eventDestinations, deliveryStream, bucket, sesRole, firehoseRole, logGroup, logStream, identity).",
    ]);
  });
});

describe("adopt: what an id embeds must be what the configuration wants", () => {
  test("a stream of another account is refused: the stack's provider runs in its own account", () => {
    const input = edited(
      (i) =>
        (i.accounts[0].adopt.deliveryStream =
          "arn:aws:firehose:eu-west-1:222222222222:deliverystream/tf-delivery-stream"),
    );
    expect(problems(input)).toEqual([
      "accounts[0].adopt.deliveryStream names a stream of account 222222222222, but this account's stack runs as 111111111111 (allowed_account_ids): a provider can only import from its own account.",
      "accounts[0].adopt.deliveryStream names a stream in eu-west-1, but the account's region is us-east-1.",
    ]);
  });

  test("an association whose VPC, region or zone differs would be replaced: refused", () => {
    const other = "vpc-0222222222222222b";
    const input = edited((i) => {
      i.accounts[0].adopt.zoneAssociation = `Z9999999999:${other}:eu-west-1`;
    });
    expect(problems(input)).toEqual([
      `accounts[0].adopt.zoneAssociation associates ${other}, but smtp.vpcId is ${TUTORIAL_VPC}: importing it would replace the association (its VPC cannot change in place); set smtp.vpcId: ${other} if that is the account's VPC.`,
      "accounts[0].adopt.zoneAssociation names region eu-west-1, but the account's region is us-east-1: importing it would replace the association.",
      `accounts[0].adopt.zoneAssociation names zone Z9999999999, but the hub adopts zone ${ZONE}: importing it would replace it in the hub's zone; both must name the same zone.`,
    ]);
  });

  test("an authorization or record without the hub adopting their zone is refused", () => {
    const input = edited((i) => delete i.smtpHubs[0].adopt.privateHostedZone);
    const second = (what: string) =>
      `names ${what} in zone ${ZONE}, but the hub adopts no privateHostedZone: the hub would create a second email-smtp zone, and a VPC cannot be associated with two private zones of the same name; adopt zone ${ZONE} in the hub's adopt.privateHostedZone.`;
    expect(problems(input)).toEqual([
      `smtpHubs[0].adopt.apexRecord ${second("a record")}`,
      `smtpHubs[0].adopt.authorizations[0] ${second("an authorization")}`,
    ]);
  });

  test("an association is accepted when the hub adopts nothing: its entries removed after the import apply, or a hub built here", () => {
    const input = edited((i) => delete i.smtpHubs[0].adopt);
    expect(problems(input)).toEqual([]);
  });

  test("a record of another name, an authorization of an unconfigured VPC and a rule nobody wants are refused", () => {
    const input = edited((i) => {
      const hub = i.smtpHubs[0].adopt;
      hub.apexRecord = `${ZONE}_smtp.example.com_A`;
      hub.authorizations = [`${ZONE}:vpc-0333333333333333c`];
      hub.ingressRules = [
        { id: "sgr-0123456789abcdef0", account: "grafana", cidr: "10.1.0.0/16", port: 587 },
        { id: "sgr-0123456789abcdef1", account: "tutorial", cidr: "10.9.0.0/16", port: 465 },
      ];
    });
    expect(problems(input)).toEqual([
      "smtpHubs[0].adopt.apexRecord names record smtp.example.com; the hub's apex alias is email-smtp.us-east-1.amazonaws.com (type A).",
      "smtpHubs[0].adopt.authorizations[0] authorizes vpc-0333333333333333c, which is no smtp.vpcId of an account in us-east-1: only configured accounts' VPCs are authorized.",
      'smtpHubs[0].adopt.ingressRules[0].account must name an account with smtp in the hub\'s region (tutorial); got "grafana".',
      'smtpHubs[0].adopt.ingressRules[1].cidr must be one of account tutorial\'s smtp.cidrs (10.1.0.0/16); got "10.9.0.0/16" (a rule the configuration does not want is left alone, never adopted).',
      "smtpHubs[0].adopt.ingressRules[1].port must be one of the hub's ports (587).",
    ]);
  });

  test("a named resource adopted under another name says which field keeps the existing name", () => {
    const input = edited((i) => {
      const adopt = i.accounts[0].adopt;
      adopt.sesRole = "old-ses-role";
      adopt.bucket = "old-events";
      adopt.identity = "old.example.com";
      adopt.configurationSets = ["old-set"];
    });
    expect(problems(input)).toEqual([
      "accounts[0].adopt.configurationSets[0] names old-set, which is no configured eventPublishing.configurationSets name (tf-configuration-set).",
      "accounts[0].adopt.sesRole names old-ses-role, but eventPublishing.sesRoleName is tf-ses-role: importing it would replace it (the name cannot change in place); set eventPublishing.sesRoleName: old-ses-role to keep it.",
      "accounts[0].adopt.bucket names old-events, but eventPublishing.bucket.name is tf-ses-tutorial-events: importing it would replace it (the name cannot change in place); set eventPublishing.bucket.name: old-events to keep it.",
      "accounts[0].adopt.identity names old.example.com, but sending.domain is tutorial.example.com: importing it would replace it (the name cannot change in place); set sending.domain: old.example.com to keep it.",
    ]);
  });
});

describe("hub securityGroups: an adopted group's name and description, kept for good", () => {
  test("an adopted group without its recorded name and description is refused", () => {
    const input = edited((i) => delete i.smtpHubs[0].securityGroups);
    expect(problems(input)).toEqual([
      "smtpHubs[0].adopt.securityGroups[0] adopts sg-0123456789abcdef0, but smtpHubs[0].securityGroups[0] does not record its name and description: AWS cannot change either in place, so the group would be replaced (with every rule in it) once the adopt entry is removed; set it to the group's own name and description (npm run adopt -- --write records them).",
    ]);
  });

  test("recorded names and descriptions follow EC2's rules; without adopt entries they stay valid", () => {
    const input = edited((i) => {
      delete i.smtpHubs[0].adopt;
      delete i.accounts[0].adopt;
      i.smtpHubs[0].securityGroups.push({ name: "sg-lookalike", description: "tab\there" });
    });
    expect(problems(input)).toEqual([
      'smtpHubs[0].securityGroups[1].name must be 1-255 characters of letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *, not starting with sg-; got "sg-lookalike".',
      'smtpHubs[0].securityGroups[1].description must be up to 255 characters of letters, digits, spaces and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *; got "tab\\there".',
    ]);
    input.smtpHubs[0].securityGroups.pop();
    expect(config(input).smtpHubs[0].securityGroups).toEqual([
      { name: "ses-smtp-vpce-sg", description: "SMTP from resource accounts" },
    ]);
  });
});
