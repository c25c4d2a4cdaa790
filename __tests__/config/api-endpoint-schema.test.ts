import { SES_API_ENDPOINT_REGIONS, SES_REGIONS, sesApiHost } from "../../src/private/ses-facts";
import { problems } from "../../test-support/problems";
import { clientInput, hubInput } from "../../test-support/hub";
import { config } from "../../test-support/fixtures";
import { buildStacks } from "../../src/app";
import { App } from "cdktf";

const fleet = (hub: Record<string, unknown>, ...smtp: Record<string, unknown>[]) => ({
  smtpHubs: [hubInput(hub)],
  accounts: smtp.map((extra, i) => {
    const account = clientInput(i + 1);
    return { ...account, smtp: { ...(account.smtp as object), ...extra } };
  }),
});

describe("the hub's SES API endpoint configuration", () => {
  test("is off by default; enabled, its port defaults to 443", () => {
    expect(config(fleet({}, {})).smtpHubs[0].apiEndpoint).toBeUndefined();
    expect(config(fleet({ apiEndpoint: { enabled: true } }, {})).smtpHubs[0].apiEndpoint).toEqual({
      enabled: true,
      port: 443,
    });
  });

  test("a port other than 443 is refused", () => {
    expect(problems(fleet({ apiEndpoint: { enabled: true, port: 587 } }, {}))).toEqual([
      "smtpHubs[0].apiEndpoint.port must be 443, the only port of the SES API (HTTPS); got 587.",
    ]);
  });

  test("a region without the API endpoint service is refused before synthesis", () => {
    const region = "us-gov-west-1";
    const input = fleet({
      region,
      accountId: "999999999999",
      roleArn: "arn:aws-us-gov:iam::999999999999:role/terraform",
      apiEndpoint: { enabled: true },
    });
    input.accounts = [];
    input.accounts.push({
      ...clientInput(1, { region, roleArn: "arn:aws-us-gov:iam::100000000001:role/terraform" }),
    } as never);
    expect(problems(input)).toEqual([
      `smtpHubs[0].apiEndpoint.enabled must be false in us-gov-west-1, where AWS offers no SES API interface endpoint (com.amazonaws.us-gov-west-1.email); it is offered in ${SES_API_ENDPOINT_REGIONS.join(", ")}, or list the region under allow.regions if AWS has added it since; got true.`,
    ]);
  });

  test("the same region is accepted once allow.regions lists it", () => {
    const input: any = fleet({
      region: "us-gov-west-1",
      roleArn: "arn:aws-us-gov:iam::999999999999:role/terraform",
      apiEndpoint: { enabled: true },
    });
    input.accounts = [
      clientInput(1, {
        region: "us-gov-west-1",
        roleArn: "arn:aws-us-gov:iam::100000000001:role/terraform",
      }),
    ];
    input.allow = { regions: ["us-gov-west-1"] };
    expect(problems(input)).toEqual([]);
  });

  test("an account asking for the API zone of a hub that offers none is refused", () => {
    expect(problems(fleet({}, { useApiEndpoint: true }))).toEqual([
      'accounts[0].smtp.useApiEndpoint must be false or left out: the hub of "us-east-1" (smtpHubs[0]) offers no SES API endpoint (set its apiEndpoint.enabled to true to offer one); got true.',
    ]);
  });

  test("every problem is reported at once", () => {
    const input = fleet({ apiEndpoint: { enabled: false, port: 80 } }, { useApiEndpoint: true });
    expect(problems(input)).toHaveLength(2);
  });

  test("API rules beyond the quotas are refused at the hub's apiEndpoint", () => {
    const input = fleet(
      {
        apiEndpoint: { enabled: true },
        quotas: { inboundRulesPerSecurityGroup: 1, securityGroupsPerNetworkInterface: 1 },
      },
      {},
    );
    (input.accounts[0] as any).smtp.cidrs = ["10.1.0.0/24", "10.1.1.0/24"];
    expect(problems(input)).toContainEqual(
      expect.stringMatching(/^smtpHubs\[0\]\.apiEndpoint needs 2 inbound rules \(CIDRs × 1 port\)/),
    );
  });

  test("accounts associate only with what their hub offers: opted-out accounts get no API rule, authorization or association", () => {
    const stacks = buildStacks(
      new App(),
      config(fleet({ apiEndpoint: { enabled: true } }, {}, { useApiEndpoint: false })),
    );
    const hub = stacks.hubStacks.get("us-east-1")!;
    expect(Object.keys(hub.apiEndpoint!.authorizations)).toEqual(["client-001"]);
    expect(stacks.accountStacks.map((s) => Boolean(s.apiZoneAssociation))).toEqual([true, false]);
    expect(stacks.accountStacks.map((s) => Boolean(s.smtpZoneAssociation))).toEqual([true, true]);
  });

  test("without the API endpoint no account stack reads API outputs", () => {
    const stacks = buildStacks(new App(), config(fleet({}, {})));
    expect(stacks.hubStacks.get("us-east-1")!.apiEndpoint).toBeUndefined();
    expect(stacks.accountStacks[0].apiZoneAssociation).toBeUndefined();
  });
});

describe("SES API facts", () => {
  test("the API host is email.<region>.amazonaws.com", () => {
    expect(sesApiHost("eu-west-1")).toBe("email.eu-west-1.amazonaws.com");
  });

  test("the API endpoint regions are SES regions, without GovCloud", () => {
    for (const region of SES_API_ENDPOINT_REGIONS) expect(SES_REGIONS).toContain(region);
    expect(SES_API_ENDPOINT_REGIONS).toContain("us-east-1");
    expect(SES_API_ENDPOINT_REGIONS).not.toContain("us-gov-west-1");
  });
});
