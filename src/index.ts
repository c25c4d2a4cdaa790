export * from "./config/config-error";
export * from "./config/load";
export * from "./config/schema";
export * from "./constructs/event-archive-bucket";
export * from "./constructs/firehose-event-stream";
export * from "./constructs/ses-configuration-set";
export * from "./constructs/ses-event-publishing";
export * from "./stacks/account-stack";
export * from "./app";
export {
  SES_EVENT_TYPES,
  SesEventType,
  DIMENSION_VALUE_SOURCES,
  DimensionValueSource,
  TLS_POLICIES,
  TlsPolicy,
  SMTP_PORTS,
  SmtpPort,
} from "./private/aws-facts";
export * from "./constructs/ses-interface-endpoint";
export * from "./constructs/smtp-endpoint";
export * from "./constructs/ses-api-endpoint";
export * from "./constructs/ses-zone-association";
export * from "./constructs/smtp-zone-association";
export * from "./stacks/smtp-hub-stack";
export { accountStackName, smtpHubStackName } from "./private/stack-names";
export * from "./constructs/ses-domain-identity";
export * from "./constructs/ses-smtp-credentials";
export * from "./constructs/ses-reputation-alarms";
export type { KeyGrant, KeyPolicyStatement } from "./private/kms";
export type { SmtpSecret } from "./private/smtp-secret";
