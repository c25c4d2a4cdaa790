import { Ctx, Loose, issue, objects, strings, valid } from "./check-helpers";
import { DEFAULT_QUOTAS, RULES } from "../private/aws-facts";
import { SES_API_ENDPOINT_REGIONS, SES_API_PORT } from "../private/ses-facts";
import { rulesNeeded, securityGroupQuotaProblem } from "../private/security-group-shards";
import { show } from "../private/show";

/**
 * Cross-field checks of the hubs' optional SES API endpoint: only in a region that has the
 * `com.amazonaws.<region>.email` endpoint service (or one `allow.regions` lists), its HTTPS rules
 * within the security group quotas, and no account asking for an API zone its hub does not offer.
 * Like the other cross checks they read possibly-invalid input defensively.
 */

/** Whether a hub (as written) offers the API endpoint. */
export function offersApiEndpoint(hub: Loose | undefined): boolean {
  const api = hub?.apiEndpoint;
  return typeof api === "object" && api !== null && (api as Loose).enabled === true;
}

/** Whether an account (as written) associates with its hub's API zone, given what the hub offers. */
export function usesApiEndpoint(smtp: Loose, hubOffers: boolean): boolean {
  return smtp.useApiEndpoint === undefined ? hubOffers : smtp.useApiEndpoint === true && hubOffers;
}

/** Whether an account's VPC associates with its hub's API zone (the hub must offer one). */
export function usesHubApiEndpoint(
  account: { readonly smtp?: Loose },
  hub: Loose | undefined,
): boolean {
  return account.smtp !== undefined && usesApiEndpoint(account.smtp, offersApiEndpoint(hub));
}

function checkRegion(ctx: Ctx, hub: Loose, h: number, allowed: string[]): void {
  if (!valid(RULES.region, hub.region)) return;
  if ([...SES_API_ENDPOINT_REGIONS, ...allowed].includes(hub.region)) return;
  issue(
    ctx,
    ["smtpHubs", h, "apiEndpoint", "enabled"],
    `must be false in ${hub.region}, where AWS offers no SES API interface endpoint (com.amazonaws.${hub.region}.email); it is offered in ${SES_API_ENDPOINT_REGIONS.join(", ")}, or list the region under allow.regions if AWS has added it since; got true`,
  );
}

function checkQuota(ctx: Ctx, hub: Loose, h: number, accounts: [Loose, number][]): void {
  const clients = accounts.flatMap(([account]) => {
    const smtp = account.smtp as Loose | undefined;
    if (account.region !== hub.region || typeof smtp !== "object" || smtp === null) return [];
    if (!usesApiEndpoint(smtp, true)) return [];
    return [{ name: String(account.name), cidrs: strings(smtp.cidrs).map(([c]) => c) }];
  });
  const quotas = (hub.quotas ?? {}) as Loose;
  const quota = (name: keyof typeof DEFAULT_QUOTAS) =>
    typeof quotas[name] === "number" ? (quotas[name] as number) : DEFAULT_QUOTAS[name];
  const problem = securityGroupQuotaProblem(rulesNeeded(clients, [SES_API_PORT]), 1, {
    inboundRulesPerSecurityGroup: quota("inboundRulesPerSecurityGroup"),
    securityGroupsPerNetworkInterface: quota("securityGroupsPerNetworkInterface"),
  });
  if (problem) issue(ctx, ["smtpHubs", h, "apiEndpoint"], problem);
}

function checkAccountsAskOnlyWhatIsOffered(
  ctx: Ctx,
  hubs: [Loose, number][],
  accounts: [Loose, number][],
): void {
  for (const [account, a] of accounts) {
    const smtp = account.smtp as Loose | undefined;
    if (typeof smtp !== "object" || smtp === null || smtp.useApiEndpoint !== true) continue;
    const hub = hubs.find(([candidate]) => candidate.region === account.region);
    if (!hub || offersApiEndpoint(hub[0])) continue;
    issue(
      ctx,
      ["accounts", a, "smtp", "useApiEndpoint"],
      `must be false or left out: the hub of ${show(account.region)} (smtpHubs[${hub[1]}]) offers no SES API endpoint (set its apiEndpoint.enabled to true to offer one); got true`,
    );
  }
}

/** The API endpoint checks; see the module comment. */
export function apiEndpointChecks(ctx: Ctx, config: Loose): void {
  const hubs = objects(config.smtpHubs);
  const accounts = objects(config.accounts);
  const allowed = strings(((config.allow ?? {}) as Loose).regions).map(([r]) => r);
  for (const [hub, h] of hubs) {
    if (!offersApiEndpoint(hub)) continue;
    checkRegion(ctx, hub, h, allowed);
    checkQuota(ctx, hub, h, accounts);
  }
  checkAccountsAskOnlyWhatIsOffered(ctx, hubs, accounts);
}
