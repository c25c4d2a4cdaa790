import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { App, Testing } from "cdktf";
import { buildStacks } from "../../src/app";
import { adoptedInput } from "../../test-support/adopt";
import { problems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

/**
 * Every `throw` of the stack-building code (src/stacks, src/constructs, and the helpers of
 * src/private they call) is a guard behind
 * validation: for each, either a configuration that would reach it is refused by validation at
 * its `accounts[N]…` path (so the refusal comes before anything is written), or the stacks pass a
 * value built so that it cannot fire. A new throw fails the first test until it is listed here.
 */

const ROOT = join(__dirname, "..", "..");

/** `file: first words of the message` of every `throw new Error(` under the stack-building code. */
function throwSites(): string[] {
  const files = ["src/stacks", "src/constructs", "src/private"].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(ROOT, dir, f)),
  );
  return files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/throw new Error\(\s*(?=([^]{0,80}))/g)].map(
      ([, text]) =>
        `${relative(ROOT, file)}: ${text
          .replace(/\s+/g, " ")
          .replace(/^[`'"]/, "")
          .split(/[`'"]/)[0]
          .slice(0, 40)}`,
    ),
  );
}

type Input = Record<string, any>;

/** An account input with `edit` applied to it. */
function account(edit: (a: Input) => void): Input {
  const a = accountInput() as Input;
  edit(a);
  return { accounts: [a] };
}

const withSending = (sending: Input) =>
  account((a) => (a.sending = { domain: "example.com", ...sending }));
const firstSet = (a: Input) => a.eventPublishing.configurationSets[0];
const withHub = (edit: (hub: Input) => void): Input => {
  const input = adoptedInput();
  delete input.smtpHubs[0].adopt;
  delete input.accounts[0].adopt;
  edit(input.smtpHubs[0]);
  return input;
};
const withAdopt = (edit: (input: Input) => void): Input => {
  const input = adoptedInput();
  edit(input);
  return input;
};

/** Configurations that would reach the throw, and the path (or part of it) validation refuses them at. */
interface Refused {
  readonly inputs: Input[];
  readonly refusedAt: string;
}

/** Why the stacks cannot pass a value that fires the throw, and a valid configuration that builds it. */
interface ByConstruction {
  readonly because: string;
  readonly builds: Input;
}

