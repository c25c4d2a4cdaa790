/**
 * Several addresses, each failing its own way: every failure kind keeps its own cause (a refusal is
 * not a drop) in the step's cause, in each address's result, in the plain lines and in --json.
 */
import { connect, Socket } from "node:net";
import { API_SERVICE, SMTP_SERVICE } from "../../src/smtp-check/checked-service";
import { combineEndpoints, failed, passed } from "../../src/smtp-check/step-result";
import { diagnoseConnectError } from "../../src/smtp-check/tcp-step";
import { refusedPort, resolveTo, runCli, startSilentServer } from "../../test-support/smtp-server";

const REFUSED = "127.0.0.2";
const DROPPED = "127.0.0.3";
const LISTENING = "127.0.0.1";

/** 127.0.0.1 connects to a listening server, REFUSED to a closed port, DROPPED never answers. */
const connector =
  (listening: number, closed: number) =>
  ({ address }: { address: string }): Socket => {
    if (address === DROPPED) return new Socket();
    return connect({ host: "127.0.0.1", port: address === REFUSED ? closed : listening });
  };

const REFUSAL =
  /the address answered but nothing listens on port \d+ there: the port is wrong, or the address is not the SES endpoint's/;
const DROP = /share its security group, yet .* did not connect/;

describe("one address refuses while another answers", () => {
  let out: string;
  let json: any;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const silent = await startSilentServer();
    close = silent.close;
    const closed = await refusedPort();
    const argv = ["--host", "email-smtp.us-east-1.amazonaws.com", "--port", "587"];
    const deps = {
      resolver: resolveTo(LISTENING, REFUSED),
      connector: connector(silent.port, closed),
    };
    const plain = await runCli(
      [...argv, "--connect-timeout", "0.3", "--smtp-timeout", "0.3"],
      {},
      deps,
    );
    out = plain.out.join("\n");
    const asJson = await runCli(
      [...argv, "--connect-timeout", "0.3", "--smtp-timeout", "0.3", "--json"],
      {},
      deps,
    );
    json = JSON.parse(asJson.out.join("\n"));
  });
  afterAll(() => close());

  test("the step's cause is the refusal's, not the drop explanation, in the plain lines", () => {
    expect(out).toMatch(new RegExp(`cause: ${REFUSAL.source}`));
    expect(out).not.toMatch(DROP);
  });

  test("--json says the same: step cause and the address's own cause", () => {
    const tcp = json.steps.find((s: any) => s.name === "tcp");
    expect(tcp.cause).toMatch(REFUSAL);
    expect(tcp.cause).not.toMatch(DROP);
    expect(tcp.endpoints.find((e: any) => e.endpoint.startsWith(REFUSED)).cause).toMatch(REFUSAL);
  });

  test("the plain lines show each failing address's own cause under it", () => {
    const lines = out.split("\n");
    const at = lines.findIndex((l) => l.includes(`FAIL ${REFUSED}:587`));
    expect(lines[at + 1]).toMatch(new RegExp(`^ +cause: ${REFUSAL.source}`));
  });
});

describe("combineEndpoints, by kind", () => {
  const endpoint = { address: "10.0.1.5", port: 587 };
  const refusal = diagnoseConnectError({ code: "ECONNREFUSED" }, endpoint, 300, SMTP_SERVICE);
  const drop = diagnoseConnectError({ code: "ETIMEDOUT" }, endpoint, 300, SMTP_SERVICE);
  const partial = {
    kinds: ["dropped"],
    cause: () => "per-subnet difference",
    fix: () => "fix the subnet",
  };

  test("a refusal's fix names the checked service's ports", () => {
    const api = { address: "10.0.1.5", port: 587 };
    const apiRefusal = diagnoseConnectError({ code: "ECONNREFUSED" }, api, 300, API_SERVICE);
    expect([refusal.fix, apiRefusal.fix]).toEqual([
      "use one of the SES SMTP ports 25, 465, 587, 2465, 2587, and check that the name resolves to the endpoint's addresses",
      "use the SES API port 443, and check that the name resolves to the endpoint's addresses",
    ]);
  });

  test("the TCP diagnoses carry their kind", () => {
    expect([refusal.kind, drop.kind]).toEqual(["refused", "dropped"]);
  });

  test("a drop beside a passing address takes the partial diagnosis", () => {
    const combined = combineEndpoints(
      [
        { endpoint: "a:587", outcome: passed("ok") },
        { endpoint: "b:587", outcome: drop },
      ],
      partial,
    );
    expect(combined.cause).toBe("per-subnet difference");
  });

  test("a refusal and a drop beside a passing address: each with its own cause", () => {
    const combined = combineEndpoints(
      [
        { endpoint: "a:587", outcome: passed("ok") },
        { endpoint: "b:587", outcome: refusal },
        { endpoint: "c:587", outcome: drop },
      ],
      partial,
    );
    expect(combined.cause).toBe(`b:587: ${refusal.cause}; c:587: per-subnet difference`);
    expect(combined.fix).toBe(`b:587: ${refusal.fix}; c:587: fix the subnet`);
  });

  test("every address failing, in two ways: both causes, not only the first", () => {
    const combined = combineEndpoints(
      [
        { endpoint: "b:587", outcome: refusal },
        { endpoint: "c:587", outcome: drop },
      ],
      partial,
    );
    expect(combined.cause).toBe(`b:587: ${refusal.cause}; c:587: ${drop.cause}`);
  });

  test("every address failing alike: that one cause, as before", () => {
    const other = failed("x", "same cause", "same fix");
    const combined = combineEndpoints(
      [
        { endpoint: "b:587", outcome: other },
        { endpoint: "c:587", outcome: other },
      ],
      partial,
    );
    expect([combined.cause, combined.fix]).toEqual(["same cause", "same fix"]);
  });
});
