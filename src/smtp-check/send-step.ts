/**
 * The send step: the test message with SES's headers, its delivery, and the follow-up commands
 * that show its events.
 */
import MailComposer from "nodemailer/lib/mail-composer";
import { DEFAULT_S3_PREFIX, DEFAULT_TAGS, MessageTag, TestMessageOptions } from "./options";
import { RejectedRecipient, rejectedRecipients, SmtpError, SmtpSession } from "./smtp-session";
import { failed, passed, StepOutcome } from "./step-result";

export interface SendSettings {
  /** Envelope, SES headers and follow-up details. @default none (required) */
  readonly message: TestMessageOptions;
  /** Host, named in the message. @default none (required) */
  readonly host: string;
  /** Port, named in the message. @default none (required) */
  readonly port: number;
  /** SES region for the CloudWatch command. @default none (`<region>` is printed) */
  readonly region?: string;
  /** Time of the send: the message's date and the commands' time range. @default none (required) */
  readonly sentAt: Date;
  /** AUTH LOGIN succeeded earlier in this session. @default false */
  readonly authenticated?: boolean;
}

/** What the send step knows of the message and the server's limits. */
interface SendFacts {
  /** Size of the message in bytes. */
  readonly bytes: number;
  /** The SIZE the server advertised in EHLO, if any (0: no limit). */
  readonly sizeLimit?: number;
}

export interface SendResult {
  readonly outcome: StepOutcome;
  readonly followUp?: FollowUp;
}

type Rule = { test: RegExp; cause: (s: SendSettings) => string; fix: (s: SendSettings) => string };

const where = (s: SendSettings) => s.region ?? "this region";

/** What SES's rejection texts mean, most specific first. */
const RULES: readonly Rule[] = [
  {
    test: /configuration set.*does not exist/i,
    cause: (s) =>
      `configuration set ${s.message.configurationSet} does not exist in this account in ${where(s)}`,
    fix: () => "deploy it (this project's configuration), or fix --configuration-set",
  },
  {
    test: /not verified/i,
    cause: (s) =>
      `SES has not verified the sender ${s.message.from} in ${where(s)}, or the account is in the sandbox and a recipient is not verified`,
    fix: () =>
      "verify the sender's domain or address in this region; in the sandbox send to a verified address or to success@simulator.amazonses.com",
  },
  {
    test: /not authorized|access denied/i,
    cause: () =>
      "the IAM user behind the SMTP credentials may not send (ses:SendRawEmail is missing or denied)",
    fix: () => "allow ses:SendRawEmail for the SMTP user on the identity and the configuration set",
  },
  {
    test: /paused|suspended|disabled/i,
    cause: () => "sending is paused for the account or for the configuration set",
    fix: () => "check `aws sesv2 get-account` and the configuration set's sending options",
  },
  {
    test: /quota|rate exceeded|throttl/i,
    cause: () => "the account is over its sending quota or rate",
    fix: () => "wait, or request a higher quota",
  },
  {
    test: /tag/i,
    cause: () => "SES rejected the X-SES-MESSAGE-TAGS header",
    fix: () => "use tag names and values of ASCII letters, digits, _ and -",
  },
];

const listRejected = (rejected: readonly RejectedRecipient[]) =>
  rejected.map((r) => `${r.recipient}: ${r.response}`).join("; ");

function unauthenticated(settings: SendSettings): { cause: string; fix: string } {
  if (settings.authenticated) {
    return {
      cause:
        "the server wants authentication although AUTH LOGIN succeeded in this very session: whatever answered AUTH is not what takes the mail (a relay or proxy that authenticates on its own and forwards unauthenticated), or the server requires a TLS or AUTH setup that this session does not meet",
      fix: "check the relay's own SES credentials, or connect straight to the endpoint (without --connect-to) to compare",
    };
  }
  return {
    cause: "SES accepts mail only from an authenticated session",
    fix: "pass credentials (--user with SMTP_PASSWORD, or --secret-id)",
  };
}

