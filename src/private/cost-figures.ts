/**
 * The list prices behind the cost figures the README quotes (US East (N. Virginia), on-demand,
 * before data processing; AWS's VPC pricing page, checked 2026): a test ties each quoted monthly
 * figure to these.
 */
export const HOURLY_USD = {
  /** A NAT gateway, per hour it exists, in each Availability Zone. */
  natGateway: 0.045,
  /** An interface VPC endpoint, per hour, in each Availability Zone (subnet) it has. */
  interfaceEndpointPerAz: 0.01,
} as const;

/** AWS's month for hourly prices. */
export const HOURS_PER_MONTH = 730;

/** A whole-dollar monthly figure from an hourly price. */
export function monthlyUsd(hourly: number): number {
  return Math.round(hourly * HOURS_PER_MONTH);
}
