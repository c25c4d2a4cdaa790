/** An error whose `code` names the limit that was reached. */
export class TimeoutError extends Error {
  constructor(
    readonly code: string,
    readonly ms: number,
  ) {
    super(`no answer within ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/** Settles like `promise`, or rejects with a TimeoutError carrying `code` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, code: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(code, ms)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** `5 s`, `300 ms`, `1.5 s`: a limit as people read it. */
export function formatLimit(ms: number): string {
  return ms < 1000 || ms % 100 !== 0 ? `${ms} ms` : `${ms / 1000} s`;
}
