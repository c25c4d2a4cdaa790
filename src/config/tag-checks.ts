import { accountStackName, projectTags, smtpHubStackName } from "../private/stack-names";
import { RULES } from "../private/aws-facts";
import { Ctx, Loose, Path, issue, objects, valid } from "./check-helpers";
import { formatPath } from "./config-error";

/**
 * Tag limits counted the way AWS counts them: on the total a resource carries, which is the
 * top-level tags, the account's or hub's own tags (which win over top-level ones with the same
 * key), and the project's own (ManagedBy, Stack; the hub's EC2 resources also carry Name).
 */

/** AWS's tag quota per resource. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** EC2 allows shorter tags than the 128/256 elsewhere. */
export const EC2_TAG_LIMITS = { key: 127, value: 255 } as const;
/** The keys of the tags the project adds to every resource. */
const PROJECT_TAG_KEYS = Object.keys(projectTags(""));
/** The tag the SMTP hub's endpoint and security groups carry besides the default tags. */
const HUB_RESOURCE_TAG_KEYS = ["Name"];

interface Tag {
  readonly key: string;
  readonly value: unknown;
  readonly path: Path;
}

interface TaggedStack {
  /** `stack <name>`, or where the stack is configured when its name is invalid. */
  readonly stackName: string;
  /** Where the stack's own tags are, for a problem with the total. */
  readonly path: Path;
  readonly tags: Tag[];
  /** The stack holds IAM roles or users, whose tag keys IAM compares without case. */
  readonly iam: boolean;
  /** The stack holds EC2 resources (shorter tag limits). */
  readonly ec2: boolean;
  readonly resourceTagKeys: readonly string[];
}

function tagsAt(tags: unknown, path: Path): Tag[] {
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) return [];
  return Object.entries(tags).map(([key, value]) => ({ key, value, path: [...path, key] }));
}

/** Top-level tags, then the stack's own ones, which replace a top-level tag of the same key. */
function merged(top: Tag[], own: Tag[]): Tag[] {
  const byKey = new Map(top.map((tag) => [tag.key, tag]));
  for (const tag of own) byKey.set(tag.key, tag);
  return [...byKey.values()].filter((tag) => !PROJECT_TAG_KEYS.includes(tag.key));
}

function taggedStacks(config: Loose): TaggedStack[] {
  const top = tagsAt(config.tags, ["tags"]);
  const accounts = objects(config.accounts).map(([account, a]) => ({
    stackName: valid(RULES.accountName, account.name)
      ? `stack ${accountStackName(account.name)}`
      : `the stack of accounts[${a}]`,
    path: ["accounts", a, "tags"],
    tags: merged(top, tagsAt(account.tags, ["accounts", a, "tags"])),
    iam: true,
    ec2: false,
    resourceTagKeys: [],
  }));
  const hubs = objects(config.smtpHubs).map(([hub, h]) => ({
    stackName: valid(RULES.region, hub.region)
      ? `stack ${smtpHubStackName(hub.region)}`
      : `the stack of smtpHubs[${h}]`,
    path: ["smtpHubs", h, "tags"],
    tags: merged(top, tagsAt(hub.tags, ["smtpHubs", h, "tags"])),
    iam: false,
    ec2: true,
    resourceTagKeys: HUB_RESOURCE_TAG_KEYS,
  }));
  return [...accounts, ...hubs];
}

/** IAM refuses two tag keys that differ only in case, ours included. */
function caseCollisions(stack: TaggedStack, report: (path: Path, message: string) => void): void {
  const seen = new Map<string, string>(
    PROJECT_TAG_KEYS.map((key) => [key.toLowerCase(), `the project's tag ${key}`]),
  );
  for (const tag of stack.tags) {
    const other = seen.get(tag.key.toLowerCase());
    if (other === undefined) {
      seen.set(tag.key.toLowerCase(), `tag ${formatPath(tag.path)}`);
      continue;
    }
    report(
      tag.path,
      `must not differ only in case from ${other}: IAM compares tag keys without case, so the IAM roles and users of ${stack.stackName} would be refused`,
    );
  }
}

function ec2Lengths(stack: TaggedStack, report: (path: Path, message: string) => void): void {
  for (const tag of stack.tags) {
    const where = `it tags the EC2 resources of ${stack.stackName}, where AWS allows`;
    if (tag.key.length > EC2_TAG_LIMITS.key)
      report(
        tag.path,
        `key must be at most ${EC2_TAG_LIMITS.key} characters: ${where} ${EC2_TAG_LIMITS.key}`,
      );
    if (typeof tag.value === "string" && tag.value.length > EC2_TAG_LIMITS.value) {
      report(
        tag.path,
        `value must be at most ${EC2_TAG_LIMITS.value} characters: ${where} ${EC2_TAG_LIMITS.value}; it has ${tag.value.length}`,
      );
    }
  }
}

function count(stack: TaggedStack): number {
  const keys = new Set([
    ...stack.tags.map((tag) => tag.key),
    ...PROJECT_TAG_KEYS,
    ...stack.resourceTagKeys,
  ]);
  return keys.size;
}

/** The tag checks; see the module comment. Each problem is reported once, however many stacks share it. */
export function checkTags(ctx: Ctx, config: Loose): void {
  const reported = new Set<string>();
  const report = (path: Path, message: string) => {
    const key = `${formatPath(path)} ${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    issue(ctx, path, message);
  };
  for (const stack of taggedStacks(config)) {
    if (stack.iam) caseCollisions(stack, report);
    if (stack.ec2) ec2Lengths(stack, report);
    const total = count(stack);
    if (total > MAX_TAGS_PER_RESOURCE) {
      report(
        stack.path,
        `must leave room under AWS's ${MAX_TAGS_PER_RESOURCE} tags per resource: with the top-level tags and the project's own (${[...PROJECT_TAG_KEYS, ...stack.resourceTagKeys].join(", ")}), the resources of ${stack.stackName} would carry ${total}`,
      );
    }
  }
}
