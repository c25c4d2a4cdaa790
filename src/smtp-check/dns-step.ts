/**
 * The DNS step: resolve the name and say what each address means (a VPC's private answer, loopback,
 * the public SES endpoint, or nothing a client can reach). Its fixes name the checked service's host.
 */
import { promises as dns } from "node:dns";
import { BlockList, isIP } from "node:net";
import { CheckedService, serviceHost } from "./checked-service";
import { codeAndMessage, failed, passed, StepOutcome, withTimeout } from "./step-result";

/** Turns a host name into addresses: the seam that tests replace. */
export interface Resolver {
  /** Every address of the name, as the system resolver (getaddrinfo) returns them. */
  lookup(hostname: string): Promise<string[]>;
}

/** The system resolver, as the SMTP client itself would use it (/etc/hosts, then the VPC's DNS). */
export const systemResolver: Resolver = {
  async lookup(hostname) {
    const answers = await dns.lookup(hostname, { all: true, verbatim: true });
    return answers.map((answer) => answer.address);
  },
};

export interface DnsSettings {
  /** Name to resolve; an IP address is classified without a lookup. @default none (required) */
  readonly host: string;
  /** Region for the printed association commands. @default none (`<region>` is printed) */
  readonly region: string | undefined;
  /** The SES interface checked, whose host name the fixes give. @default none (required) */
  readonly service: CheckedService;
  /** Pass on public addresses instead of failing. @default none (required) */
  readonly allowPublicAddresses: boolean;
  /**
   * The host is a tunnel or relay (--connect-to), not the SES name: any usable address passes.
   * @default false
   */
  readonly relay?: boolean;
  /** Limit for the lookup, in ms. @default none (required) */
  readonly timeoutMs: number;
}

export interface DnsResult {
  readonly outcome: StepOutcome;
  /**
   * Addresses to connect to: every IPv4 answer, or every IPv6 one when there is no IPv4 one
   * (the family the step judged; a VPC's IPv6 addresses say nothing of the zone, and a client
   * without IPv6 would not use them).
   */
  readonly addresses: readonly string[];
}

/** The IPv4 addresses, or all of them when there is none. */
function judgedFamily(addresses: readonly string[]): string[] {
  const ipv4 = addresses.filter((a) => isIP(a) === 4);
  return ipv4.length > 0 ? ipv4 : [...addresses];
}

function describe(host: string, addresses: readonly string[], kinds: readonly AddressKind[]) {
  if (isIP(host)) return `${host} (${kinds[0]}) is an address, no lookup needed`;
  return `${host} → ${addresses.map((a, i) => `${a} (${kinds[i]})`).join(", ")}`;
}

function associationFix(host: string, region: string | undefined): string {
  const vpc = `VPCRegion=${region ?? "<region>"},VPCId=<this-vpc-id>`;
  return (
    `in the account that owns the private hosted zone named ${host}: ` +
    `\`aws route53 create-vpc-association-authorization --hosted-zone-id <zone-id> --vpc ${vpc}\`; ` +
    `then in this account: \`aws route53 associate-vpc-with-hosted-zone --hosted-zone-id <zone-id> --vpc ${vpc}\`; ` +
    "the VPC needs enableDnsSupport and enableDnsHostnames"
  );
}

const UNUSABLE_ADDRESSES =
  "link-local, unspecified or multicast addresses, which no SES endpoint uses";

/** A public answer: for a name, the zone is not in use; for an address, it is not the endpoint's. */
function publicAnswer(settings: DnsSettings, detail: string): StepOutcome {
  const { host, region, service } = settings;
  if (isIP(host)) {
    return failed(
      detail,
      `${host} is a public address, so it is not an interface of the shared VPC endpoint (those have private addresses)`,
      `use the VPC endpoint's private address, or the name ${serviceHost(service, region)} that its private hosted zone answers; add --allow-public to check a public address on purpose`,
    );
  }
  return failed(
    detail,
    "the name resolves to public addresses, so this VPC does not use the private hosted zone: the VPC is not associated with the zone, or the zone's name is not exactly this host name",
    associationFix(host, region),
  );
}

function unusableAnswer(settings: DnsSettings, detail: string): StepOutcome {
  if (isIP(settings.host) || settings.relay) {
    return failed(
      detail,
      `${settings.host} is one of the ${UNUSABLE_ADDRESSES}`,
      "give a usable address",
    );
  }
  return failed(
    detail,
    `the name resolves to ${UNUSABLE_ADDRESSES}`,
    `fix the A record of ${settings.host} in the private hosted zone: an alias to the SES VPC endpoint's DNS name`,
  );
}

