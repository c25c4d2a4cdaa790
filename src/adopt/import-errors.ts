/**
 * Terraform's import errors in the configuration's terms. "Cannot import non-existent remote
 * object" names only the resource address (Terraform 1.11 gives an import error no source range,
 * and shows no comment); each import block the stacks emit carries the configuration path that
 * produced it (`"//": "adopted from smtpHubs[0].adopt.ingressRules[0]"`), so the address leads
 * back to the entry to correct.
 */

/** One import block of a synthesized stack. */
interface ImportBlock {
  readonly "//"?: string;
  readonly to: string;
  readonly id: string;
}

const COMMENT = /^adopted from (.+)$/;
const NON_EXISTENT =
  /Cannot import non-existent remote object[\s\S]*?import an existing object to "([^"]+)"/;

/**
 * The configuration path and id imported to `address` in `stackJson`, or undefined when the
 * stack has no such import block.
 */
export function adoptedAt(
  stackJson: { import?: ImportBlock[] },
  address: string,
): { path: string; id: string } | undefined {
  const block = (stackJson.import ?? []).find((b) => b.to === address);
  const path = COMMENT.exec(block?.["//"] ?? "")?.[1];
  return block && path ? { path, id: block.id } : undefined;
}

/**
 * `message` (one of Terraform's error diagnostics, summary and detail) with the configuration path
 * first when it is an import of a nonexistent object that an adopt entry asked for; any other
 * message is returned as it is.
 */
export function explainImportError(stackJson: { import?: ImportBlock[] }, message: string): string {
  const address = NON_EXISTENT.exec(message)?.[1];
  const adopted = address ? adoptedAt(stackJson, address) : undefined;
  if (!address || !adopted) return message;
  return `${adopted.path}: ${adopted.id} does not exist (in the account and region of the stack's provider), so Terraform cannot import it into ${address}: correct the id (npm run adopt finds it), or remove the entry to have the resource created.`;
}
