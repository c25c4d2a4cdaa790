/**
 * A user name that is not shaped like an access key id may be a password in the wrong variable:
 * it must not appear, in clear or in base64, in the step lines, the transcript, --json or errors.
 */
import { secretMasker } from "../../src/smtp-check/auth-step";
import {
  createCertificate,
  CliRun,
  resolveTo,
  runCli,
  startSmtpServer,
  TestCertificate,
  TestSmtpServer,
  HOST,
  PASSWORD,
} from "../../test-support/smtp-server";

/** A long user name, and short ones: masking has no length exception. */
const SECRET_USERS = ["grafana-mailer-01", "ops", "q7"];

let certificate: TestCertificate;
let smtp: TestSmtpServer;

beforeAll(async () => {
  certificate = createCertificate([HOST]);
  smtp = await startSmtpServer({
    certificate,
    users: Object.fromEntries(SECRET_USERS.map((user) => [user, PASSWORD])),
  });
});

afterAll(async () => {
  await smtp.close();
  certificate.remove();
});

describe.each(SECRET_USERS)("a user name that is not an access key id (%p)", (SECRET_USER) => {
  const LEAKS = [SECRET_USER, Buffer.from(SECRET_USER).toString("base64")];
  const length = `${SECRET_USER.length} characters, not shown`;
  const argv = (...more: string[]) => [
    ...["--host", HOST, "--port", String(smtp.port), "--tls", "starttls"],
    ...["--ca-file", certificate.certFile, "--user", SECRET_USER, "--verbose"],
    ...["--from", "sender@example.com", "--to", "success@simulator.amazonses.com"],
    ...more,
  ];

  function run(password: string, ...more: string[]): Promise<CliRun> {
    return runCli(argv(...more), { SMTP_PASSWORD: password }, { resolver: resolveTo("127.0.0.1") });
  }

  const printed = (result: CliRun) => [...result.out, ...result.err].join("\n");
  /** The secret as a word of its own (a short one may be part of longer, harmless words). */
  const leaks = (result: CliRun) =>
    LEAKS.filter((secret) =>
      new RegExp(`(^|[^A-Za-z0-9])${secret.replace(/[+=]/g, "\\$&")}($|[^A-Za-z0-9])`).test(
        printed(result),
      ),
    );

  /** One accepted run, for the three tests that read it. */
  let accepted: Promise<CliRun> | undefined;
  const acceptedRun = () => (accepted ??= run(PASSWORD));

  test("the server did receive it (the check really authenticated with it)", async () => {
    const result = await acceptedRun();
    expect([result.code, smtp.messages.at(-1)?.user]).toEqual([0, SECRET_USER]);
  });

  test("step lines show its length instead", async () => {
    const result = await acceptedRun();
    expect([leaks(result), printed(result)]).toEqual([
      [],
      expect.stringMatching(new RegExp(`\\.\\.\\. {2}auth +AUTH LOGIN as ${length}\n`)),
    ]);
  });

  test("the transcript masks it, plain and base64", async () => {
    const result = await acceptedRun();
    expect([leaks(result), printed(result)]).toEqual([
      [],
      expect.stringContaining(`\n  C: <user name, ${length}>\n`),
    ]);
  });

  test("--json (which always carries the transcript) masks it", async () => {
    const result = await run(PASSWORD, "--json");
    const json = JSON.parse(result.out.join("\n"));
    expect([leaks(result), json.transcript.length > 5]).toEqual([[], true]);
  });

  test("a rejected AUTH names it by length only, in the lines and in --json", async () => {
    const [plain, json] = await Promise.all([run("B".repeat(44)), run("B".repeat(44), "--json")]);
    expect([plain.code, leaks(plain), json.code, leaks(json)]).toEqual([13, [], 13, []]);
  });

  test("a usage error names it by length only", async () => {
    const result = await runCli(["--region", "us-east-1", "--user", SECRET_USER]);
    expect([result.code, result.err[0], leaks(result)]).toEqual([
      2,
      `smtp-check: --user (${length}): needs a password: set SMTP_PASSWORD (or pass --password)`,
      [],
    ]);
  });
});

describe("secretMasker", () => {
  const mask = secretMasker({ username: "ops", password: "pw" });

  test("masks secrets of any length, plain and base64, wherever they stand alone", () => {
    expect(mask(`C: ops\nC: ${Buffer.from("ops").toString("base64")}\n"pw" (pw)`)).toBe(
      'C: <user name, 3 characters, not shown>\nC: <user name, 3 characters, not shown>\n"<password, not shown>" (<password, not shown>)',
    );
  });

  test("leaves words that merely contain a short secret readable", () => {
    expect(mask("stops: the pwd")).toBe("stops: the pwd");
  });
});