/** Decides from the addresses alone; IPv6 addresses only count when there is no IPv4 one. */
function judge(settings: DnsSettings, addresses: readonly string[]): StepOutcome {
  const kinds = addresses.map(classifyAddress);
  const detail = describe(settings.host, addresses, kinds);
  const ipv4 = kinds.filter((_, i) => isIP(addresses[i]) === 4);
  const judged = ipv4.length > 0 ? ipv4 : kinds;
  if (judged.includes("unusable")) return unusableAnswer(settings, detail);
  if (settings.relay) {
    return passed(
      `${detail}; --connect-to: a tunnel or relay, the private hosted zone is not consulted`,
    );
  }
  if (judged.includes("public") && !settings.allowPublicAddresses) {
    return publicAnswer(settings, detail);
  }
  if (judged.every((kind) => kind === "loopback")) {
    return passed(`${detail}; loopback counts as local (a tunnel or a test server)`);
  }
  if (judged.includes("public")) return passed(`${detail}; public addresses allowed`);
  return passed(`${detail}; private addresses: the private hosted zone answers`);
}

function lookupFailure(settings: DnsSettings, error: unknown): StepOutcome {
  const { code, message } = codeAndMessage(error);
  const detail = `cannot resolve ${settings.host}: ${code || message}`;
  if (code === "ENOTFOUND" || code === "ENODATA") {
    return failed(
      detail,
      "the name has no address for this VPC's resolver: the host name or region is misspelled, or a private hosted zone associated with this VPC covers the name but has no A record for it",
      `check the host name; the zone needs an alias A record for ${settings.host} pointing at the SES VPC endpoint's DNS name`,
    );
  }
  return failed(
    detail,
    "the DNS resolver did not answer: the VPC's enableDnsSupport is off, or /etc/resolv.conf names a resolver this machine cannot reach",
    "enable DNS support on the VPC, or fix the resolver configuration, then retry",
  );
}

/** DNS step: resolve the host and tell a VPC answer (private) from the public endpoint's. */
export async function checkDns(settings: DnsSettings, resolver: Resolver): Promise<DnsResult> {
  let addresses: string[];
  try {
    addresses = isIP(settings.host)
      ? [settings.host]
      : await withTimeout(resolver.lookup(settings.host), settings.timeoutMs, "ETIMEOUT");
  } catch (error) {
    return { outcome: lookupFailure(settings, error), addresses: [] };
  }
  if (addresses.length === 0) {
    return { outcome: lookupFailure(settings, { code: "ENODATA" }), addresses: [] };
  }
  return { outcome: judge(settings, addresses), addresses: judgedFamily(addresses) };
}

/**
 * What an address says about the DNS answer:
 * - `private`: RFC 1918 or RFC 6598 (CGNAT) IPv4, or an IPv6 unique local address: a VPC answer;
 * - `loopback`: 127.0.0.0/8 or ::1, accepted as "local" (a test server or an SSH tunnel);
 * - `public`: any other unicast address: the public SES endpoint;
 * - `unusable`: link-local, unspecified, multicast or reserved: nothing a client can reach.
 */
export type AddressKind = "private" | "loopback" | "public" | "unusable";

const ranges = (list: [string, number, "ipv4" | "ipv6"][]): BlockList => {
  const blocks = new BlockList();
  for (const [network, prefix, family] of list) blocks.addSubnet(network, prefix, family);
  return blocks;
};

const PRIVATE = ranges([
  ["10.0.0.0", 8, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["fc00::", 7, "ipv6"],
]);

const LOOPBACK = ranges([
  ["127.0.0.0", 8, "ipv4"],
  ["::1", 128, "ipv6"],
]);

const UNUSABLE = ranges([
  ["0.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["224.0.0.0", 3, "ipv4"],
  ["::", 128, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
]);

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1. */
function unmapIpv4(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Classifies one IP address; throws on a string that is not an IP address. */
export function classifyAddress(address: string): AddressKind {
  const plain = unmapIpv4(address);
  const version = isIP(plain);
  if (version === 0) throw new Error(`not an IP address: ${address}`);
  const family = version === 4 ? "ipv4" : "ipv6";
  if (LOOPBACK.check(plain, family)) return "loopback";
  if (PRIVATE.check(plain, family)) return "private";
  if (UNUSABLE.check(plain, family)) return "unusable";
  return "public";
}
