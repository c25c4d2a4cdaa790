/**
 * The Terraform name a person would write in HCL, from stable names (account, configuration set,
 * destination, application, CIDR, port): parts joined by `_`, each part keeping its own dashes and
 * underscores; any other character becomes `-`, and a name that would not start with a letter or
 * `_` gets a leading `_` (Terraform's identifier rule).
 */
export function terraformName(...parts: readonly (string | number)[]): string {
  const name = parts.map((part) => String(part).replace(/[^A-Za-z0-9_-]/g, "-")).join("_");
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}
