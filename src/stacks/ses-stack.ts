import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { StateConfig } from "../config/schema";
import { Adoption, importAdopted } from "./adoption";
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

  /** Configuration path of each adopted resource, by address (see `adopt`). */
  private readonly adoptedPaths = new Map<string, string>();

  public prepareStack(): void {
    // Nothing to prepare: the backend is set in the constructor, and see the class comment.
  }

  /** Imports what the configuration's `adopt` section names (see adoption.ts). */
  protected adopt(provider: AwsProvider, adoptions: readonly Adoption[]): void {
    for (const [address, path] of importAdopted(this, provider, adoptions))
      this.adoptedPaths.set(address, path);
  }

  /** The stack's JSON; each import block starts with a `//` comment naming its configuration path. */
  public toTerraform(): Record<string, unknown> {
    const json = super.toTerraform() as { import?: { to: string }[] };
    json.import = json.import?.map((block) => {
      const path = this.adoptedPaths.get(block.to);
      return path ? { "//": `adopted from ${path}`, ...block } : block;
    });
    return json;
  }
}
