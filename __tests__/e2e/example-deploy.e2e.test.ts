/**
 * The example configuration, deployed the way a user deploys it: `cdktf deploy '*'` and
 * `cdktf destroy '*'` against the AWS emulator (AWS_ENDPOINT_URL), every provider assuming its
 * account's role. Then read back from the emulator, re-planned, and destroyed to nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parse } from "yaml";
import { parseSecret } from "../../src/smtp-check/secret-source";
import { eventQueries } from "../../src/private/event-queries";
import { SES_EVENT_COLUMNS } from "../../src/private/ses-event-schema";
import { cdktf, cdktfEnv } from "../../test-support/emulator/cdktf-cli";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { terraformJson } from "../../test-support/emulator/terraform";
import {
  PlanReview,
  ReviewerProvider,
  removeReviewProject,
  reviewPlan,
  reviewProject,
  reviewerProvider,
  stackGroups,
} from "../../test-support/plan-review";

jest.setTimeout(900_000);

const example = () => {
  const input = parse(readFileSync(join(__dirname, "..", "..", "config", "example.yaml"), "utf8"));
  // The only change to the example: a 2 s IAM propagation wait instead of 20 s (no real IAM here).
  input.accounts[0].eventPublishing.iamPropagationSeconds = 2;
  return input;
};

describeWithEmulator("the example configuration through cdktf deploy and destroy", () => {
  const deployment = new Deployment();
  let env: NodeJS.ProcessEnv;
  let deploy: { status: number; output: string };
  let account: (id: string) => Promise<EmulatedAccount>;

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed(example());
    const configFile = join(deployment.root, "config.json");
    writeFileSync(configFile, JSON.stringify(deployment.input));
    env = cdktfEnv(deployment.root, deployment.emulator.url, configFile);
    const output = join(deployment.root, "cdktf.out");
    deploy = await cdktf(
      ["deploy", "*", "--auto-approve", "--skip-provider-lock", "--output", output],
      env,
    );
    account = (id) => EmulatedAccount.open(deployment.emulator.url, id, "us-east-1");
  });

  afterAll(() => deployment.stop());

  test("cdktf deploy applies the hub, then both accounts, on the first try", () => {
    expect(deploy.output).not.toMatch(/Error:/);
    expect(deploy.status).toBe(0);
  });

  test("the private zone is private and associated with the hub's and both accounts' VPCs", async () => {
    const hub = await account("999999999999");
    const zone = await hub.privateZone("email-smtp.us-east-1.amazonaws.com");
    const { smtpHubs, accounts } = deployment.input;
    const endpoint = await hub.smtpEndpoint(smtpHubs[0].vpcId);
    expect(zone).toEqual({
      id: expect.stringMatching(/^Z/),
      private: true,
      vpcIds: [smtpHubs[0].vpcId, ...accounts.map((a: any) => a.smtp.vpcId)].sort(),
      apexAlias: expect.stringContaining(endpoint.dnsName!),
    });
  });

  test("the API zone email.us-east-1.amazonaws.com is private, aliased to the API endpoint, and associated with the hub's and both accounts' VPCs", async () => {
    const hub = await account("999999999999");
    const { smtpHubs, accounts } = deployment.input;
    const endpoint = await hub.smtpEndpoint(smtpHubs[0].vpcId, "email");
    expect(await hub.privateZone("email.us-east-1.amazonaws.com")).toEqual({
      id: expect.stringMatching(/^Z/),
      private: true,
      vpcIds: [smtpHubs[0].vpcId, ...accounts.map((a: any) => a.smtp.vpcId)].sort(),
      apexAlias: expect.stringContaining(endpoint.dnsName!),
    });
  });

  test("the API endpoint is com.amazonaws.us-east-1.email, private DNS off, its own group admitting the accounts' CIDRs on 443 only", async () => {
    const hub = await account("999999999999");
    const vpcId = deployment.input.smtpHubs[0].vpcId;
    const api = await hub.smtpEndpoint(vpcId, "email");
    expect(api).toEqual({
      serviceName: "com.amazonaws.us-east-1.email",
      dnsName: expect.any(String),
      privateDnsEnabled: false,
      groupIds: [expect.stringMatching(/^sg-/)],
      rules: ["10.1.0.0/16:443-443", "10.2.0.0/16:443-443"],
      egress: 0,
    });
    const smtp = await hub.smtpEndpoint(vpcId);
    expect(smtp.groupIds).not.toContain(api.groupIds[0]);
  });

  test("the endpoint's security group admits exactly the accounts' CIDRs on port 587, no egress", async () => {
    const hub = await account("999999999999");
    expect(await hub.smtpEndpoint(deployment.input.smtpHubs[0].vpcId)).toEqual({
      serviceName: "com.amazonaws.us-east-1.email-smtp",
      groupIds: [expect.stringMatching(/^sg-/)],
      dnsName: expect.any(String),
      privateDnsEnabled: false,
      rules: ["10.1.0.0/16:587-587", "10.2.0.0/16:587-587"],
      egress: 0,
    });
  });

  test("both event destinations are enabled and point at the stream and the SES role", async () => {
    const tutorial = await account("111111111111");
    const destinations = await tutorial.eventDestinations("tf-configuration-set");
    const stream = await tutorial.deliveryStream("tf-delivery-stream");
    expect(destinations.map((d) => [d.Name, d.Enabled, d.MatchingEventTypes]).sort()).toEqual([
      ["tf-cloudwatch-destination", true, ["send"]],
      ["tf-firehose-destination", true, ["send"]],
    ]);
    const firehose = destinations.find((d) => d.Name === "tf-firehose-destination")!;
    expect(firehose.KinesisFirehoseDestination).toEqual({
      DeliveryStreamARN: stream.DeliveryStreamARN,
      IAMRoleARN: "arn:aws:iam::111111111111:role/tf-ses-role",
    });
  });

  test("grafana's SESv2 set publishes deliveryDelay to the default event bus, with its own suppression list", async () => {
    const set = await (await account("222222222222")).configurationSetV2("grafana-events");
    expect(set).toMatchObject({
      delivery: { TlsPolicy: "REQUIRE" },
      suppression: { SuppressedReasons: ["BOUNCE"] },
      destinations: [
        {
          Name: "grafana-eventbridge",
          Enabled: true,
          MatchingEventTypes: expect.arrayContaining(["DELIVERY_DELAY", "BOUNCE"]),
          EventBridgeDestination: {
            EventBusArn: "arn:aws:events:us-east-1:222222222222:event-bus/default",
          },
        },
      ],
    });
  });

  test("Firehose delivers an SES event into the event bucket under ses/", async () => {
    const tutorial = await account("111111111111");
    await tutorial.putEvent("tf-delivery-stream", {
      eventType: "Send",
      mail: { messageId: "e2e" },
    });
    const keys = await tutorial.objectKeys("ses-events-111111111111-us-east-1");
    expect(keys).toEqual([expect.stringMatching(/^ses\//)]);
  });

  test("the event table projects the keys Firehose wrote; the workgroup enforces encrypted results and a scan limit; the named queries and the dashboard are there", async () => {
    const tutorial = await account("111111111111");
    const bucket = "ses-events-111111111111-us-east-1";
    const lake = await tutorial.eventLake("ses_events", "events", "ses-events");
    const template = `s3://${bucket}/ses/\${dt}/`;
    expect(lake).toEqual({
      location: `s3://${bucket}/ses/`,
      parameters: expect.objectContaining({
        "projection.enabled": "true",
        "projection.dt.type": "date",
        "projection.dt.format": "yyyy/MM/dd/HH",
        "projection.dt.interval.unit": "HOURS",
        "storage.location.template": template,
      }),
      columns: SES_EVENT_COLUMNS.map((c) => c.jsonKey.toLowerCase()),
      partitionKeys: ["dt string"],
      workgroup: expect.objectContaining({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 1073741824,
        ResultConfiguration: {
          OutputLocation: `s3://${bucket}/athena-results/`,
          EncryptionConfiguration: { EncryptionOption: "SSE_S3" },
        },
      }),
      namedQueries: Object.fromEntries(eventQueries("campaign").map((q) => [q.name, "ses_events"])),
    });
    // The object the previous test's event became lies where the template puts an hour.
    const [key] = await tutorial.objectKeys(bucket);
    const hour = template
      .replace(`s3://${bucket}/`, "")
      .replace("${dt}", "(\\d{4}/\\d{2}/\\d{2}/\\d{2})");
    expect(key).toMatch(new RegExp(`^${hour}tf-delivery-stream-`));
    expect(await tutorial.dashboardWidgets("ses-tutorial")).toEqual([
      "metric: Sent and delivered",
      "metric: Bounces, complaints, rejects, delivery delays",
      "metric: Bounce rate",
      "metric: Complaint rate",
      "metric: Firehose delivery to S3",
      "alarm: Alarms",
      "log: Firehose delivery errors",
    ]);
  });

  test("each SMTP secret holds exactly the JSON shape smtp-check --secret-id reads", async () => {
    for (const [id, app] of [
      ["111111111111", "tutorial-app"],
      ["222222222222", "grafana"],
    ]) {
      const secret = parseSecret(await (await account(id)).secretString(`ses-smtp/${app}`));
      expect(secret).toEqual({
        host: "email-smtp.us-east-1.amazonaws.com",
        ports: [587],
        username: expect.stringMatching(/^AKIA/),
        password: expect.any(String),
        region: "us-east-1",
      });
    }
  });

  test("a second plan of every stack right after deploy has no changes", async () => {
    const names = ["smtp-hub-us-east-1", "ses-grafana", "ses-tutorial"];
    // All three at once: each only reads its own state and the emulator.
    const plans = await Promise.all(
      names.map(async (name) => {
        const dir = join(deployment.root, "cdktf.out", "stacks", name);
        const plan = await terraformJson(dir, ["plan", "-detailed-exitcode"], env);
        const changed = plan.lines
          .filter((l) => l.type === "planned_change")
          .map((l) => l["@message"]);
        return { name, changed, status: plan.status };
      }),
    );
    expect(plans).toEqual(names.map((name) => ({ name, changed: [], status: 0 })));
  });

  test("renaming the event bucket while it holds events is refused when Terraform plans: the old bucket keeps its objects and every protection", async () => {
    const old = "ses-events-111111111111-us-east-1";
    const renamedTo = "ses-events-renamed-111111111111";
    const tutorial = await account("111111111111");
    const keys = await tutorial.objectKeys(old);
    expect(keys.length).toBeGreaterThan(0);
    const protections = {
      policy: ["DenyInsecureTransport"],
      publicAccessBlock: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      encryption: ["AES256"],
      versioning: "Enabled",
      lifecycle: ["expire-events", "expire-query-results"],
      ownership: ["BucketOwnerEnforced"],
    };
    expect(await tutorial.bucketProtections(old)).toEqual(protections);

    const input = structuredClone(deployment.input);
    input.accounts[0].eventPublishing.bucket = { name: renamedTo };
    const configFile = join(deployment.root, "renamed-bucket.json");
    writeFileSync(configFile, JSON.stringify(input));
    const output = join(deployment.root, "cdktf-renamed.out"); // beside cdktf.out: the same state
    const renamed = await cdktf(
      [
        "deploy",
        "ses-tutorial",
        "--auto-approve",
        "--skip-provider-lock",
        "--ignore-missing-stack-dependencies",
        "--output",
        output,
      ],
      { ...env, SES_CONFIG: configFile },
    );
    expect(renamed.status).not.toBe(0);
    expect(renamed.output).toMatch(/Resource postcondition failed/);
    // cdktf wraps Terraform's message over several lines.
    expect(renamed.output).toMatch(
      /The event bucket is renamed to ses-events-renamed-111111111111/,
    );
    expect(await tutorial.bucketProtections(old)).toEqual(protections);
    expect(await tutorial.objectKeys(old)).toEqual(keys);
    await expect(tutorial.objectKeys(renamedTo)).rejects.toThrow(/NoSuchBucket|does not exist/);
  });

  describe("npm run plan against the last applied state, for each README workflow", () => {
    let project: string;
    /** The plan's groups by stack, after checking it succeeded without calling AWS. */
    const review = async (input: object, env: NodeJS.ProcessEnv = {}, attach = true) => {
      const run = await reviewPlan(project, input, [], env, attach ? provider : undefined);
      // stderr is there to show what went wrong when the status is not 0.
      expect({ status: run.status, connections: run.connections, stderr: run.stderr }).toEqual({
        status: 0,
        connections: 0,
        stderr: expect.any(String),
      });
      return stackGroups(run.stdout);
    };
    const edited = (edit: (input: any) => void) => {
      const input = structuredClone(deployment.input);
      edit(input);
      return input;
    };
    /** A stack's group when planned against its local state. */
    const applied = (stack: string, totals: string, lines: string[] = []) => ({
      head: `${totals} (against the last applied state terraform-state/${stack}.tfstate)`,
      lines,
    });
    const unchanged = (stack: string) => applied(stack, "no changes");

    /**
     * The runs attach to this provider, except the first (state.s3) and the stale state's, which
     * start their own as a reviewer's do, two stacks at a time.
     */
    let provider: ReviewerProvider;

    beforeAll(async () => {
      project = reviewProject(join(deployment.root, "terraform-state"));
      provider = await reviewerProvider();
    });
    afterAll(async () => {
      await provider.stop();
      removeReviewProject(project);
    });

    test("with state.s3, the states are read from the bucket with its credentials only: no changes anywhere", async () => {
      const region = "us-east-1";
      const s3 = new S3Client({
        endpoint: deployment.emulator.url,
        region,
        forcePathStyle: true,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      await s3.send(new CreateBucketCommand({ Bucket: "plan-review-state" }));
      for (const stack of ["smtp-hub-us-east-1", "ses-grafana", "ses-tutorial"]) {
        await s3.send(
          new PutObjectCommand({
            Bucket: "plan-review-state",
            Key: `ses/${stack}.tfstate`,
            Body: readFileSync(join(deployment.root, "terraform-state", `${stack}.tfstate`)),
          }),
        );
      }
      s3.destroy();
      const plan = await review(
        { ...deployment.input, state: { s3: { bucket: "plan-review-state", region } } },
        {
          AWS_ENDPOINT_URL_S3: deployment.emulator.url,
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
        },
        false,
      );
      const noChanges = (stack: string) => ({
        head: `no changes (against the last applied state s3://plan-review-state/ses/${stack}.tfstate)`,
        lines: [],
      });
      expect(plan).toEqual({
        "smtp-hub-us-east-1": noChanges("smtp-hub-us-east-1"),
        "ses-grafana": noChanges("ses-grafana"),
        "ses-tutorial": noChanges("ses-tutorial"),
      });
    });

    /**
     * Every field of the tutorial account that AWS changes in place, changed alone: the plan of
     * ses-tutorial (the only stack planned) updates exactly the resources that hold the field. No
     * policy shows as changed or unknown, the IAM propagation wait is not replaced, and no `!!`.
     */
    const publishing = (input: any) => input.accounts[0].eventPublishing;
    const sending = (input: any) => input.accounts[0].sending;
    const stream = (input: any) => (publishing(input).deliveryStream ??= {});
    const bucket = (input: any) => (publishing(input).bucket ??= {});
    const set = (input: any) => publishing(input).configurationSets[0];
    const alarms = (input: any) => (sending(input).alarms ??= {});
    const update = (address: string, attributes: string) =>
      `~  ${address}  [aws.tutorial]  changes ${attributes}`;
    const firehose = update(
      "aws_kinesis_firehose_delivery_stream.events",
      "extended_s3_configuration",
    );
    const lifecycle = update("aws_s3_bucket_lifecycle_configuration.events", "rule");
    const fields: [string, (input: any) => void, string[]][] = [
      [
        "eventPublishing.deliveryStream.bufferingIntervalSeconds",
        (i) => (stream(i).bufferingIntervalSeconds = 120),
        [firehose],
      ],
      [
        "eventPublishing.deliveryStream.bufferingSizeMb",
        (i) => (stream(i).bufferingSizeMb = 10),
        [firehose],
      ],
      [
        "eventPublishing.deliveryStream.compression",
        (i) => (stream(i).compression = "ZIP"),
        [firehose],
      ],
      // The event table follows the prefix, and its projection the bucket's expiration.
      [
        "eventPublishing.deliveryStream.prefix",
        (i) => (stream(i).prefix = "events/"),
        [update("aws_glue_catalog_table.events", "parameters, storage_descriptor"), firehose],
      ],
      [
        "eventPublishing.bucket.expirationDays",
        (i) => (bucket(i).expirationDays = 400),
        // The projection reaches back as far as events are kept. The offline plan also lists
        // storage_descriptor: the provider's state after create holds null where an update
        // plans empty lists and maps (a refreshing plan shows no change there).
        [update("aws_glue_catalog_table.events", "parameters, storage_descriptor"), lifecycle],
      ],
      [
        "eventPublishing.eventLake.bytesScannedCutoffPerQuery",
        (i) => (publishing(i).eventLake.bytesScannedCutoffPerQuery = 104857600),
        [update("aws_athena_workgroup.events", "configuration")],
      ],
      [
        "eventPublishing.eventLake.resultExpirationDays",
        (i) => (publishing(i).eventLake.resultExpirationDays = 7),
        [lifecycle],
      ],
      [
        "eventPublishing.bucket.noncurrentVersionExpirationDays",
        (i) => (bucket(i).noncurrentVersionExpirationDays = 60),
        [lifecycle],
      ],
      [
        "eventPublishing.bucket.forceDestroy",
        (i) => (bucket(i).forceDestroy = true),
        [update("aws_s3_bucket.events", "force_destroy")],
      ],
      [
        "eventPublishing.logs.retentionDays",
        (i) => (publishing(i).logs = { retentionDays: 30 }),
        [update("aws_cloudwatch_log_group.events", "retention_in_days")],
      ],
      [
        "eventPublishing.configurationSets[0].tlsPolicy",
        (i) => (set(i).tlsPolicy = "Optional"),
        [update("aws_ses_configuration_set.tf-configuration-set", "delivery_options")],
      ],
      [
        "eventPublishing.configurationSets[0].sendingEnabled",
        (i) => (set(i).sendingEnabled = false),
        [update("aws_ses_configuration_set.tf-configuration-set", "sending_enabled")],
      ],
      [
        "sending.applications[0].allowSendEmail",
        (i) => (sending(i).applications[0].allowSendEmail = true),
        [update("aws_iam_group_policy.tutorial-app", "policy")],
      ],
      [
        "sending.alarms.bounceRateThreshold",
        (i) => (alarms(i).bounceRateThreshold = 0.03),
        [update("aws_cloudwatch_metric_alarm.bounce-rate", "alarm_description, threshold")],
      ],
      [
        "sending.alarms.sendVolume.threshold",
        (i) => (alarms(i).sendVolume.threshold = 2000),
        // The alarm's description quotes its threshold.
        [update("aws_cloudwatch_metric_alarm.send-volume", "alarm_description, threshold")],
      ],
    ];
    describe("each field alone", () => {
      /**
       * The runs, made before the tests in two lanes (a second project copy with its own attached
       * provider) as two reviewers would: a third of this file's wall time went to them one after
       * another.
       */
      const runs = new Map<string, PlanReview>();
      beforeAll(async () => {
        const second = reviewProject(join(deployment.root, "terraform-state"));
        const secondProvider = await reviewerProvider();
        const queue = [...fields];
        const lane = async (dir: string, attached: ReviewerProvider) => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const [field, edit] = next;
            runs.set(field, await reviewPlan(dir, edited(edit), ["ses-tutorial"], {}, attached));
          }
        };
        try {
          await Promise.all([lane(project, provider), lane(second, secondProvider)]);
        } finally {
          await secondProvider.stop();
          removeReviewProject(second);
        }
      });

      test.each(fields)("%s alone updates only what holds it", (field, _edit, lines) => {
        const run = runs.get(field)!;
        // stderr is there to show what went wrong when the status is not 0.
        expect({ status: run.status, connections: run.connections, stderr: run.stderr }).toEqual({
          status: 0,
          connections: 0,
          stderr: expect.any(String),
        });
        expect(stackGroups(run.stdout)).toEqual({
          "ses-tutorial": applied("ses-tutorial", `${lines.length} to update`, lines),
        });
      });
    });

    test("the summary shows each state's serial and lineage; an older copy of a state is refused with both serials", async () => {
      const path = join(deployment.root, "terraform-state", "ses-tutorial.tfstate");
      const state = JSON.parse(readFileSync(path, "utf8"));
      const current = await reviewPlan(project, deployment.input, ["ses-tutorial"], {}, provider);
      expect(current.stdout).toMatch(
        new RegExp(
          `^ses-tutorial +local serial ${state.serial}, lineage ${state.lineage.slice(0, 8)} `,
          "m",
        ),
      );
      // The same state one serial back, as a stale copy in a state bucket would be.
      const s3 = new S3Client({
        endpoint: deployment.emulator.url,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      await s3.send(new CreateBucketCommand({ Bucket: "plan-review-stale" }));
      await s3.send(
        new PutObjectCommand({
          Bucket: "plan-review-stale",
          Key: "ses/ses-tutorial.tfstate",
          Body: JSON.stringify({ ...state, serial: state.serial - 1 }),
        }),
      );
      s3.destroy();
      const stale = await reviewPlan(
        project,
        {
          ...deployment.input,
          state: { s3: { bucket: "plan-review-stale", region: "us-east-1" } },
        },
        ["ses-tutorial"],
        {
          AWS_ENDPOINT_URL_S3: deployment.emulator.url,
          AWS_ACCESS_KEY_ID: "test",
          AWS_SECRET_ACCESS_KEY: "test",
        },
      );
      expect(stale.status).toBe(1);
      expect(stackGroups(stale.stdout)["ses-tutorial"]).toEqual({
        head: "not planned",
        lines: [
          `error: s3://plan-review-stale/ses/ses-tutorial.tfstate is older than the last state of ses-tutorial planned against: it has serial ${state.serial - 1}, lineage ${state.lineage.slice(0, 8)}, the last seen had serial ${state.serial}; a plan against it would show changes that are already applied. Use the stack's current state (terraform state pull in cdktf.out/stacks/ses-tutorial), or if this older state really is the current one, delete ses-tutorial from terraform-state/.last-seen.json.`,
        ],
      });
    });

    test("rename the event bucket: the plan fails on the rename guard, saying what to do, and nothing is planned", async () => {
      const run = await reviewPlan(
        project,
        edited(
          (input) => (input.accounts[0].eventPublishing.bucket = { name: "ses-events-new-1" }),
        ),
        ["ses-tutorial"],
        {},
        provider,
      );
      expect(run.status).toBe(1);
      expect(stackGroups(run.stdout)["ses-tutorial"]).toEqual({
        head: "plan failed",
        lines: [
          expect.stringMatching(
            /^error: Resource postcondition failed: The event bucket is renamed to ses-events-new-1 \(eventPublishing\.bucket\.name\).*keep it \(terraform state rm its resources, then deploy\) or delete it with its objects/,
          ),
        ],
      });
    });

    test("add an account: the hub creates its rules and authorizations on both zones, its new stack everything", async () => {
      const plan = await review(
        edited((input) =>
          input.accounts.push({
            name: "newteam",
            accountId: "333333333333",
            region: "us-east-1",
            roleArn: "arn:aws:iam::333333333333:role/terraform",
            smtp: { vpcId: "vpc-0333333333333333c", cidrs: ["10.3.0.0/16"] },
          }),
        ),
      );
      expect(plan).toEqual({
        "smtp-hub-us-east-1": applied("smtp-hub-us-east-1", "4 to create", [
          "+  aws_route53_vpc_association_authorization.email_newteam  [aws.hub-us-east-1]",
          "+  aws_route53_vpc_association_authorization.newteam  [aws.hub-us-east-1]",
          "+  aws_vpc_security_group_ingress_rule.email_newteam_10-3-0-0-16_443  [aws.hub-us-east-1]",
          "+  aws_vpc_security_group_ingress_rule.newteam_10-3-0-0-16_587  [aws.hub-us-east-1]",
        ]),
        "ses-grafana": unchanged("ses-grafana"),
        "ses-newteam": {
          head: "2 to create (new stack: everything is created)",
          lines: [
            "note: not in smtp-hub-us-east-1's last applied state, so placeholders: api_authorized_vpc_ids.newteam, authorized_vpc_ids.newteam (deploy smtp-hub-us-east-1 first).",
            "+  aws_route53_zone_association.email  [aws.newteam]",
            "+  aws_route53_zone_association.email-smtp  [aws.newteam]",
          ],
        },
        "ses-tutorial": unchanged("ses-tutorial"),
      });
    });

    test("change a destination's matching types: that v1 destination is replaced, nothing else", async () => {
      const plan = await review(
        edited((input) => {
          const set = input.accounts[0].eventPublishing.configurationSets[0];
          set.eventDestinations[1].matchingTypes = ["send", "bounce"];
        }),
      );
      expect(plan).toEqual({
        "smtp-hub-us-east-1": unchanged("smtp-hub-us-east-1"),
        "ses-grafana": unchanged("ses-grafana"),
        "ses-tutorial": applied("ses-tutorial", "1 to replace", [
          "-+ aws_ses_event_destination.tf-configuration-set_tf-cloudwatch-destination  [aws.tutorial]  !! replaced: matching_types cannot be updated in place",
          "!! 1 deletion(s) or replacement(s): review before deploying.",
        ]),
      });
    });

    test("change an account's tag: every tagged resource of that account updates tags_all, in place", async () => {
      const plan = await review(
        edited((input) => (input.accounts[1].tags = { CostCenter: "cc-42" })),
      );
      const state = JSON.parse(
        readFileSync(join(deployment.root, "terraform-state", "ses-grafana.tfstate"), "utf8"),
      );
      const tagged = state.resources
        .filter((r: any) => r.mode === "managed" && r.instances[0].attributes.tags_all)
        .map((r: any) => `~  ${r.type}.${r.name}  [aws.grafana]  changes tags_all`)
        .sort();
      expect(tagged.length).toBeGreaterThan(5);
      // The send policy names the identity by a computed ARN: updating the identity leaves it be.
      expect(plan).toEqual({
        "smtp-hub-us-east-1": unchanged("smtp-hub-us-east-1"),
        "ses-grafana": applied("ses-grafana", `${tagged.length} to update`, tagged),
        "ses-tutorial": unchanged("ses-tutorial"),
      });
    });

    test("remove an account after destroying its stack: only its rules and authorizations leave the hub", async () => {
      const output = join(deployment.root, "cdktf.out");
      const destroyed = await cdktf(
        ["destroy", "ses-grafana", "--auto-approve", "--skip-provider-lock", "--output", output],
        env,
      );
      expect(destroyed.output).not.toMatch(/Error:/);
      const plan = await review(
        edited(
          (input) => (input.accounts = input.accounts.filter((a: any) => a.name !== "grafana")),
        ),
      );
      expect(plan).toEqual({
        "smtp-hub-us-east-1": applied("smtp-hub-us-east-1", "4 to delete", [
          "-  aws_route53_vpc_association_authorization.email_grafana  [aws.hub-us-east-1]  !! destroyed: no longer in the configuration",
          "-  aws_route53_vpc_association_authorization.grafana  [aws.hub-us-east-1]  !! destroyed: no longer in the configuration",
          "-  aws_vpc_security_group_ingress_rule.email_grafana_10-2-0-0-16_443  [aws.hub-us-east-1]  !! destroyed: no longer in the configuration",
          "-  aws_vpc_security_group_ingress_rule.grafana_10-2-0-0-16_587  [aws.hub-us-east-1]  !! destroyed: no longer in the configuration",
          "!! 4 deletion(s) or replacement(s): review before deploying.",
        ]),
        "ses-tutorial": unchanged("ses-tutorial"),
      });
    });
  });

  test("cdktf destroy stops at the non-empty event bucket with the README's message, then destroys everything once it is emptied", async () => {
    const output = join(deployment.root, "cdktf.out");
    const args = ["destroy", "*", "--auto-approve", "--skip-provider-lock", "--output", output];
    const refused = await cdktf(args, env);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/BucketNotEmpty: The bucket you tried to delete is not empty/);

    const tutorial = await account("111111111111");
    await tutorial.emptyBucket("ses-events-111111111111-us-east-1");
    const destroyed = await cdktf(args, env);
    expect(destroyed.output).not.toMatch(/Error:/);
    expect(destroyed.status).toBe(0);

    const publicZones = ["grafana.example.com"];
    for (const id of ["999999999999", "111111111111", "222222222222"]) {
      expect({ id, left: await (await account(id)).leftovers(publicZones) }).toEqual({
        id,
        left: {},
      });
    }
  });
});
