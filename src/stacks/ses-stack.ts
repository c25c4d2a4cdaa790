import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { StateConfig } from "../config/schema";
import { stateBackend } from "./stack-setup";

/**
 * The base of this project's stacks: each has its own state backend, and they exchange values
 * only through explicit `terraform_remote_state` reads (stackOutputs), never through cdktf's
 * implicit cross-stack references. That lets synthesis skip cdktf's preparing resolve pass, which
 * exists only to discover implicit cross-stack references and costs a third of the synthesis time
 * of hundreds of stacks. A token from another stack used here would surface as an undeclared
 * reference in `terraform validate`.
 */
export abstract class SesStack extends TerraformStack {
  protected constructor(scope: Construct, name: string, state: StateConfig) {
    super(scope, name);
    stateBackend(this, name, state);
  }

  public prepareStack(): void {
    // Nothing to prepare: the backend is set in the constructor, and see the class comment.
  }
}
