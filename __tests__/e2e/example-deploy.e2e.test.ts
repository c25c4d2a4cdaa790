/**
 * The example configuration, deployed the way a user deploys it: `cdktf deploy '*'` and
 * `cdktf destroy '*'` against the AWS emulator (AWS_ENDPOINT_URL), every provider assuming its
 * account's role. Then read back from the emulator, re-planned, and destroyed to nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseSecret } from "../../src/smtp-check/secret-source";
import { cdktf, cdktfEnv } from "../../test-support/emulator/cdktf-cli";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";
import { EmulatedAccount } from "../../test-support/emulator/readback";
import { terraformJson } from "../../test-support/emulator/terraform";

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

  test("the endpoint's security group admits exactly the accounts' CIDRs on port 587, no egress", async () => {
    const hub = await account("999999999999");
    expect(await hub.smtpEndpoint(deployment.input.smtpHubs[0].vpcId)).toEqual({
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

  test("Firehose delivers an SES event into the event bucket under ses/", async () => {
    const tutorial = await account("111111111111");
    await tutorial.putEvent("tf-delivery-stream", {
      eventType: "Send",
      mail: { messageId: "e2e" },
    });
    const keys = await tutorial.objectKeys("ses-events-111111111111-us-east-1");
    expect(keys).toEqual([expect.stringMatching(/^ses\//)]);
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
    for (const name of ["smtp-hub-us-east-1", "ses-grafana", "ses-tutorial"]) {
      const dir = join(deployment.root, "cdktf.out", "stacks", name);
      const plan = await terraformJson(dir, ["plan", "-detailed-exitcode"], env);
      const changed = plan.lines
        .filter((l) => l.type === "planned_change")
        .map((l) => l["@message"]);
      expect({ name, changed, status: plan.status }).toEqual({ name, changed: [], status: 0 });
    }
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
