import MailComposer from "nodemailer/lib/mail-composer";
import { DEFAULT_TAGS, MessageTag, TestMessageOptions } from "./options";

/** SES's `X-SES-MESSAGE-TAGS` format: comma-separated name=value pairs. */
export function messageTagsHeader(tags: readonly MessageTag[]): string {
  return tags.map((tag) => `${tag.name}=${tag.value}`).join(", ");
}

export function tagsOf(message: TestMessageOptions): readonly MessageTag[] {
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

export interface MessageContext {
  /** Host the message goes through, named in its subject and body. @default none (required) */
  readonly host: string;
  /** Port the message goes through. @default none (required) */
  readonly port: number;
  /** The message's date. @default none (required) */
  readonly sentAt: Date;
}

/** The RFC 5322 test message, composed by nodemailer. */
export function buildTestMessage(
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
    headers: sesHeaders(message),
  });
  return composer.compile().build();
}
