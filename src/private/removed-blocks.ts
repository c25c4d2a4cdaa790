import { TerraformStack } from "cdktf";
import { Construct } from "constructs";

/** The addresses each stack forgets, in the order they were given. */
const forgotten = new WeakMap<TerraformStack, string[]>();

/**
 * Adds a Terraform `removed` block with `lifecycle { destroy = false }` for `address` to the stack
 * of `scope`: Terraform drops the object from its state and leaves it in AWS. cdktf 0.21 has no
 * construct for `removed`, so the blocks go through the stack's escape hatch, all of them at once
 * (one override per stack holds the whole list). An address no longer in the state is a no-op.
 */
export function forget(scope: Construct, address: string): void {
  const stack = TerraformStack.of(scope);
  const addresses = forgotten.get(stack) ?? [];
  forgotten.set(stack, addresses);
  if (addresses.includes(address)) return;
  addresses.push(address);
  stack.addOverride(
    "removed",
    [...addresses].sort().map((from) => ({ from, lifecycle: { destroy: false } })),
  );
}
