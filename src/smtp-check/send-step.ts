import { FollowUp, followUpCommands, messageIdFromReply } from "./follow-up";
import { TestMessageOptions } from "./options";
import { SmtpError, SmtpSession } from "./smtp-session";
import { failed, passed, StepOutcome } from "./step-result";
import { buildTestMessage, messageTagsHeader, tagsOf } from "./test-message";

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
  {
    test: /authentication required|^530/i,
    cause: () => "SES accepts mail only from an authenticated session",
    fix: () => "pass credentials (--user with SMTP_PASSWORD, or --secret-id)",
  },
];

/** Why SES refused the message, from its reply. */
export function diagnoseSendError(error: SmtpError, settings: SendSettings): StepOutcome {
  const reply = error.response ?? error.message;
  const detail = `the server refused the message at ${error.command ?? "send"}: ${reply}`;
  const rule = RULES.find((r) => r.test.test(reply));
  if (rule) return failed(detail, rule.cause(settings), rule.fix(settings));
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

/** Send step: MAIL FROM, RCPT TO, DATA with the SES headers; every recipient must be accepted. */
export async function checkSend(session: SmtpSession, settings: SendSettings): Promise<SendResult> {
  const { message } = settings;
  let sent: { response: string; rejected: string[] };
  try {
    const raw = await buildTestMessage(message, settings);
    sent = await session.send({ from: message.from, to: message.to }, raw);
  } catch (error) {
    return { outcome: diagnoseSendError(error as SmtpError, settings) };
  }
  const followUp: FollowUp = {
    messageId: messageIdFromReply(sent.response),
    commands: followUpCommands(message, settings.region, settings.sentAt),
  };
  if (sent.rejected.length > 0) {
    return {
      outcome: failed(
        `${describeSent(settings, sent.response)}; rejected ${sent.rejected.join(", ")}`,
        "SES refused some recipients (in the sandbox every recipient must be verified)",
        "verify those recipients, or send to success@simulator.amazonses.com",
      ),
      followUp,
    };
  }
  return { outcome: passed(describeSent(settings, sent.response)), followUp };
}