const GUARDS: Record<string, Refused | ByConstruction> = {
  "src/constructs/event-archive-bucket.ts: bucketName must be ${problem}; got ${sho": {
    inputs: [account((a) => (a.eventPublishing.bucket = { name: "Events_Bucket" }))],
    refusedAt: "accounts[0].eventPublishing.bucket.name",
  },
  "src/constructs/event-archive-bucket.ts: ${field} must be a whole number of days ": {
    inputs: [account((a) => (a.eventPublishing.bucket = { expirationDays: 0 }))],
    refusedAt: "accounts[0].eventPublishing.bucket.expirationDays",
  },
  "src/constructs/event-archive-bucket.ts: accessLogging.targetBucket must be ${pro": {
    inputs: [
      account((a) => (a.eventPublishing.bucket = { accessLogging: { targetBucket: "Logs_" } })),
    ],
    refusedAt: "accounts[0].eventPublishing.bucket.accessLogging.targetBucket",
  },
  "src/constructs/event-archive-bucket.ts: accessLogging.targetBucket must be anoth": {
    inputs: [
      account(
        (a) =>
          (a.eventPublishing.bucket = {
            accessLogging: { targetBucket: "ses-events-222222222222-us-east-1" },
          }),
      ),
      account(
        (a) =>
          (a.eventPublishing.bucket = {
            name: "events-a",
            accessLogging: { targetBucket: "events-a" },
          }),
      ),
    ],
    refusedAt: "accounts[0].eventPublishing.bucket.accessLogging.targetBucket",
  },
  "src/constructs/ses-configuration-set.ts: eventDestinations must list at most ${MA": {
    inputs: [
      account((a) => {
        const [destination] = firstSet(a).eventDestinations;
        firstSet(a).eventDestinations = Array.from({ length: 11 }, (_, i) => ({
          ...destination,
          name: `d${i}`,
        }));
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.configurationSets[0].eventDestinations",
  },
  "src/constructs/ses-configuration-set.ts: ${field} ${targetProblem}.": {
    inputs: [account((a) => delete firstSet(a).eventDestinations[0].firehose)],
    refusedAt: "accounts[0].eventPublishing.configurationSets[0].eventDestinations[0]",
  },
  "src/constructs/ses-configuration-set.ts: ${field}.firehose needs the configuratio": {
    because:
      "SesEventPublishing creates the stream and role, and passes them as the firehose prop, whenever a destination uses firehose",
    builds: { accounts: [accountInput()] },
  },
  "src/constructs/ses-configuration-set.ts: ${field}.matchingTypes must list event t": {
    inputs: [
      account((a) => (firstSet(a).eventDestinations[0].matchingTypes = [])),
      account((a) => (firstSet(a).eventDestinations[0].matchingTypes = ["Send"])),
    ],
    refusedAt:
      "accounts[0].eventPublishing.configurationSets[0].eventDestinations[0].matchingTypes",
  },
  "src/constructs/ses-event-publishing.ts: ${where}: ${option} is an SESv2 option; ": {
    inputs: [
      account((a) => (firstSet(a).maxDeliverySeconds = 600)),
      account((a) => (firstSet(a).suppressedReasons = ["BOUNCE"])),
    ],
    refusedAt: "accounts[0].eventPublishing.configurationSets[0]",
  },
  "src/constructs/ses-event-publishing.ts: ${where}: eventDestinations[${i}] ${targ": {
    inputs: [
      account((a) => (firstSet(a).eventDestinations[0].matchingTypes = ["deliveryDelay"])),
      account((a) => {
        delete firstSet(a).eventDestinations[0].firehose;
        firstSet(a).eventDestinations[0].eventBridge = {};
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.configurationSets[0].eventDestinations[0]",
  },
  "src/constructs/sesv2-configuration-set.ts: eventDestinations[${i}].eventBridge.even": {
    inputs: [
      account((a) => {
        firstSet(a).api = "v2";
        delete firstSet(a).eventDestinations[0].firehose;
        firstSet(a).eventDestinations[0].eventBridge = {
          eventBusArn: "arn:aws:events:eu-west-1:999999999999:event-bus/default",
        };
      }),
    ],
    refusedAt:
      "accounts[0].eventPublishing.configurationSets[0].eventDestinations[0].eventBridge.eventBusArn",
  },
  "src/constructs/sesv2-configuration-set.ts: httpsPolicy applies to the custom redire": {
    inputs: [
      account((a) => {
        firstSet(a).api = "v2";
        firstSet(a).httpsPolicy = "REQUIRE";
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.configurationSets[0].httpsPolicy",
  },
  "src/constructs/ses-domain-identity.ts: mailFromDomain ${problem}; got ${show(ma": {
    inputs: [withSending({ mailFromDomain: "mail.example.org" })],
    refusedAt: "accounts[0].sending.mailFromDomain",
  },
  "src/constructs/ses-reputation-alarms.ts: sendVolume.threshold must be a number of": {
    inputs: [
      withSending({
        alarms: { sendVolume: { dimensionName: "campaign", dimensionValue: "x", threshold: -1 } },
      }),
    ],
    refusedAt: "accounts[0].sending.alarms.sendVolume.threshold",
  },
  "src/constructs/ses-reputation-alarms.ts: ${field} must be a fraction greater than": {
    inputs: [withSending({ alarms: { bounceRateThreshold: 5 } })],
    refusedAt: "accounts[0].sending.alarms.bounceRateThreshold",
  },
  "src/constructs/ses-reputation-alarms.ts: ${field} must be 10, 20, 30 or a multipl": {
    inputs: [withSending({ alarms: { periodSeconds: 45 } })],
    refusedAt: "accounts[0].sending.alarms.periodSeconds",
  },
  "src/constructs/ses-reputation-alarms.ts: evaluationPeriods ${problem}; got ${show": {
    inputs: [withSending({ alarms: { periodSeconds: 60, evaluationPeriods: 2000 } })],
    refusedAt: "accounts[0].sending.alarms.evaluationPeriods",
  },
  "src/constructs/ses-event-publishing.ts: eventLake needs a configuration set with": {
    inputs: [
      account((a) => {
        a.eventPublishing = { configurationSets: [{ name: "quiet" }], eventLake: {} };
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.eventLake",
  },
  "src/constructs/ses-event-queries.ts: bytesScannedCutoffPerQuery must be a who": {
    inputs: [account((a) => (a.eventPublishing.eventLake = { bytesScannedCutoffPerQuery: 1 }))],
    refusedAt: "accounts[0].eventPublishing.eventLake.bytesScannedCutoffPerQuery",
  },
  "src/constructs/ses-event-queries.ts: resultPrefix must ${problem}; got ${show": {
    inputs: [
      account((a) => (a.eventPublishing.eventLake = { resultPrefix: "ses/athena/" })),
      account((a) => (a.eventPublishing.eventLake = { resultPrefix: "athena" })),
    ],
    refusedAt: "accounts[0].eventPublishing.eventLake.resultPrefix",
  },
  "src/constructs/ses-event-table.ts: ${field} must ${layout}; got ${show(pref": {
    // parquetPrefix keeps the prefix's expressions: it is projectable when the prefix is.
    inputs: [false, true].map((parquet) =>
      account((a) => {
        a.eventPublishing.eventLake = {};
        a.eventPublishing.deliveryStream = {
          prefix: "ses/!{firehose:random-string}/",
          errorOutputPrefix: "errors/!{firehose:error-output-type}/",
          parquet,
        };
      }),
    ),
    refusedAt: "accounts[0].eventPublishing.deliveryStream.prefix",
  },
  "src/constructs/ses-event-publishing.ts: deliveryStream.parquet needs eventLake (": {
    inputs: [account((a) => (a.eventPublishing.deliveryStream = { parquet: true }))],
    refusedAt: "accounts[0].eventPublishing.deliveryStream.parquet",
  },
  "src/constructs/firehose-event-stream.ts: compression must be ${show(FORMAT_CONVER": {
    inputs: [
      account((a) => {
        a.eventPublishing.eventLake = {};
        a.eventPublishing.deliveryStream = { parquet: true, compression: "GZIP" };
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.deliveryStream.compression",
  },
  "src/constructs/firehose-event-stream.ts: bufferingSizeMb must be at least ${FORMA": {
    inputs: [
      account((a) => {
        a.eventPublishing.eventLake = {};
        a.eventPublishing.deliveryStream = { parquet: true, bufferingSizeMb: 63 };
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.deliveryStream.bufferingSizeMb",
  },
  "src/constructs/ses-event-table.ts: projectionDays must be a whole number of": {
    inputs: [
      account((a) => {
        a.eventPublishing.eventLake = {};
        a.eventPublishing.bucket = { expirationDays: 0 };
      }),
    ],
    refusedAt: "accounts[0].eventPublishing.bucket.expirationDays",
  },
  "src/constructs/ses-smtp-credentials.ts: region must be the account provider": {
    because: "the account stack gives the credentials and its one provider the same account.region",
    builds: withSending({ applications: [{ name: "app" }] }),
  },
  "src/constructs/ses-smtp-credentials.ts: smtpPorts must list at least one of ${SM": {
    inputs: [withHub((hub) => (hub.ports = []))],
    refusedAt: "smtpHubs[0].ports",
  },
  "src/constructs/ses-smtp-credentials.ts: applications must list at least one send": {
    because:
      "the account stack creates the credentials only when sending.applications is not empty",
    builds: withSending({ applications: [] }),
  },
  "src/constructs/ses-smtp-credentials.ts: applications[${i}].name must be at most ": {
    inputs: [withSending({ applications: [{ name: "a".repeat(60) }] })],
    refusedAt: "accounts[0].sending.applications[0].name",
  },
  "src/constructs/ses-smtp-credentials.ts: applications[${i}].fromAddresses must li": {
    inputs: [withSending({ applications: [{ name: "app", fromAddresses: [] }] })],
    refusedAt: "accounts[0].sending.applications[0].fromAddresses",
  },
  "src/constructs/ses-smtp-credentials.ts: ${field} must be an SES ${type} ARN of a": {
    because:
      "the account stack computes the identity and configuration set ARNs from the account's id, region and names",
    builds: withSending({ applications: [{ name: "app" }] }),
  },
  "src/constructs/ses-interface-endpoint.ts: subnetIds must list at least one subnet ": {
    inputs: [withHub((hub) => (hub.subnetIds = []))],
    refusedAt: "smtpHubs[0].subnetIds",
  },
  "src/constructs/ses-interface-endpoint.ts: clients[${i}].cidrs[${j}] must be ${prob": {
    inputs: [withHub(() => undefined)].map((input) => {
      input.accounts[0].smtp.cidrs = ["10.1.0.1/16"];
      return input;
    }),
    refusedAt: "accounts[0].smtp.cidrs[0]",
  },
  "src/stacks/account-stack.ts: smtpHub is required for account ${accoun": {
    inputs: [account((a) => (a.smtp = { vpcId: "vpc-0111111111111111a", cidrs: ["10.1.0.0/16"] }))],
    refusedAt: "accounts[0].smtp",
  },
  "src/stacks/adoption.ts: missing .map( (adoption) => ": {
    inputs: [
      withAdopt((i) => i.smtpHubs[0].adopt.securityGroups.push("sg-0123456789abcdef1")),
      withAdopt(
        (i) =>
          (i.accounts[0].eventPublishing.configurationSets[0].eventDestinations[0] = {
            name: "tf-firehose-destination",
            matchingTypes: ["send"],
            cloudwatch: { dimensions: [{ name: "c", defaultValue: "x" }] },
          }),
      ),
    ],
    refusedAt: ".adopt.",
  },
  "src/private/addresses.ts: ${element.node.path} must be named befor": {
    because:
      "it guards the order of the constructs' own code (an address is given before any attribute is read), which no configuration changes",
    builds: { accounts: [accountInput()] },
  },
  "src/private/addresses.ts: Two resources of stack ${stack.node.id} ": {
    inputs: [
      account((a) => {
        const destination = (name: string) => ({ name, matchingTypes: ["send"], firehose: {} });
        a.eventPublishing.configurationSets = [
          { name: "transactional", eventDestinations: [destination("to_firehose")] },
          { name: "transactional_to", eventDestinations: [destination("firehose")] },
        ];
        a.sending = { domain: "example.com", configurationSet: "transactional" };
      }),
      withSending({ applications: [{ name: "app.one" }, { name: "app-one" }] }),
      withSending({ alarms: { emailSubscriptions: ["ops@example.com", "ops@example.com"] } }),
    ],
    refusedAt: "accounts[0].",
  },
  "src/private/kms.ts: ${field} must be ${problem}; got ${show(": {
    inputs: [
      account(
        (a) =>
          (a.kmsKeyArn =
            "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
      ),
    ],
    refusedAt: "accounts[0].kmsKeyArn",
  },
  "src/private/security-group-shards.ts: The ${what} ${problem}.": {
    inputs: [
      withHub(
        (hub) =>
          (hub.quotas = { inboundRulesPerSecurityGroup: 1, securityGroupsPerNetworkInterface: 1 }),
      ),
    ].map((input) => {
      input.accounts[0].smtp.cidrs.push("10.2.0.0/16");
      return input;
    }),
    refusedAt: "smtpHubs[0]",
  },
  "src/private/validation.ts: ${field} must be ${r.allowed}; got ${sho": {
    inputs: [
      account((a) => (a.roleArn = "arn:aws:iam::222222222222:user/terraform")),
      account((a) => (a.eventPublishing.deliveryStream = { name: "events stream" })),
    ],
    refusedAt: "accounts[0].",
  },
  "src/private/validation.ts: ${field} must be a whole number from ${r": {
    inputs: [account((a) => (a.eventPublishing.deliveryStream = { bufferingSizeMb: 0 }))],
    refusedAt: "accounts[0].eventPublishing.deliveryStream.bufferingSizeMb",
  },
  "src/private/validation.ts: ${field} must be one of ${allowed.join(": {
    inputs: [account((a) => (a.eventPublishing.deliveryStream = { compression: "LZ4" }))],
    refusedAt: "accounts[0].eventPublishing.deliveryStream.compression",
  },
  "src/private/validation.ts: ${field} must list values among ${allowe": {
    inputs: [
      account((a) => {
        firstSet(a).api = "v2";
        firstSet(a).suppressedReasons = ["UNSUBSCRIBE"];
      }),
      account((a) => (a.eventPublishing.accountSettings = { suppressedReasons: ["HARD"] })),
    ],
    refusedAt: "suppressedReasons[0]",
  },
  "src/private/validation.ts: ${field} must be unique ${where}; got ${": {
    inputs: [account((a) => a.eventPublishing.configurationSets.push({ ...firstSet(a) }))],
    refusedAt: "accounts[0].eventPublishing.configurationSets[1].name",
  },
};

test("every throw of the stack-building code is listed as a guard behind validation", () => {
  expect(throwSites().sort()).toEqual(Object.keys(GUARDS).sort());
});

describe.each(Object.entries(GUARDS))("%s", (_, guard) => {
  if ("inputs" in guard) {
    test.each(guard.inputs.map((input, i) => [i, input] as const))(
      "a configuration that would reach it is refused by validation (%i)",
      (__, input) => {
        const lines = problems(input);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.some((line) => line.includes(guard.refusedAt))).toBe(true);
      },
    );
  } else {
    test(`cannot fire: ${guard.because}`, () => {
      expect(() => buildStacks(Testing.app() as App, config(guard.builds))).not.toThrow();
    });
  }
});
