import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Sesv2AccountSuppressionAttributes } from "@cdktf/provider-aws/lib/sesv2-account-suppression-attributes";
import { Sesv2AccountVdmAttributes } from "@cdktf/provider-aws/lib/sesv2-account-vdm-attributes";
import { Sesv2DedicatedIpPool } from "@cdktf/provider-aws/lib/sesv2-dedicated-ip-pool";
import { Construct } from "constructs";
import { named } from "../private/addresses";
import {
  RULES,
  SCALING_MODES,
  SUPPRESSION_REASONS,
  ScalingMode,
  SuppressionReason,
  VDM_SWITCH,
  VdmSwitch,
} from "../private/aws-facts";
import { check, checkAllOf, checkOneOf, checkUnique } from "../private/validation";
import { ACCOUNT_SETTINGS_DEFAULTS } from "../private/construct-defaults";
export { ACCOUNT_SETTINGS_DEFAULTS };

/** Virtual Deliverability Manager for the whole account. */
export interface SesAccountVdm {
  /**
   * Whether VDM is on for the account (it is billed per message while on).
   * @default "ENABLED"
   */
  readonly enabled?: VdmSwitch;
  /**
   * Engagement tracking (opens and clicks) in the VDM dashboard.
   * @default - SES's default (DISABLED)
   */
  readonly engagementMetrics?: VdmSwitch;
  /**
   * Optimized shared delivery: SES times delivery through its shared IPs by mailbox provider.
   * @default - SES's default (DISABLED)
   */
  readonly optimizedSharedDelivery?: VdmSwitch;
}

/** A dedicated IP pool that v2 configuration sets can send through. */
export interface SesDedicatedIpPoolProps {
  /** Pool name (1-64 of A-Z a-z 0-9 _ -), the name sets give as `sendingPool`. */
  readonly name: string;
  /**
   * `MANAGED`: SES leases, warms and scales the IPs; `STANDARD`: you assign IPs you lease.
   * @default "STANDARD"
   */
  readonly scalingMode?: ScalingMode;
}

export interface SesAccountSettingsProps {
  /** The AWS provider of the account that sends. */
  readonly accountProvider: AwsProvider;
  /**
   * The reasons SES adds a recipient to the account's suppression list (`[]`: none).
   * @default - not managed (AWS's default for a new account: BOUNCE, COMPLAINT)
   */
  readonly suppressedReasons?: readonly SuppressionReason[];
  /**
   * Virtual Deliverability Manager for the account.
   * @default - not managed (VDM off)
   */
  readonly vdm?: SesAccountVdm;
  /**
   * Dedicated IP pools.
   * @default []
   */
  readonly dedicatedIpPools?: readonly SesDedicatedIpPoolProps[];
}

/**
 * One SES setting per account, for a platform team that wants it the same for every set: the
 * account-level suppression list reasons, VDM, and dedicated IP pools (SESv2 API).
 *
 * Emits `aws_sesv2_account_suppression_attributes.account`, `aws_sesv2_account_vdm_attributes.account`
 * and one `aws_sesv2_dedicated_ip_pool.<pool name>` per pool, each only when configured.
 */
export class SesAccountSettings extends Construct {
  /** The pools, by name. */
  public readonly dedicatedIpPools: Record<string, Sesv2DedicatedIpPool> = {};

  constructor(scope: Construct, id: string, props: SesAccountSettingsProps) {
    super(scope, id);
    validate(props);
    const provider = props.accountProvider;
    if (props.suppressedReasons) {
      const suppression = new Sesv2AccountSuppressionAttributes(this, "suppression", {
        provider,
        suppressedReasons: [...props.suppressedReasons].sort(),
      });
      named(suppression, "account");
    }
    if (props.vdm) {
      const { engagementMetrics, optimizedSharedDelivery } = props.vdm;
      const vdm = new Sesv2AccountVdmAttributes(this, "vdm", {
        provider,
        vdmEnabled: props.vdm.enabled ?? ACCOUNT_SETTINGS_DEFAULTS.vdmEnabled,
        dashboardAttributes: engagementMetrics ? { engagementMetrics } : undefined,
        guardianAttributes: optimizedSharedDelivery ? { optimizedSharedDelivery } : undefined,
      });
      named(vdm, "account");
    }
    for (const pool of props.dedicatedIpPools ?? []) {
      const resource = new Sesv2DedicatedIpPool(this, `pool-${pool.name}`, {
        provider,
        poolName: pool.name,
        scalingMode: pool.scalingMode ?? ACCOUNT_SETTINGS_DEFAULTS.scalingMode,
      });
      this.dedicatedIpPools[pool.name] = named(resource, pool.name);
    }
  }
}

function validate(props: SesAccountSettingsProps): void {
  checkAllOf("suppressedReasons", props.suppressedReasons, SUPPRESSION_REASONS);
  checkOneOf("vdm.enabled", props.vdm?.enabled, VDM_SWITCH);
  checkOneOf("vdm.engagementMetrics", props.vdm?.engagementMetrics, VDM_SWITCH);
  checkOneOf("vdm.optimizedSharedDelivery", props.vdm?.optimizedSharedDelivery, VDM_SWITCH);
  const pools = props.dedicatedIpPools ?? [];
  checkUnique(
    "dedicatedIpPools names",
    pools.map((p) => p.name),
    "in the account",
  );
  pools.forEach((pool, i) => {
    check(`dedicatedIpPools[${i}].name`, pool.name, RULES.sesName);
    checkOneOf(`dedicatedIpPools[${i}].scalingMode`, pool.scalingMode, SCALING_MODES);
  });
}
