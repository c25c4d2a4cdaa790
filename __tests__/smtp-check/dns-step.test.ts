import { Socket } from "node:net";
import { API_SERVICE, SMTP_SERVICE } from "../../src/smtp-check/checked-service";
import { checkDns, classifyAddress } from "../../src/smtp-check/dns-step";
import { runSmtpCheck } from "../../src/smtp-check/run-smtp-check";
import { HOST, resolveTo } from "../../test-support/smtp-server";

const settings = {
  host: HOST,
  region: "us-east-1",
  service: SMTP_SERVICE,
  allowPublicAddresses: false,
  timeoutMs: 1000,
};

describe("DNS step", () => {
  test("passes when the name resolves to private addresses (the zone association works)", async () => {
    const { outcome } = await checkDns(settings, resolveTo("10.0.1.5", "10.0.2.7"));
    expect(outcome).toEqual({
      status: "pass",
      detail: `${HOST} → 10.0.1.5 (private), 10.0.2.7 (private); private addresses: the private hosted zone answers`,
    });
  });

  test("fails when the name resolves to public addresses, naming the zone association", async () => {
    const { outcome } = await checkDns(settings, resolveTo("52.0.0.10", "52.0.0.11"));
    expect(outcome.status).toBe("fail");
    expect(outcome.cause).toMatch(/not associated with the zone, or the zone's name/);
  });

  test("prints the association commands with the region filled in", async () => {
    const { outcome } = await checkDns(settings, resolveTo("52.0.0.10"));
    expect(outcome.fix).toContain(
      "aws route53 associate-vpc-with-hosted-zone --hosted-zone-id <zone-id> --vpc VPCRegion=us-east-1,VPCId=<this-vpc-id>",
    );
  });

  test("a public IP address given as the host is worded as an address, not as a zone", async () => {
    const { outcome } = await checkDns({ ...settings, host: "52.0.0.10" }, resolveTo());
    expect([outcome.status, outcome.cause, outcome.fix]).toEqual([
      "fail",
      "52.0.0.10 is a public address, so it is not an interface of the shared VPC endpoint (those have private addresses)",
      expect.stringContaining("email-smtp.us-east-1.amazonaws.com"),
    ]);
  });

  test.each([
    [SMTP_SERVICE, "us-east-1", "email-smtp.us-east-1.amazonaws.com"],
    [API_SERVICE, "us-east-1", "email.us-east-1.amazonaws.com"],
    [API_SERVICE, undefined, "email.<region>.amazonaws.com"],
  ])(
    "a public address's fix names the checked service's host (%#)",
    async (service, region, host) => {
      const { outcome } = await checkDns(
        { ...settings, service, region, host: "52.0.0.10" },
        resolveTo(),
      );
      expect(outcome.fix).toBe(
        `use the VPC endpoint's private address, or the name ${host} that its private hosted zone answers; add --allow-public to check a public address on purpose`,
      );
    },
  );

  test("a --connect-to host passes on any usable address, public included", async () => {
    const relay = { ...settings, host: "relay.example.net", relay: true };
    const { outcome } = await checkDns(relay, resolveTo("52.0.0.10"));
    expect([outcome.status, outcome.detail]).toEqual([
      "pass",
      "relay.example.net → 52.0.0.10 (public); --connect-to: a tunnel or relay, the private hosted zone is not consulted",
    ]);
  });

  test("accepts public addresses when asked to", async () => {
    const allowing = { ...settings, allowPublicAddresses: true };
    const { outcome } = await checkDns(allowing, resolveTo("52.0.0.10"));
    expect(outcome.status).toBe("pass");
  });

  test("judges by, and connects to, the IPv4 answers when IPv6 ones come too", async () => {
    const { outcome, addresses } = await checkDns(settings, resolveTo("2600:1f18::5", "10.0.1.5"));
    expect([outcome.status, addresses]).toEqual(["pass", ["10.0.1.5"]]);
  });

  test("fails on a name that does not exist, pointing at the zone's A record", async () => {
    const missing = {
      lookup: () =>
        Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" })),
    };
    const { outcome } = await checkDns(settings, missing);
    expect(outcome.cause).toMatch(/has no A record for it/);
  });

  test("gives up on a resolver that never answers at the limit", async () => {
    const silent = { lookup: () => new Promise<string[]>(() => undefined) };
    const { outcome } = await checkDns({ ...settings, timeoutMs: 50 }, silent);
    expect(outcome.cause).toMatch(/resolver did not answer/);
  });

  test("does not look up a literal address", async () => {
    const resolver = resolveTo("10.9.9.9");
    await checkDns({ ...settings, host: "10.0.1.5" }, resolver);
    expect(resolver.asked).toEqual([]);
  });
});

describe("runSmtpCheck with a public answer", () => {
  test("stops at DNS with exit 10 and never opens a connection", async () => {
    const connector = jest.fn(() => new Socket());
    const report = await runSmtpCheck(
      { host: HOST },
      { resolver: resolveTo("52.0.0.10"), connector },
    );
    expect([report.exitCode, connector.mock.calls.length, report.steps[2].status]).toEqual([
      10,
      0,
      "skip",
    ]);
  });
});

describe("classifyAddress", () => {
  test.each(["10.0.1.5", "172.16.0.1", "172.31.255.254", "192.168.10.10", "100.64.0.1", "fd12::1"])(
    "%s is private",
    (address) => {
      expect(classifyAddress(address)).toBe("private");
    },
  );

  test.each(["52.0.0.10", "172.32.0.1", "100.128.0.1", "2600:1f18::1"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBe("public");
    },
  );

  test.each(["127.0.0.1", "127.8.9.10", "::1"])("%s is loopback", (address) => {
    expect(classifyAddress(address)).toBe("loopback");
  });

  test.each(["169.254.169.254", "0.0.0.0", "fe80::1"])("%s is unusable", (address) => {
    expect(classifyAddress(address)).toBe("unusable");
  });

  test("an IPv4-mapped IPv6 address is judged as its IPv4 address", () => {
    expect(classifyAddress("::ffff:10.1.2.3")).toBe("private");
  });

  test("rejects a string that is not an address", () => {
    expect(() => classifyAddress("email-smtp.us-east-1.amazonaws.com")).toThrow(
      /not an IP address/,
    );
  });
});
