import type { ConfigProblem } from "./config-error";
import { formatPath } from "./config-error";

/**
 * Checks of the parsed file before the schema sees it, over every key and string wherever it is,
 * so a field added to the schema later is covered without being listed here.
 *
 * Configuration strings are data: Terraform evaluates `${…}` and `%{…}` in any string of its JSON
 * (and cdktf resolves `${TfToken[…]}`), so a value such as `${file("/etc/hostname")}` in a log
 * stream name would make whoever plans read a file of their machine into a resource. No field
 * needs either sequence (AWS's own patterns for names, ARNs, prefixes and tags exclude `$` and
 * `%{`, and Firehose's expressions are `!{…}`), so they are refused rather than escaped.
 */

/** The sequences that start a Terraform template expression or directive. */
const TEMPLATE_SEQUENCE = /[$%]\{/;

export const STRINGS_ARE_DATA_MESSAGE =
  'must not contain "${" or "%{" (Terraform would evaluate it as an expression; configuration strings are data)';

/** A path as a chain to its parent, so a deep walk does not copy paths. */
interface PathNode {
  readonly parent?: PathNode;
  readonly key: PropertyKey;
}

function pathOf(node: PathNode | undefined): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (let n = node; n; n = n.parent) keys.unshift(n.key);
  return keys;
}

/**
 * Every key and string value of `input` that Terraform would read as a template, with its path, in
 * the file's order. The walk is iterative, so a deeply nested file cannot overflow the stack.
 */
export function rawProblems(input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const pending: [unknown, PathNode | undefined][] = [[input, undefined]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, node] = next;
    if (typeof node?.key === "string" && TEMPLATE_SEQUENCE.test(node.key))
      problems.push({ path: formatPath(pathOf(node)), message: `key ${STRINGS_ARE_DATA_MESSAGE}` });
    if (typeof value === "string" && TEMPLATE_SEQUENCE.test(value)) {
      problems.push({ path: formatPath(pathOf(node)), message: STRINGS_ARE_DATA_MESSAGE, value });
    } else if (typeof value === "object" && value !== null) {
      const children = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
      for (const [key, item] of children.reverse()) pending.push([item, { parent: node, key }]);
    }
  }
  return problems;
}