function tooLarge(facts: SendFacts): { cause: string; fix: string } {
  const { bytes, sizeLimit } = facts;
  if (sizeLimit && bytes > sizeLimit) {
    return {
      cause: `the message has ${bytes} bytes, more than the ${sizeLimit} bytes the server advertised in EHLO (SIZE)`,
      fix: "send a smaller message",
    };
  }
  const advertised = sizeLimit
    ? `within the ${sizeLimit} bytes the server advertised (SIZE)`
    : "and the server advertised no SIZE limit";
  return {
    cause: `the message has ${bytes} bytes, ${advertised}, so the limit that refused it is another one: a relay on the way with a lower limit, or a recipient's mailbox that is full (552 also means "storage exceeded")`,
    fix: "read the reply; check the message size limit of any relay between this machine and SES",
  };
}

/** Diagnoses by reply code first (530, 552), then by SES's known reply texts. */
function knownRefusal(
  error: SmtpError,
  settings: SendSettings,
  facts: SendFacts,
): { cause: string; fix: string } | undefined {
  if (error.responseCode === 530) return unauthenticated(settings);
  if (error.responseCode === 552) return tooLarge(facts);
  const reply = error.response ?? "";
  const rule = RULES.find((r) => r.test.test(reply));
  return rule && { cause: rule.cause(settings), fix: rule.fix(settings) };
}

/** Why SES refused the message, from its reply. */
export function diagnoseSendError(
  error: SmtpError,
  settings: SendSettings,
  facts: SendFacts,
): StepOutcome {
  const rejected = rejectedRecipients(error.rejected, error.rejectedErrors);
  if (rejected.length > 0) {
    return failed(
      `the server refused every recipient: ${listRejected(rejected)}`,
      recipientsCause(rejected),
      RECIPIENTS_FIX,
    );
  }
  const reply = error.response ?? error.message;
  const detail = `the server refused the message at ${error.command ?? "send"}: ${reply}`;
  const known = knownRefusal(error, settings, facts);
  if (known) return failed(detail, known.cause, known.fix);
  return failed(
    detail,
    error.response
      ? "SES rejected the envelope or the message"
      : "the session broke during the send",
    "read the reply above; --verbose shows the whole conversation",
  );
}

function describeSent(settings: SendSettings, reply: string): string {
  const { message } = settings;
  const set = message.configurationSet
    ? `configuration set ${message.configurationSet}`
    : "no configuration set (events follow the identity's default configuration set, if any)";
  return `${reply}: from ${message.from} to ${message.to.join(", ")}; ${set}; tags ${messageTagsHeader(tagsOf(message))}`;
}

const RECIPIENTS_FIX = "verify those recipients, or send to success@simulator.amazonses.com";

/** The refused recipients' replies decide: SES's sandbox, or the server's own reasons. */
function recipientsCause(rejected: readonly RejectedRecipient[]): string {
  const sandbox = rejected.some((r) => /not verified/i.test(r.response));
  return sandbox
    ? "SES refused unverified recipients: the account is in the sandbox, where every recipient must be verified"
    : "the server refused these recipients for the reasons it gave (each reply above)";
}

