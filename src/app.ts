import { App } from "cdktf";
import type { SesConfig } from "./config/schema";
import { AccountStack } from "./stacks/account-stack";

/** Builds every stack the configuration describes into `app`. */
export function buildStacks(app: App, config: SesConfig): { accountStacks: AccountStack[] } {
  const accountStacks = config.accounts.map(
    (account) => new AccountStack(app, { account, state: config.state, tags: config.tags }),
  );
  return { accountStacks };
}
