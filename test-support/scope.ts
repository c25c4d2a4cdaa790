import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { Construct } from "constructs";

/** Synthesizes what `build` adds to a test stack that has one aliased AWS provider. */
export function synthWithProvider(
  build: (scope: Construct, provider: AwsProvider) => void,
): string {
  return Testing.synthScope((scope) => {
    const provider = new AwsProvider(scope, "aws", { alias: "test", region: "us-east-1" });
    build(scope, provider);
  });
}

/** Parsed synthesized JSON, for assertions the matchers cannot express. */

export function parsed(synthesized: string): any {
  return JSON.parse(synthesized);
}

/** The only resource of `type` in synthesized JSON. */

export function only(synthesized: string, type: string): any {
  const all = Object.values(parsed(synthesized).resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}
