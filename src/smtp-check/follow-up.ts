import { DEFAULT_S3_PREFIX, TestMessageOptions } from "./options";
import { tagsOf } from "./test-message";

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
