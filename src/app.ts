import { App } from "cdktf";
import type { SesConfig } from "./config/schema";
import { AccountStack } from "./stacks/account-stack";
import { SmtpHubStack } from "./stacks/smtp-hub-stack";

/** Every stack the configuration describes. */
export interface SesStacks {
  /** One per SMTP hub, by region. */
  readonly hubStacks: Map<string, SmtpHubStack>;
  /** One per account. */
  readonly accountStacks: AccountStack[];
}

/**
 * Builds every stack into `app`: a hub stack per region with one provider, and an account stack
 * per account with one provider. Scale is in the number of stacks, never in providers per stack.
 */
export function buildStacks(app: App, config: SesConfig): SesStacks {
  const hubStacks = new Map(
    config.smtpHubs.map((hub, i) => {
      const clients = config.accounts.filter((a) => a.smtp && a.region === hub.region);
      const configPath = `smtpHubs[${i}]`;
      return [
        hub.region,
        new SmtpHubStack(app, { hub, clients, state: config.state, tags: config.tags, configPath }),
      ];
    }),
  );
  const accountStacks = config.accounts.map(
    (account, i) =>
      new AccountStack(app, {
        account,
        state: config.state,
        tags: config.tags,
        smtpHub: account.smtp ? hubStacks.get(account.region) : undefined,
        configPath: `accounts[${i}]`,
      }),
  );
  return { hubStacks, accountStacks };
}
