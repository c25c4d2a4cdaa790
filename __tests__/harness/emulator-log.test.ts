/**
 * A Terraform run that fails against the emulator quotes its log (test-support/emulator/emulator.ts
 * `failureLog`): every refused or failed request (but for a REST read's 404, how waiters see
 * something is gone), every call an SDK sent again, and every other line (tracebacks), then the
 * last lines. The request lines are moto_ext/request_log.py's; api-emulator.e2e.test.ts checks the
 * running emulator writes them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failureLog } from "../../test-support/emulator/emulator";

const LOG = [
  "WARNING: This is a development server. Do not use it in a production deployment.",
  " * Running on http://127.0.0.1:40000",
  "Press CTRL+C to quit",
  "15:13:01 CreateRole 200 0.05s",
  "15:13:02 CreateConfigurationSetEventDestination 200 0.01s",
  "Traceback (most recent call last):",
  '  File "moto/core/responses.py", line 1, in dispatch',
  "15:13:02 CreateConfigurationSetEventDestination 400 0.02s attempt 2",
  "15:13:03 GET /ses-events?lifecycle= 200 0.01s",
  "15:13:03 HEAD /ses-events 404 0.01s",
  "15:13:04 AssumeRole 200 0.00s attempt 2 (first answer repeated)",
  "15:13:04 GetCallerIdentity 200 0.00s",
  "15:13:04 PutRecord 500 0.30s",
  "15:13:05 GET /ses-events?lifecycle= 200 0.01s",
];

test("quotes refused, failed and retried requests and tracebacks, then the last lines; not a REST read's 404", () => {
  const file = join(mkdtempSync(join(tmpdir(), "emulator-log-")), "moto.log");
  writeFileSync(file, LOG.join("\n"));
  expect(failureLog(file, 2).split("\n")).toEqual([
    "failed or retried requests and other lines:",
    "Traceback (most recent call last):",
    '  File "moto/core/responses.py", line 1, in dispatch',
    "15:13:02 CreateConfigurationSetEventDestination 400 0.02s attempt 2",
    "15:13:04 AssumeRole 200 0.00s attempt 2 (first answer repeated)",
    "15:13:04 PutRecord 500 0.30s",
    "last lines:",
    "15:13:04 PutRecord 500 0.30s",
    "15:13:05 GET /ses-events?lifecycle= 200 0.01s",
  ]);
});
