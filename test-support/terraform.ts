import {
  SynthesizedStack,
  initOffline,
  planOffline,
  validate,
} from "../src/review/offline-terraform";
import { remoteStateDefaults } from "../src/review/remote-state-defaults";
import { overrideEnv } from "./env";
import { ownProvider } from "./emulator/provider-pool";

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

/**
 * Every terraform command of the calling test file attaches to one aws provider process started
 * for the file (TF_REATTACH_PROVIDERS, test-support/emulator/provider-pool.ts) instead of
 * starting the ~700 MB provider itself once or twice per command, at about 2 s of CPU each. For
 * files whose commands run one at a time (validate, offline plan and show through
 * src/review/offline-terraform): one process serves one command at a time. Terraform starting the
 * provider itself stays covered by the user's paths (`npm run plan`, `cdktf deploy`).
 */
export function attachOneProvider(): void {
  let provider: Awaited<ReturnType<typeof ownProvider>> | undefined;
  let restoreEnv: () => void = () => undefined;
  beforeAll(async () => {
    provider = await ownProvider(process.env);
    restoreEnv = overrideEnv({ TF_REATTACH_PROVIDERS: provider.reattach });
  });
  afterAll(async () => {
    restoreEnv();
    await provider?.stop();
  });
}
