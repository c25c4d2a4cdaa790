/**
 * Pins what SmtpSession reads from nodemailer beyond its documented API (see its doc comment):
 * the EHLO capabilities, "greeted", the last command and reply (from the transactionLog transcript)
 * and the TLS facts (from `_socket`). If a nodemailer upgrade changes either, these fail here.
 */
import { connect } from "node:net";
import { SmtpSession } from "../../src/smtp-check/smtp-session";
import {
  createCertificate,
  startSmtpServer,
  TestCertificate,
  TestSmtpServer,
  HOST,
} from "../../test-support/smtp-server";

let certificate: TestCertificate;
let smtp: TestSmtpServer;
let session: SmtpSession;

beforeAll(async () => {
  certificate = createCertificate([HOST]);
  smtp = await startSmtpServer({ certificate, size: 1234 });
  const socket = connect({ host: "127.0.0.1", port: smtp.port });
  await new Promise((resolve) => socket.once("connect", resolve));
  const settings = {
    host: HOST,
    port: smtp.port,
    tlsMode: "starttls" as const,
    ca: certificate.cert,
  };
  session = new SmtpSession(socket, { ...settings, timeoutMs: 3000 });
  await session.open();
});

afterAll(async () => {
  await session.close();
  await smtp.close();
  certificate.remove();
});

test("capabilities() lists the EHLO reply after STARTTLS", () => {
  expect(session.capabilities()).toEqual(expect.arrayContaining(["AUTH PLAIN LOGIN", "SIZE 1234"]));
});

test("greeted(), lastCommand() and lastReply() follow the conversation", () => {
  expect([session.greeted(), session.lastCommand(), session.lastReply()]).toEqual([
    true,
    "EHLO",
    expect.stringMatching(/^250-/),
  ]);
});

test("tlsFacts() reads the verified TLS socket", () => {
  expect(session.tlsFacts()).toEqual(
    expect.objectContaining({
      protocol: expect.stringMatching(/^TLSv1\.[23]$/),
      subject: `DNS:${HOST}`,
    }),
  );
});
