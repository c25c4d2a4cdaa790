import { accountAdopt, hubAdopt } from "../../src/config/adopt-schema";
import { ADOPTED_KINDS } from "../../src/config/claim-checks";
import { HUB_VPC, TUTORIAL_VPC, ZONE, adoptedInput } from "../../test-support/adopt";
import { problems } from "../../test-support/problems";

type Input = ReturnType<typeof adoptedInput>;

/** The adopted input with `edit` applied to a copy. */
function edited(edit: (input: Input) => void): Input {
  const input = adoptedInput();
  edit(input);
  return input;
}

/** A second hub, in eu-west-1, with an account of its own that uses it. */
function withWestHub(input: Input): Input {
  input.smtpHubs.push({
    region: "eu-west-1",
    accountId: "999999999999",
    vpcId: "vpc-0b1b2c3d4e5f60718",
    subnetIds: ["subnet-0b1b2c3d4e5f60001"],
    adopt: {},
  });
  input.accounts.push({
    name: "west",
    accountId: "333333333333",
    region: "eu-west-1",
    smtp: { vpcId: "vpc-0333333333333333a", cidrs: ["10.3.0.0/16"] },
  });
  return input;
}

/** Adopts `id` as the hub's next security group, with the name and description it records. */
function adoptGroup(input: Input, id: string): void {
  input.smtpHubs[0].adopt.securityGroups.push(id);
  input.smtpHubs[0].securityGroups.push({ name: `group-${id}`, description: "SMTP" });
}

const adoptedTwice = (path: string, id: string, first: string, type: string) =>
  `${path} must name an object no other entry adopts; "${id}" is already adopted at ${first}, and two Terraform addresses managing one ${type} would undo each other's changes (keep one entry).`;

describe("one real object, one address", () => {
  test("every adopt key of the schema says how far its ids reach", () => {
    expect(Object.keys(ADOPTED_KINDS).sort()).toEqual(
      [...Object.keys(hubAdopt.shape), ...Object.keys(accountAdopt.shape)].sort(),
    );
  });

  test("the same zone adopted by two regions' hubs is refused: zone ids are global", () => {
    const input = edited((i) => {
      withWestHub(i);
      i.smtpHubs[1].adopt.privateHostedZone = ZONE;
    });
    expect(problems(input)).toEqual([
      adoptedTwice(
        "smtpHubs[1].adopt.privateHostedZone",
        ZONE,
        "smtpHubs[0].adopt.privateHostedZone",
        "hosted zone (zone ids are global)",
      ),
    ]);
  });

  test("the same security group for two shards is refused", () => {
    const input = edited((i) => {
      i.smtpHubs[0].quotas = { inboundRulesPerSecurityGroup: 1 };
      i.accounts[0].smtp.cidrs.push("10.2.0.0/16");
      i.smtpHubs[0].ports = [587];
      adoptGroup(i, "sg-0123456789abcdef0");
    });
    expect(problems(input)).toEqual([
      adoptedTwice(
        "smtpHubs[0].adopt.securityGroups[1]",
        "sg-0123456789abcdef0",
        "smtpHubs[0].adopt.securityGroups[0]",
        "security group",
      ),
    ]);
  });

  test("the same rule id under two rules is refused, naming the first rule's id", () => {
    const input = edited((i) => {
      i.accounts[0].smtp.cidrs.push("10.2.0.0/16");
      i.smtpHubs[0].adopt.ingressRules.push({
        id: "sgr-0123456789abcdef0",
        account: "tutorial",
        cidr: "10.2.0.0/16",
        port: 587,
      });
    });
    expect(problems(input)).toEqual([
      adoptedTwice(
        "smtpHubs[0].adopt.ingressRules[1].id",
        "sgr-0123456789abcdef0",
        "smtpHubs[0].adopt.ingressRules[0].id",
        "security group rule",
      ),
    ]);
  });

  test("one role name adopted as both the SES and the Firehose role is refused (IAM ignores case)", () => {
    const input = edited((i) => {
      i.accounts[0].eventPublishing.deliveryStream = { roleName: "tf-ses-role" };
      i.accounts[0].eventPublishing.sesRoleName = "TF-SES-ROLE";
      i.accounts[0].adopt.sesRole = "TF-SES-ROLE";
      i.accounts[0].adopt.firehoseRole = "tf-ses-role";
    });
    expect(problems(input)).toContain(
      adoptedTwice(
        "accounts[0].adopt.firehoseRole",
        "tf-ses-role",
        "accounts[0].adopt.sesRole",
        "IAM role",
      ),
    );
  });

  test("an account entry repeated whole is reported once, as a repeated account id", () => {
    const input = edited((i) => i.accounts.push(JSON.parse(JSON.stringify(i.accounts[0]))));
    expect(problems(input).filter((line) => line.includes("no other entry adopts"))).toEqual([]);
  });

  test("the same names in two accounts are two objects: allowed", () => {
    const input = edited((i) => {
      const copy = JSON.parse(JSON.stringify(i.accounts[0]));
      copy.name = "tutorial-2";
      copy.accountId = "222222222222";
      copy.roleArn = "arn:aws:iam::222222222222:role/terraform";
      copy.smtp = { vpcId: "vpc-0222222222222222a", cidrs: ["10.2.0.0/16"] };
      copy.eventPublishing.bucket = { name: "tf-ses-tutorial-events-2" };
      copy.sending = { domain: "two.example.com" };
      copy.adopt = {
        configurationSets: ["tf-configuration-set"],
        sesRole: "tf-ses-role",
        firehoseRole: "tf-firehose-role",
        logGroup: "/aws/kinesisfirehose/tf-firehose-log-group",
      };
      i.accounts.push(copy);
    });
    expect(problems(input)).toEqual([]);
  });
});

