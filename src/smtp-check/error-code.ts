/** The `code` (ENOTFOUND, ETIMEDOUT, …) and message of a Node.js network error, or of anything thrown. */
export function codeAndMessage(error: unknown): { code: string; message: string } {
  const { code = "", message = String(error) } = (error ?? {}) as {
    code?: string;
    message?: string;
  };
  return { code, message };
}
