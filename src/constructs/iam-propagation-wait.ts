import { DataResource, ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { named } from "../private/addresses";

/**
 * A `terraform_data` resource that sleeps after an IAM role or policy changes, so resources that
 * check the role once (the SES v1 event destination does, without retrying) see it propagated.
 * It runs after `after` (the role and its policy: the triggers hold no references, so they give
 * no order) and re-runs only when `triggers` change. Uses Terraform's built-in `local-exec` provisioner
 * (`sleep` on the machine that runs `terraform apply`); returns undefined when `seconds` is 0.
 * Its address is `terraform_data.<terraformName>`.
 */
export function iamPropagationWait(
  scope: Construct,
  id: string,
  terraformName: string,
  seconds: number,
  triggers: Record<string, string>,
  after: ITerraformDependable[],
): DataResource | undefined {
  if (seconds === 0) return undefined;
  const wait = new DataResource(scope, id, {
    triggersReplace: triggers,
    dependsOn: after,
    provisioners: [{ type: "local-exec", command: `sleep ${seconds}` }],
  });
  return named(wait, terraformName);
}
