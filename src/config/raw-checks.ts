import { walkStrings } from "./check-helpers";
import { ConfigProblem, formatPath } from "./config-error";
import { arnShapeProblems } from "./arn-checks";

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

/**
 * Every key and string value of `input` that Terraform would read as a template, in file order,
 * then every ARN whose resource part has the wrong shape (arn-checks.ts).
 */
export function rawProblems(input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  walkStrings(input, [], (text, path, isKey) => {
    if (!TEMPLATE_SEQUENCE.test(text)) return;
    problems.push(
      isKey
        ? { path: formatPath(path()), message: `key ${STRINGS_ARE_DATA_MESSAGE}` }
        : { path: formatPath(path()), message: STRINGS_ARE_DATA_MESSAGE, value: text },
    );
  });
  const refused = new Set(problems.map((problem) => problem.path));
  return [...problems, ...arnShapeProblems(input).filter((p) => !refused.has(p.path))];
}
