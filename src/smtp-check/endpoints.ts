import { EndpointResult, failed, passed, StepOutcome } from "./step-result";

/** One address's outcome of a TCP or TLS step. */
export interface EndpointOutcome {
  /** `address:port`. */
  readonly endpoint: string;
  readonly outcome: StepOutcome;
}

/** What a step says when some addresses pass and others fail. */
export interface PartialFailure {
  readonly cause: (failing: readonly string[]) => string;
  readonly fix: (failing: readonly string[]) => string;
}

const listed = (results: readonly EndpointOutcome[]) => results.map((r) => r.endpoint).join(", ");

function endpointResult({ endpoint, outcome }: EndpointOutcome): EndpointResult {
  const { status, detail, cause, fix } = outcome;
  return { endpoint, status, detail, ...(cause ? { cause, fix } : {}) };
}

/**
 * One step outcome from every address's: a single address's outcome as it is; several that all
 * pass, or all fail, summarised; a mix fails with the step's own partial-failure diagnosis, since
 * clients pick an address at random and some of their connections fail.
 */
export function combineEndpoints(
  results: readonly EndpointOutcome[],
  partial: PartialFailure,
): StepOutcome {
  if (results.length === 1) return results[0].outcome;
  const endpoints = results.map(endpointResult);
  const failing = results.filter((r) => r.outcome.status === "fail");
  const passing = results.filter((r) => r.outcome.status === "pass");
  if (failing.length === 0) {
    return { ...passed(`all ${results.length} addresses passed: ${listed(results)}`), endpoints };
  }
  if (passing.length === 0) {
    const { cause = "", fix = "" } = failing[0].outcome;
    const detail = `all ${results.length} addresses failed: ${listed(results)}`;
    return { ...failed(detail, cause, fix), endpoints };
  }
  const names = failing.map((r) => r.endpoint);
  const detail = `${failing.length} of ${results.length} addresses failed: ${listed(failing)} (passed: ${listed(passing)})`;
  return { ...failed(detail, partial.cause(names), partial.fix(names)), endpoints };
}
