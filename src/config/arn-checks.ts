import { splitArn } from "../private/arn";
import { ARN_RESOURCE_SHAPES } from "../private/aws-facts";
import { walkStrings } from "./check-helpers";
import { ConfigProblem, formatPath } from "./config-error";

/**
 * Every ARN in the file, whatever field holds it, has the resource part its service and type
 * take (ARN_RESOURCE_SHAPES): `arn:aws:kms:…:key/ses-events` names an alias where a key id
 * belongs, and would land in every policy and resource that uses the key. The fields' own
 * patterns say which service and type they take; this says what the id after the type looks
 * like, so a field added later is covered without being listed. Tags are data and not read.
 */

/** Why `text`'s resource part does not fit its type (a phrase completing "must be …"), or undefined. */
export function arnShapeProblem(text: string): string | undefined {
  const arn = splitArn(text);
  if (!arn) return undefined;
  const { service, resource } = arn;
  const slash = resource.indexOf("/");
  const type = slash < 0 ? "" : resource.slice(0, slash);
  const shape = ARN_RESOURCE_SHAPES[service]?.[type];
  if (!shape || shape.pattern.test(resource)) return undefined;
  return `an ARN whose resource part is ${shape.allowed}`;
}

/** The ARN shape problems of the parsed file, in file order (see the module comment). */
export function arnShapeProblems(input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  walkStrings(input, [], (text, path, isKey) => {
    if (isKey || !text.startsWith("arn:")) return;
    const at = path();
    if (at.includes("tags")) return;
    const problem = arnShapeProblem(text);
    if (problem)
      problems.push({ path: formatPath(at), message: `must be ${problem}`, value: text });
  });
  return problems;
}
