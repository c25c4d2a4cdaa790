import type { SynthesizedStack } from "./offline-terraform";

/**
 * A stack that moves configuration sets from SES v1 to SESv2 (`fromV1`): its `import` blocks adopt
 * the v2 addresses and its `removed` blocks forget the v1 ones. An offline plan cannot make the
 * imports (the provider reads each object from AWS), so `npm run plan` says what the move will do,
 * and how to plan it, instead of planning the stack.
 */
export function v2MoveNote(stack: SynthesizedStack): string | undefined {
  const imports: { to: string; id: string }[] = stack.json.import ?? [];
  const forgets: { from: string }[] = stack.json.removed ?? [];
  const moved = imports.filter((i) => i.to.startsWith("aws_sesv2_configuration_set"));
  if (moved.length === 0 || forgets.length === 0 || moved.length !== imports.length)
    return undefined;
  const sets = moved
    .filter((i) => i.to.startsWith("aws_sesv2_configuration_set."))
    .map((i) => i.id)
    .join(", ");
  return [
    `it moves configuration set(s) ${sets} from SES v1 to SESv2 (fromV1):`,
    `${moved.length} import(s) (${moved.map((i) => `${i.to} <= ${i.id}`).join(", ")})`,
    `and ${forgets.length} forget(s) kept in AWS (${forgets.map((f) => f.from).join(", ")}), no create or delete of them;`,
    `an offline plan cannot read the objects it imports: plan it with credentials (npx cdktf diff ${stack.name}),`,
    `apply it, then remove fromV1 (docs/event-publishing-v2.md "Move a set from v1 to v2").`,
  ].join(" ");
}
