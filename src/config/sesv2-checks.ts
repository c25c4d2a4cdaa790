import {
  HTTPS_POLICIES,
  RULES,
  SES_V2_ONLY_EVENT_TYPES,
  SES_V2_ONLY_TARGETS,
} from "../private/aws-facts";
import { SESV2_ONLY_OPTIONS } from "../private/construct-defaults";
import { Ctx, Loose, Path, objects, reportDuplicates, strings, valid } from "./check-helpers";

/**
 * Cross-field checks of SESv2 configuration sets and account settings: v2-only types, targets and
 * options on a v1 set, the pool a set sends through, the event bus's account and region, and
 * the custom redirect domain when HTTPS is required.
 */

const USE_V2 = "set api: v2 on the configuration set to use it (see docs/event-publishing-v2.md)";

function refuse(ctx: Ctx, path: Path, input: unknown, message: string): void {
  ctx.addIssue({ code: "custom", path, input, message });
}

function checkV1Set(ctx: Ctx, set: Loose, path: Path): void {
  for (const option of SESV2_ONLY_OPTIONS) {
    if (set[option] === undefined || set[option] === false) continue;
    refuse(
      ctx,
      [...path, option],
      set[option],
      `is an SESv2 option, not available to a v1 set: ${USE_V2}`,
    );
  }
  for (const [destination, d] of objects(set.eventDestinations)) {
    const destinationPath = [...path, "eventDestinations", d];
    for (const target of SES_V2_ONLY_TARGETS) {
      if (destination[target] === undefined) continue;
      refuse(
        ctx,
        [...destinationPath, target],
        destination[target],
        `is an SESv2 destination (v1 offers cloudwatch, firehose, sns): ${USE_V2}`,
      );
    }
    for (const [type, t] of strings(destination.matchingTypes)) {
      if (!(SES_V2_ONLY_EVENT_TYPES as readonly string[]).includes(type)) continue;
      refuse(
        ctx,
        [...destinationPath, "matchingTypes", t],
        type,
        `is an SESv2 event type (the v1 API refuses ${SES_V2_ONLY_EVENT_TYPES.join(" and ")}): ${USE_V2}`,
      );
    }
  }
}

/** A domain is the account's when it is its sending domain or a subdomain of it. */
function ownedBy(domain: string, owner: string): boolean {
  return domain === owner || domain.endsWith(`.${owner}`);
}

function checkTracking(ctx: Ctx, account: Loose, set: Loose, path: Path): void {
  const policy = set.httpsPolicy;
  if (typeof policy !== "string" || !(HTTPS_POLICIES as readonly string[]).includes(policy)) return;
  const domain = set.customRedirectDomain;
  if (domain === undefined) {
    refuse(
      ctx,
      [...path, "httpsPolicy"],
      policy,
      "applies to the custom redirect domain: set customRedirectDomain too, or leave httpsPolicy out",
    );
    return;
  }
  if (policy === "OPTIONAL" || !valid(RULES.domainName, domain)) return;
  const owner = (account.sending as Loose | undefined)?.domain;
  if (typeof owner === "string" && ownedBy(domain, owner) && domain !== owner) return;
  const allowed =
    typeof owner === "string"
      ? `a subdomain of the account's sending domain ${owner}, such as track.${owner}`
      : "a subdomain of a domain the account sends from (the account has no sending.domain)";
  refuse(
    ctx,
    [...path, "customRedirectDomain"],
    domain,
    `must be ${allowed}, when httpsPolicy is ${policy}: SES serves its HTTPS links only on a domain whose certificate the account can provision`,
  );
}

function checkEventBus(ctx: Ctx, account: Loose, set: Loose, path: Path): void {
  for (const [destination, d] of objects(set.eventDestinations)) {
    const bus = (destination.eventBridge as Loose | undefined)?.eventBusArn;
    if (typeof bus !== "string") continue;
    const [, , , region, accountId] = bus.split(":");
    if (region === account.region && accountId === account.accountId) continue;
    refuse(
      ctx,
      [...path, "eventDestinations", d, "eventBridge", "eventBusArn"],
      bus,
      `must be the default event bus of the account's own region and account (arn:aws:events:${String(account.region)}:${String(account.accountId)}:event-bus/default), or be left out`,
    );
  }
}

function checkSendingPool(ctx: Ctx, set: Loose, pools: string[], path: Path): void {
  const pool = set.sendingPoolName;
  if (typeof pool !== "string" || pools.includes(pool)) return;
  const choice =
    pools.length > 0 ? `one of ${pools.join(", ")}` : "a pool defined there (it lists none)";
  refuse(
    ctx,
    [...path, "sendingPoolName"],
    pool,
    `must name a dedicated IP pool of eventPublishing.accountSettings.dedicatedIpPools: ${choice}`,
  );
}

/** The v2 checks of one account's `eventPublishing` (see the module comment). */
export function checkSesV2(ctx: Ctx, account: Loose, path: Path): void {
  const publishing = account.eventPublishing as Loose | undefined;
  if (typeof publishing !== "object" || publishing === null) return;
  const settings = (publishing.accountSettings ?? {}) as Loose;
  reportDuplicates(
    ctx,
    settings.dedicatedIpPools,
    "name",
    [...path, "accountSettings", "dedicatedIpPools"],
    "the account's dedicated IP pools",
  );
  const pools = objects(settings.dedicatedIpPools)
    .map(([pool]) => pool.name)
    .filter((n): n is string => typeof n === "string");
  for (const [set, s] of objects(publishing.configurationSets)) {
    const setPath = [...path, "configurationSets", s];
    if (set.api !== "v2") {
      checkV1Set(ctx, set, setPath);
      continue;
    }
    checkTracking(ctx, account, set, setPath);
    checkEventBus(ctx, account, set, setPath);
    checkSendingPool(ctx, set, pools, setPath);
  }
}
