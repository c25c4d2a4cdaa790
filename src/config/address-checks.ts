import { terraformName } from "../private/terraform-name";
import { show } from "../private/show";
import { Ctx, Loose, Path, issue, objects, strings } from "./check-helpers";
import { formatPath } from "./config-error";

/**
 * Terraform addresses come from names (STYLE: the address a person would write in HCL): parts
 * joined by `_`, every character but letters, digits, `_` and `-` turned into `-`. Two names can
 * make one address (applications `app.one` and `app-one`; destinations `to_firehose` of set
 * `transactional` and `firehose` of set `transactional_to`; one alarm address listed twice), and
 * the stack could not be built. Each family of names an account's stack derives addresses from
 * is checked here, with the path of the second name.
 */

interface Named {
  /** The parts the address is made of, as the constructs pass them. */
  readonly parts: string[];
  readonly path: Path;
}

interface Family {
  /** The resource type whose addresses the names make. */
  readonly type: string;
  /** Equal names are another check's problem (a repeated name), not reported again here. */
  readonly repeatsReportedElsewhere: boolean;
  readonly names: (account: Loose, path: Path) => Named[];
}

const FAMILIES: Family[] = [
  {
    type: "aws_ses_event_destination",
    repeatsReportedElsewhere: true,
    names: (account, path) => {
      const publishing = (account.eventPublishing ?? {}) as Loose;
      return objects(publishing.configurationSets).flatMap(([set, s]) =>
        objects(set.eventDestinations).flatMap(([destination, d]) =>
          typeof set.name === "string" && typeof destination.name === "string"
            ? [
                {
                  parts: [set.name, destination.name],
                  path: [
                    ...path,
                    "eventPublishing",
                    "configurationSets",
                    s,
                    "eventDestinations",
                    d,
                    "name",
                  ],
                },
              ]
            : [],
        ),
      );
    },
  },
  {
    type: "aws_iam_user",
    repeatsReportedElsewhere: true,
    names: (account, path) =>
      objects(((account.sending ?? {}) as Loose).applications).flatMap(([app, i]) =>
        typeof app.name === "string"
          ? [{ parts: [app.name], path: [...path, "sending", "applications", i, "name"] }]
          : [],
      ),
  },
  {
    type: "aws_sns_topic_subscription",
    repeatsReportedElsewhere: false,
    names: (account, path) => {
      const alarms = (((account.sending ?? {}) as Loose).alarms ?? {}) as Loose;
      return strings(alarms.emailSubscriptions).map(([address, i]) => ({
        parts: [address],
        path: [...path, "sending", "alarms", "emailSubscriptions", i],
      }));
    },
  },
];

function checkFamily(ctx: Ctx, family: Family, names: Named[]): void {
  const first = new Map<string, Named>();
  for (const named of names) {
    const address = `${family.type}.${terraformName(...named.parts)}`;
    const owner = first.get(address);
    if (!owner) {
      first.set(address, named);
      continue;
    }
    const same = owner.parts.join("\n") === named.parts.join("\n");
    if (same && family.repeatsReportedElsewhere) continue;
    const value = named.parts[named.parts.length - 1];
    issue(
      ctx,
      named.path,
      same
        ? `must be listed once; ${show(value)} is already at ${formatPath(owner.path)}`
        : `must give its resource a Terraform address of its own; ${show(value)} makes ${address}, as ${formatPath(owner.path)} does (addresses keep letters, digits, _ and -, turn any other character into -, and join names with _)`,
    );
  }
}

/** The address checks of every account; see the module comment. */
export function checkAddresses(ctx: Ctx, config: Loose): void {
  for (const [account, a] of objects(config.accounts)) {
    for (const family of FAMILIES) checkFamily(ctx, family, family.names(account, ["accounts", a]));
  }
}
