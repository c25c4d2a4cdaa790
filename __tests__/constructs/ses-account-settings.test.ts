import {
  SesAccountSettings,
  SesAccountSettingsProps,
} from "../../src/constructs/ses-account-settings";
import { parsed, synthWithProvider } from "../../test-support/scope";

function synth(props: Partial<SesAccountSettingsProps> = {}): any {
  return parsed(
    synthWithProvider((scope, accountProvider) => {
      new SesAccountSettings(scope, "settings", { accountProvider, ...props });
    }),
  ).resource;
}

describe("SesAccountSettings", () => {
  test("manages nothing unless asked", () => {
    expect(synth()).toBeUndefined();
  });

  test("the account's suppression reasons, VDM and pools, each at the address a person would write", () => {
    const resources = synth({
      suppressedReasons: ["COMPLAINT", "BOUNCE"],
      vdm: { optimizedSharedDelivery: "ENABLED" },
      dedicatedIpPools: [{ name: "marketing", scalingMode: "MANAGED" }, { name: "plain" }],
    });
    expect(resources.aws_sesv2_account_suppression_attributes.account).toMatchObject({
      suppressed_reasons: ["BOUNCE", "COMPLAINT"],
    });
    expect(resources.aws_sesv2_account_vdm_attributes.account).toMatchObject({
      vdm_enabled: "ENABLED",
      guardian_attributes: { optimized_shared_delivery: "ENABLED" },
    });
    expect(resources.aws_sesv2_dedicated_ip_pool.marketing).toMatchObject({
      pool_name: "marketing",
      scaling_mode: "MANAGED",
    });
    expect(resources.aws_sesv2_dedicated_ip_pool.plain).toMatchObject({ scaling_mode: "STANDARD" });
  });

  test("suppression reasons other than BOUNCE and COMPLAINT are refused", () => {
    expect(() => synth({ suppressedReasons: ["HARD" as never] })).toThrow(
      'suppressedReasons must list values among BOUNCE, COMPLAINT (or none); got ["HARD"].',
    );
  });

  test("a pool name twice is refused", () => {
    expect(() => synth({ dedicatedIpPools: [{ name: "p" }, { name: "p" }] })).toThrow(
      'dedicatedIpPools names must be unique in the account; got "p" twice.',
    );
  });
});
