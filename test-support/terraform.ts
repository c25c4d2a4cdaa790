import {
  SynthesizedStack,
  initOffline,
  planOffline,
  validate,
} from "../src/review/offline-terraform";
import { remoteStateDefaults } from "../src/review/remote-state-defaults";

/**
 * Offline plans (`terraform show -json`) of the named stacks, by stack name. Stacks that read
 * another's outputs get placeholders shaped like the producing stack's outputs.
 */
export function planStacks(
  stacks: SynthesizedStack[],
  names = stacks.map((s) => s.name),
): Map<string, any> {
  const defaults = remoteStateDefaults(stacks);
  const plans = new Map<string, any>();
  for (const stack of stacks.filter((s) => names.includes(s.name))) {
    initOffline(stack, defaults[stack.name]);
    plans.set(stack.name, planOffline(stack));
  }
  return plans;
}

/** The managed-resource changes of a plan. */
export const managed = (plan: any): any[] =>
  plan.resource_changes.filter((c: any) => c.mode === "managed");

/** The provider configurations the resources of one type are planned with. */
export const providerKeys = (plan: any, type: string): string[] => [
  ...new Set<string>(
    plan.configuration.root_module.resources
      .filter((r: any) => r.type === type)
      .map((r: any) => r.provider_config_key),
  ),
];

/** One `terraform validate` test per stack: valid, with no errors and no warnings. */
export function testValidates(stacks: SynthesizedStack[]): void {
  test.each(stacks.map((s) => [s.name, s]))(
    "%s passes terraform validate with no warnings",
    (_name, stack) => {
      expect(validate(stack as SynthesizedStack)).toMatchObject({
        valid: true,
        error_count: 0,
        warning_count: 0,
      });
    },
  );
}
