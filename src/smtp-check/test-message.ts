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

/** Longest header line RFC 5322 allows, without its CRLF. */
const MAX_LINE = 998;

/**
 * The SES headers as header lines, names exactly as SES documents them. nodemailer title-cases
 * every custom header name (`X-Ses-Configuration-Set`) and has no option to keep it, so these
 * lines go in front of its output: the one workaround for that, pinned by a test on the wire.
 */
export function sesHeaderLines(message: TestMessageOptions): string {
  return Object.entries(sesHeaders(message))
    .map(([name, value]) => {
      const line = `${name}: ${value}`;
      return line.length <= MAX_LINE ? line : `${name}: ${value.split(", ").join(",\r\n ")}`;
    })
    .map((line) => `${line}\r\n`)
    .join("");
}

/** The RFC 5322 test message: the SES headers, then what nodemailer composes. */
export async function buildTestMessage(
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
