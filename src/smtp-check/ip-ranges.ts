import { BlockList, isIP } from "node:net";

/**
 * What an address says about the DNS answer:
 * - `private`: RFC 1918 or RFC 6598 (CGNAT) IPv4, or an IPv6 unique local address: a VPC answer;
 * - `loopback`: 127.0.0.0/8 or ::1, accepted as "local" (a test server or an SSH tunnel);
 * - `public`: any other unicast address: the public SES endpoint;
 * - `unusable`: link-local, unspecified, multicast or reserved: nothing SMTP can reach.
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
