import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { terraformName } from "./terraform-name";

export { terraformName } from "./terraform-name";

/** Resources and data sources: the elements that have a `type.name` address. */
type Addressable = TerraformResource | TerraformDataSource;

/** The addresses already given in each stack, with the construct path that holds each. */
const given = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * The address `named(element, ...parts)` gives a resource of class `type`
 * (`resourceAddress(IamRole, "ses")` is `aws_iam_role.ses`): how a construct exports the
 * addresses it creates.
 */
export function resourceAddress(
  type: { readonly tfResourceType: string },
  ...parts: readonly (string | number)[]
): string {
  return `${type.tfResourceType}.${terraformName(...parts)}`;
}

/** `type.name`, or `data.type.name` for a data source. */
function address(element: Addressable, name: string): string {
  const type = element.terraformResourceType;
  return TerraformDataSource.isTerraformDataSource(element)
    ? `data.${type}.${name}`
    : `${type}.${name}`;
}

/** The element's address in its stack, as Terraform shows it (`type.name` or `data.type.name`). */
export function addressOf(element: Addressable): string {
  return address(element, element.friendlyUniqueId);
}

/**
 * Gives `element` the address `<type>.<terraformName(parts)>` instead of cdktf's generated
 * `<path>_<hash>`, and returns it. Addresses are the state contract: a later rename needs a
 * `moved` block. Throws when another element of the same stack already has that address (cdktf
 * would otherwise merge the two silently), naming both constructs.
 */
export function named<T extends Addressable>(element: T, ...parts: (string | number)[]): T {
  const name = terraformName(...parts);
  const stack = TerraformStack.of(element);
  const taken = given.get(stack) ?? new Map<string, string>();
  given.set(stack, taken);
  const wanted = address(element, name);
  const holder = taken.get(wanted);
  if (holder !== undefined) {
    throw new Error(
      `Two resources of stack ${stack.node.id} would have the Terraform address ${wanted}: ${holder} and ${element.node.path}. Addresses come from names (accounts, configuration sets, destinations, applications, domains); make the names that form it differ.`,
    );
  }
  taken.set(wanted, element.node.path);
  element.overrideLogicalId(name);
  // cdktf keeps the first id it hands out: an attribute read before this call pinned the old one.
  if (element.friendlyUniqueId !== name) {
    throw new Error(
      `${element.node.path} must be named before any of its attributes is read; it keeps ${element.friendlyUniqueId}.`,
    );
  }
  return element;
}