/** The size limit the server advertised in EHLO (`SIZE 10485760`), if any. */
function advertisedSize(session: SmtpSession): number | undefined {
  const size = session.capabilities().find((c) => /^SIZE\b/i.test(c));
  const n = size ? Number(size.split(/\s+/)[1]) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Send step: MAIL FROM, RCPT TO, DATA with the SES headers; every recipient must be accepted. */
export async function checkSend(session: SmtpSession, settings: SendSettings): Promise<SendResult> {
  const { message } = settings;
  const raw = await buildTestMessage(message, settings);
  const facts = { bytes: raw.length, sizeLimit: advertisedSize(session) };
  let sent: { response: string; rejected: RejectedRecipient[] };
  try {
    sent = await session.send({ from: message.from, to: message.to }, raw);
  } catch (error) {
    return { outcome: diagnoseSendError(error as SmtpError, settings, facts) };
  }
  const followUp: FollowUp = {
    messageId: messageIdFromReply(sent.response),
    commands: followUpCommands(message, settings.region, settings.sentAt),
  };
  if (sent.rejected.length > 0) {
    return {
      outcome: failed(
        `${describeSent(settings, sent.response)}; refused ${listRejected(sent.rejected)}`,
        recipientsCause(sent.rejected),
        RECIPIENTS_FIX,
      ),
      followUp,
    };
  }
  return { outcome: passed(describeSent(settings, sent.response)), followUp };
}

/** SES's `X-SES-MESSAGE-TAGS` format: comma-separated name=value pairs. */
export function messageTagsHeader(tags: readonly MessageTag[]): string {
  return tags.map((tag) => `${tag.name}=${tag.value}`).join(", ");
}

function tagsOf(message: TestMessageOptions): readonly MessageTag[] {
  return message.tags ?? DEFAULT_TAGS;
}

/** The SES headers of the test message (the configuration set only when one is named). */
export function sesHeaders(message: TestMessageOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (message.configurationSet) headers["X-SES-CONFIGURATION-SET"] = message.configurationSet;
  const tags = tagsOf(message);
  if (tags.length > 0) headers["X-SES-MESSAGE-TAGS"] = messageTagsHeader(tags);
  return headers;
}

interface MessageContext {
  /** Host the message goes through, named in its subject and body. @default none (required) */
  readonly host: string;
  /** Port the message goes through. @default none (required) */
  readonly port: number;
  /** The message's date. @default none (required) */
  readonly sentAt: Date;
}

/** Longest header line RFC 5322 allows, without its CRLF. */
const MAX_LINE = 998;

/**
 * The SES headers as header lines, names exactly as SES documents them. nodemailer title-cases
 * every custom header name (`X-Ses-Configuration-Set`) and has no option to keep it, so these
 * lines go in front of its output: the one workaround for that, pinned by a test on the wire.
 */
function sesHeaderLines(message: TestMessageOptions): string {
  return Object.entries(sesHeaders(message))
    .map(([name, value]) => {
      const line = `${name}: ${value}`;
      return line.length <= MAX_LINE ? line : `${name}: ${value.split(", ").join(",\r\n ")}`;
    })
    .map((line) => `${line}\r\n`)
    .join("");
}

/** The RFC 5322 test message: the SES headers, then what nodemailer composes. */
async function buildTestMessage(
  message: TestMessageOptions,
  context: MessageContext,
): Promise<Buffer> {
  const when = context.sentAt.toISOString();
  const composer = new MailComposer({
    from: message.from,
    to: [...message.to],
    subject: `smtp-check test via ${context.host}:${context.port} at ${when}`,
    text:
      `This message was sent by smtp-check through ${context.host}:${context.port} at ${when}\n` +
      "to prove the path from this account to Amazon SES. It needs no answer.\n",
  });
  const composed = await composer.compile().build();
  return Buffer.concat([Buffer.from(sesHeaderLines(message), "ascii"), composed]);
}

/** Commands that show the sent message's events, to run a minute or two after the send. */
export interface FollowUp {
  /** SES's message id, from the 250 reply to DATA (the `mail.messageId` in the events). */
  readonly messageId?: string;
  readonly commands: readonly string[];
}

const FIVE_MINUTES = 5 * 60 * 1000;

const isoSeconds = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");

/** `250 Ok 0100018c…-000000` → `0100018c…-000000`. */
export function messageIdFromReply(reply: string): string | undefined {
  return /^250[ -]Ok (\S+)/i.exec(reply)?.[1];
}

/** `aws s3 ls` of the event archive, and CloudWatch's `Send` count for the first tag. */
export function followUpCommands(
  message: TestMessageOptions,
  region: string | undefined,
  sentAt: Date,
): string[] {
  const bucket = message.bucket ?? "<event-archive-bucket>";
  const prefix = message.s3Prefix ?? DEFAULT_S3_PREFIX;
  const commands = [`aws s3 ls s3://${bucket}/${prefix} --recursive`];
  const [tag] = tagsOf(message);
  if (tag) {
    const start = Math.floor(sentAt.getTime() / FIVE_MINUTES) * FIVE_MINUTES - FIVE_MINUTES;
    commands.push(
      "aws cloudwatch get-metric-statistics --namespace AWS/SES --metric-name Send" +
        ` --dimensions Name=${tag.name},Value=${tag.value}` +
        ` --start-time ${isoSeconds(start)} --end-time ${isoSeconds(start + 7 * FIVE_MINUTES)}` +
        ` --period 300 --statistics Sum --region ${region ?? "<region>"}`,
    );
  }
  return commands;
}
