import { accountInput } from "./fixtures";

/** A valid hub entry for us-east-1; override fields per test. */
export function hubInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    region: "us-east-1",
    accountId: "999999999999",
    roleArn: "arn:aws:iam::999999999999:role/terraform",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    ...overrides,
  };
}

/** An SMTP client account numbered `n` (name client-NNN, VPC and 10.n.0.0/16 of its own). */
export function clientInput(
  n: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const id = String(100000000000 + n);
  const hex = n.toString(16).padStart(17, "0");
  return accountInput({
    name: `client-${String(n).padStart(3, "0")}`,
    accountId: id,
    roleArn: `arn:aws:iam::${id}:role/terraform`,
    eventPublishing: undefined,
    smtp: { vpcId: `vpc-${hex}`, cidrs: [`10.${Math.floor(n / 256)}.${n % 256}.0/24`] },
    ...overrides,
  });
}

/** A hub with `count` client accounts. */
export function hubWithClients(count: number, hub: Record<string, unknown> = {}) {
  return {
    smtpHubs: [hubInput(hub)],
    accounts: Array.from({ length: count }, (_, i) => clientInput(i + 1)),
  };
}

/**
 * The client accounts of the end-to-end scale suite (fleet-scale.e2e.test.ts): each adds the same
 * three resources, so ten applied at once prove what 25 did (the suite's comment says why).
 */
export const SCALE_FLEET_ACCOUNTS = 10;