describe("an id given for one role is not adopted for another", () => {
  const publicZone = (input: Input) => {
    input.accounts[0].sending.publicZoneId = ZONE;
    return input;
  };

  test("the account's public DNS zone adopted as the hub's private zone is refused", () => {
    const at = (path: string) =>
      `${path} must name the private email-smtp zone, but zone ${ZONE} is the public DNS zone accounts[0].sending.publicZoneId gives for the account's domain: one zone cannot be both (the hub's zone is private, for email-smtp.<region>.amazonaws.com).`;
    expect(problems(publicZone(adoptedInput()))).toEqual([
      at("smtpHubs[0].adopt.privateHostedZone"),
      at("smtpHubs[0].adopt.apexRecord"),
      at("smtpHubs[0].adopt.authorizations[0]"),
      at("accounts[0].adopt.zoneAssociation"),
    ]);
  });

  test("a public zone other than the hub's is allowed", () => {
    const input = edited((i) => (i.accounts[0].sending.publicZoneId = "Z0000000000PUBLIC"));
    expect(problems(input)).toEqual([]);
  });
});

describe("an adopt entry needs the resource it adopts into", () => {
  test("pipeline pieces adopted without a Firehose destination are refused, each with its path", () => {
    const input = edited((i) => {
      i.accounts[0].eventPublishing.configurationSets[0].eventDestinations = [
        {
          name: "tf-firehose-destination",
          matchingTypes: ["send"],
          sns: { topicArn: "arn:aws:sns:us-east-1:111111111111:events" },
        },
      ];
    });
    expect(problems(input)).toEqual([
      "each of 6 places (accounts[0].adopt.deliveryStream, accounts[0].adopt.bucket, accounts[0].adopt.sesRole and 3 more) needs an event destination with firehose in the account's eventPublishing: the delivery stream, its bucket, roles and log group exist only for one (remove the entry, or add the destination).",
    ]);
  });

  test("a second security group where the endpoint needs one is refused", () => {
    const input = edited((i) => adoptGroup(i, "sg-0123456789abcdef1"));
    expect(problems(input)).toEqual([
      "smtpHubs[0].adopt.securityGroups[1] names sg-0123456789abcdef1, but the endpoint needs 1 security group for its inbound rules (shards 0 to 0), so there is no group 1 to adopt it into (remove the entry, or attach the group to the endpoint by hand and leave it unmanaged).",
    ]);
  });

  test("a second security group where the rules need two is allowed", () => {
    const input = edited((i) => {
      i.smtpHubs[0].quotas = { inboundRulesPerSecurityGroup: 1 };
      i.accounts[0].smtp.cidrs.push("10.2.0.0/16");
      adoptGroup(i, "sg-0123456789abcdef1");
    });
    expect(problems(input)).toEqual([]);
  });
});

test("the fixture's VPCs are the hub's and the tutorial's", () => {
  expect([HUB_VPC, TUTORIAL_VPC]).toEqual([
    adoptedInput().smtpHubs[0].vpcId,
    adoptedInput().accounts[0].smtp.vpcId,
  ]);
});
