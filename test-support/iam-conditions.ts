/**
 * IAM's evaluation of a statement's Condition block for the operators the generated policies use
 * (IAM User Guide, "IAM JSON policy elements: Condition operators" and "Condition keys with
 * multiple values"), so a test can ask what a condition allows. Another operator is an error, not
 * a guess.
 */
import type { PolicyCondition } from "../src/deploy-policy/permissions";

/** The request's context: each key with its values (a key that is absent is not listed). */
export type RequestContext = Record<string, string[]>;

function operatorHolds(operator: string, key: string, allowed: string[], ctx: RequestContext) {
  const values = ctx[key];
  switch (operator) {
    case "StringEquals":
      // A single-valued key: absent never matches.
      return values !== undefined && values.some((v) => allowed.includes(v));
    case "ForAllValues:StringEquals":
      // True when every value of the request is allowed, and so also when there is none.
      return (values ?? []).every((v) => allowed.includes(v));
    case "Null":
      // "true": the key must be absent; "false": present.
      return allowed.every((a) => (a === "true") === (values === undefined));
    default:
      throw new Error(`condition operator ${operator} is not evaluated here`);
  }
}

/** Whether every operator's every key holds for the request (IAM ANDs them all). */
export function conditionHolds(condition: PolicyCondition, ctx: RequestContext): boolean {
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, allowed]) => operatorHolds(operator, key, allowed, ctx)),
  );
}
