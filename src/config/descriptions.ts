/**
 * One plain sentence per configuration key, keyed by the path the key table of
 * docs/configuration.md spells (`accounts[].smtp.cidrs`). `npm run schema` writes them into that
 * table and into schema/config.schema.json (editors show them); the defaults come from the schema
 * itself, so a description never repeats one. A test fails when a key of the schema has no
 * description here, or a description names a key the schema does not have.
 */
import { SES_REVIEW_RATES, SMTP_PORTS } from "../private/ses-facts";
import { percent } from "../private/value-problems";
import { FORMAT_CONVERSION } from "../private/aws-facts";

/** The name and description of each adopted security group of an endpoint. */
function existingGroupDescriptions(path: string): Record<string, string> {
  return {
    [`${path}[].name`]: "The group's name.",
    [`${path}[].description`]: "The group's description.",
  };
}

/** The adopt entries of an interface endpoint (the SMTP one or the SES API one). */
function endpointAdoptDescriptions(path: string, service: string): Record<string, string> {
  return {
    [`${path}.vpcEndpoint`]: `The \`${service}\` interface endpoint (\`vpce-…\`).`,
    [`${path}.securityGroups`]: "The endpoint's security groups (`sg-…`), in shard order.",
    [`${path}.ingressRules`]: "The groups' ingress rules, each with the rule it is.",
    [`${path}.ingressRules[].id`]: "The rule's id (`sgr-…`).",
    [`${path}.ingressRules[].account`]: "The account whose CIDR the rule opens.",
    [`${path}.ingressRules[].cidr`]: "The rule's CIDR.",
    [`${path}.ingressRules[].port`]: "The rule's port.",
    [`${path}.privateHostedZone`]: "The private hosted zone of the endpoint's AWS host name.",
    [`${path}.apexRecord`]: "The zone's apex alias record.",
    [`${path}.authorizations`]:
      "The VPC association authorizations; each account is found by its VPC.",
  };
}

export const CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  allow: "Explicit exceptions to rules that are otherwise enforced.",
  "allow.regions":
    "Regions AWS added to SES (and the email-smtp endpoint service) after this project's list.",
  "allow.crossAccountKmsKeys":
    "KMS keys of another account that resources may use (the key policy must let them).",
  tags: "Default tags on every resource (no `aws:` key prefix); the project's `ManagedBy=cdktf` and `Stack=<stack>` always win.",
  state: "Where the stacks keep their Terraform state.",
  "state.s3":
    "S3 backend for every stack, key `<keyPrefix>/<stack>.tfstate`, with `encrypt = true`; left out, state is local.",
  "state.s3.bucket": "The state bucket.",
  "state.s3.keyPrefix": "Prefix of each stack's state key.",
  "state.s3.region": "Region of the state bucket.",
  "state.s3.useLockfile": "S3-native state locking (no DynamoDB table).",
  "state.s3.kmsKeyArn": "KMS key that encrypts the state objects.",
  smtpHubs: "Shared SMTP endpoints, one per region, each in a hub account.",
  "smtpHubs[].region": "Region of the hub; accounts with `smtp` in this region use it.",
  "smtpHubs[].accountId": "The hub (shared) account, as 12 digits in quotes.",
  "smtpHubs[].roleArn":
    "Role the hub's provider assumes; without it the caller's credentials must already be in the account.",
  "smtpHubs[].planRoleArn":
    "Read-only role CI's pull-request and drift plans of the hub assume, not `roleArn`; without it the hub is planned offline.",
  "smtpHubs[].tags": "Extra default tags for the hub stack.",
  "smtpHubs[].vpcId":
    "The shared VPC, peered or attached by transit gateway to the accounts' VPCs (a prerequisite).",
  "smtpHubs[].subnetIds":
    "Subnets of the endpoint, one per Availability Zone; a single subnet synthesizes with a warning (a single point of failure).",
  "smtpHubs[].ports": `The SES SMTP ports (any of ${SMTP_PORTS.join(", ")}) the security groups open to the accounts' CIDRs.`,
  "smtpHubs[].quotas":
    "The VPC and Route 53 quotas of the hub account; raise them in Service Quotas first, then set them here.",
  "smtpHubs[].quotas.inboundRulesPerSecurityGroup":
    "VPC quota L-0EA8095F: inbound rules per security group.",
  "smtpHubs[].quotas.securityGroupsPerNetworkInterface":
    "VPC quota L-2AFB9258: security groups per network interface.",
  "smtpHubs[].quotas.vpcAssociationsPerHostedZone":
    "Route 53 limit on VPCs associated with one private hosted zone (raised by a support case).",
  "smtpHubs[].securityGroups":
    "Adopted security groups' own names and descriptions, by shard, kept because AWS cannot change them in place (`npm run adopt -- --write` fills them in).",
  ...existingGroupDescriptions("smtpHubs[].securityGroups"),
  "smtpHubs[].adopt":
    "Ids of the hub's existing SMTP endpoint resources to import instead of create.",
  ...endpointAdoptDescriptions("smtpHubs[].adopt", "email-smtp"),
  "smtpHubs[].apiEndpoint":
    "A second interface endpoint in the hub for the SES API (HTTPS), with its own security groups and private zone.",
  "smtpHubs[].apiEndpoint.enabled": "Create the SES API endpoint.",
  "smtpHubs[].apiEndpoint.port": "The SES API's one port (HTTPS); no other is accepted.",
  "smtpHubs[].apiEndpoint.securityGroups":
    "As the hub's `securityGroups`, for the API endpoint's adopted groups.",
  ...existingGroupDescriptions("smtpHubs[].apiEndpoint.securityGroups"),
  "smtpHubs[].apiEndpoint.adopt":
    "Ids of the hub's existing SES API endpoint resources to import instead of create.",
  ...endpointAdoptDescriptions("smtpHubs[].apiEndpoint.adopt", "email"),
  accounts: "The resource accounts, each in its own stack `ses-<name>`.",
  "accounts[].name":
    "Unique name of the account (1–40 of `a-z 0-9 -`, starting with a letter): its stack `ses-<name>`, its provider alias and the key of its resources.",
  "accounts[].accountId":
    "The account, as 12 digits in quotes, unique; it pins the provider (`allowed_account_ids`) and builds ARNs.",
  "accounts[].region": "The account's SES region (and its VPC's).",
  "accounts[].roleArn":
    "Role the account's provider assumes; without it the caller's credentials must already be in the account.",
  "accounts[].planRoleArn":
    "Read-only role of the same account that CI's pull-request and drift plans assume, not `roleArn`; without it the stack is planned offline.",
  "accounts[].tags": "Extra default tags for the account's stack.",
  "accounts[].eventPublishing":
    "Configuration sets and where their events go (CloudWatch, Firehose to S3, SNS, EventBridge on v2).",
  "accounts[].eventPublishing.configurationSets": "The account's SES configuration sets.",
  "accounts[].eventPublishing.configurationSets[].name":
    "Name of the configuration set (1–64 of `A-Za-z0-9_-`), unique in the account.",
  "accounts[].eventPublishing.configurationSets[].reputationMetricsEnabled":
    "Publish the set's reputation metrics (bounce and complaint rates) to CloudWatch.",
  "accounts[].eventPublishing.configurationSets[].sendingEnabled":
    "Whether email can be sent with the set.",
  "accounts[].eventPublishing.configurationSets[].tlsPolicy":
    "Whether SES must deliver the set's messages over TLS, or may fall back to an unencrypted connection.",
  "accounts[].eventPublishing.configurationSets[].customRedirectDomain":
    "Domain of open and click tracking links.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations":
    "Where the set's events go; each has exactly one of `cloudwatch`, `firehose`, `sns` and (v2) `eventBridge`.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].name":
    "Name of the destination, unique in its set.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].enabled":
    "Publish events to the destination (the SES v1 API leaves a destination off unless told).",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].matchingTypes":
    "The event types to publish; `deliveryDelay` and `subscription` only on a v2 set.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].cloudwatch":
    "Publish to CloudWatch metrics.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].cloudwatch.dimensions":
    "The metrics' dimensions.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].cloudwatch.dimensions[].name":
    "Dimension name, for example `campaign`.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].cloudwatch.dimensions[].defaultValue":
    "Value used when a message does not carry the tag, header or link tag.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].cloudwatch.dimensions[].valueSource":
    "Where the value comes from: a message tag, an email header or a link tag.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].firehose":
    "Publish to the account's delivery stream (its bucket, stream, logs and roles are created only when some destination uses it).",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].sns":
    "Publish to an SNS topic.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].sns.topicArn":
    "The topic, in the account's region and partition.",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].eventBridge":
    "Publish to the account's default EventBridge bus (v2 sets; no IAM role needed).",
  "accounts[].eventPublishing.configurationSets[].eventDestinations[].eventBridge.eventBusArn":
    "The default bus's ARN, if you want it written out; no other bus is accepted.",
  "accounts[].eventPublishing.configurationSets[].api":
    "The SES API the set is managed with; `v2` adds the event types, EventBridge and options of docs/event-publishing-v2.md.",
  "accounts[].eventPublishing.configurationSets[].fromV1":
    "The v2 set exists, made by this stack's v1 resources: import it and forget the v1 addresses (remove after the apply).",
  "accounts[].eventPublishing.configurationSets[].maxDeliverySeconds":
    "How long SES keeps trying to deliver a message (v2; 300–50400), SES's 14 hours when left out.",
  "accounts[].eventPublishing.configurationSets[].sendingPoolName":
    "The dedicated IP pool of `accountSettings.dedicatedIpPools` the set sends through (v2).",
  "accounts[].eventPublishing.configurationSets[].suppressedReasons":
    "The set's own suppression list reasons (v2; `[]` opts out), the account's list when left out.",
  "accounts[].eventPublishing.configurationSets[].httpsPolicy":
    "Whether tracking links on `customRedirectDomain` use HTTPS (v2); `OPTIONAL` when left out.",
  "accounts[].eventPublishing.configurationSets[].vdm":
    "Virtual Deliverability Manager options of the set (v2), the account's when left out.",
  "accounts[].eventPublishing.configurationSets[].vdm.engagementMetrics":
    "Engagement (open and click) tracking in the VDM dashboard for the set.",
  "accounts[].eventPublishing.configurationSets[].vdm.optimizedSharedDelivery":
    "Optimized shared delivery for the set.",
  "accounts[].eventPublishing.accountSettings":
    "Settings SES keeps once per account (SESv2 API), each managed only when given.",
  "accounts[].eventPublishing.accountSettings.suppressedReasons":
    "The reasons SES adds a recipient to the account's suppression list.",
  "accounts[].eventPublishing.accountSettings.vdm":
    "Virtual Deliverability Manager for the account (billed per message while enabled).",
  "accounts[].eventPublishing.accountSettings.vdm.enabled": "Whether VDM is on for the account.",
  "accounts[].eventPublishing.accountSettings.vdm.engagementMetrics":
    "Engagement (open and click) tracking in the VDM dashboard.",
  "accounts[].eventPublishing.accountSettings.vdm.optimizedSharedDelivery":
    "Optimized shared delivery through SES's shared IPs.",
  "accounts[].eventPublishing.accountSettings.dedicatedIpPools":
    "Dedicated IP pools that v2 sets name as `sendingPoolName`.",
  "accounts[].eventPublishing.accountSettings.dedicatedIpPools[].name":
    "Name of the pool (1–64 of `A-Za-z0-9_-`).",
  "accounts[].eventPublishing.accountSettings.dedicatedIpPools[].scalingMode":
    "How the pool gets its IPs: SES leases, warms and scales them, or you lease them.",
  "accounts[].eventPublishing.sesRoleName":
    "Name of the role SES assumes to put records into Firehose.",
  "accounts[].eventPublishing.iamPropagationSeconds":
    "Wait after the SES role changes, before Firehose destinations are created (0 turns it off).",
  "accounts[].eventPublishing.bucket": "The S3 bucket that archives the events.",
  "accounts[].eventPublishing.bucket.name":
    "Name of the event bucket; left out, `ses-events-<accountId>-<region>`.",
  "accounts[].eventPublishing.bucket.kmsKeyArn":
    "KMS key of the bucket (SSE-KMS with a bucket key; the Firehose role may use it through S3 only); left out, the account's `kmsKeyArn`, else SSE-S3.",
  "accounts[].eventPublishing.bucket.expirationDays": "Days after which current objects expire.",
  "accounts[].eventPublishing.bucket.noncurrentVersionExpirationDays":
    "Days after which old versions expire.",
  "accounts[].eventPublishing.bucket.forceDestroy": "Allow destroying a bucket that is not empty.",
  "accounts[].eventPublishing.bucket.accessLogging":
    "S3 server access logging of the event bucket (off unless set).",
  "accounts[].eventPublishing.bucket.accessLogging.targetBucket":
    "Bucket that receives the access logs, in the account and region of the event bucket.",
  "accounts[].eventPublishing.bucket.accessLogging.targetPrefix": "Key prefix of the access logs.",
  "accounts[].eventPublishing.deliveryStream":
    "The Kinesis Data Firehose stream that writes events to the bucket.",
  "accounts[].eventPublishing.deliveryStream.name": "Name of the delivery stream.",
  "accounts[].eventPublishing.deliveryStream.roleName": "Name of the role Firehose assumes.",
  "accounts[].eventPublishing.deliveryStream.prefix":
    "Key prefix of the event objects (the tutorial's `ses`, without the slash, makes keys like `ses2026/…`).",
  "accounts[].eventPublishing.deliveryStream.errorOutputPrefix":
    "Key prefix of records Firehose could not deliver.",
  "accounts[].eventPublishing.deliveryStream.bufferingIntervalSeconds":
    "Seconds Firehose buffers records before writing an object.",
  "accounts[].eventPublishing.deliveryStream.bufferingSizeMb": `MiB Firehose buffers before writing an object; with \`parquet\`, at least ${FORMAT_CONVERSION.minBufferingSizeMb}, and ${FORMAT_CONVERSION.minBufferingSizeMb} when left out.`,
  "accounts[].eventPublishing.deliveryStream.compression": `Compression of the event objects; with \`parquet\`, \`${FORMAT_CONVERSION.compression}\` only, and so when left out (Parquet is compressed inside, with SNAPPY).`,
  "accounts[].eventPublishing.deliveryStream.parquet":
    "Firehose converts the events to Parquet under `<prefix>parquet/`, read by the event lake's table `events_parquet` (needs `eventLake`; docs/event-lake.md#parquet).",
  "accounts[].eventPublishing.deliveryStream.kmsKeyArn":
    "KMS key of the stream's encryption; left out, the account's `kmsKeyArn`, else an AWS owned key.",
  "accounts[].eventPublishing.eventLake":
    "A Glue table over the Firehose objects, an Athena workgroup and named queries (needs a Firehose destination).",
  "accounts[].eventPublishing.eventLake.databaseName":
    "Name of the Glue database of the event table.",
  "accounts[].eventPublishing.eventLake.workgroupName":
    "Name of the Athena workgroup of the named queries.",
  "accounts[].eventPublishing.eventLake.resultPrefix":
    "Key prefix of query results in the event bucket, outside the event and error prefixes.",
  "accounts[].eventPublishing.eventLake.resultExpirationDays":
    "Days after which query results expire.",
  "accounts[].eventPublishing.eventLake.bytesScannedCutoffPerQuery":
    "Bytes one query may scan before Athena cancels it, at least Athena's minimum of 10 MB.",
  "accounts[].eventPublishing.eventLake.tagName":
    "Message tag whose values the per-tag named query counts sends, deliveries, opens and clicks by.",
  "accounts[].eventPublishing.dashboard":
    "The account's CloudWatch dashboard of sending health, linked from the stack output `dashboard_url`.",
  "accounts[].eventPublishing.dashboard.name":
    "Name of the dashboard; left out, `ses-<account name>`.",
  "accounts[].eventPublishing.logs": "The CloudWatch Logs group and stream of delivery errors.",
  "accounts[].eventPublishing.logs.groupName": "Name of the delivery-error log group.",
  "accounts[].eventPublishing.logs.streamName": "Name of the delivery-error log stream.",
  "accounts[].eventPublishing.logs.retentionDays":
    "Days CloudWatch keeps the logs, one of the values it accepts (0 keeps them forever).",
  "accounts[].eventPublishing.logs.kmsKeyArn":
    "KMS key of the log group; left out, the account's `kmsKeyArn`, else none.",
  "accounts[].smtp": "Use the region's shared SMTP endpoint from the account's VPC.",
  "accounts[].smtp.vpcId":
    "The account's VPC, associated with the endpoint's private zone (used by no other account or hub).",
  "accounts[].smtp.useApiEndpoint":
    "Associate the VPC with the hub's SES API zone as well; left out, yes when the hub offers the API endpoint.",
  "accounts[].smtp.cidrs":
    "IPv4 CIDRs of the account's VPC that may reach the SMTP ports: no host bits, /8 or narrower, not overlapping another account's.",
  "accounts[].sending": "Sending from a verified domain with SMTP credentials per application.",
  "accounts[].sending.domain":
    "The SES domain identity (SESv2 `aws_sesv2_email_identity`), verified with Easy DKIM.",
  "accounts[].sending.mailFromDomain":
    "Custom MAIL FROM domain, a subdomain of `domain` with an MX to SES's feedback endpoint and an SPF record; left out, `mail.<domain>` (without the MX, SES falls back to its own domain).",
  "accounts[].sending.dmarc": "The TXT record `_dmarc.<domain>`.",
  "accounts[].sending.dmarc.policy": "What receivers do with mail that fails DMARC.",
  "accounts[].sending.dmarc.reportAddress":
    "Address that receives aggregate reports (`rua`); one in another domain needs that domain's authorization record.",
  "accounts[].sending.publicZoneId":
    "Route 53 zone of the same account where the DKIM, MAIL FROM and DMARC records are created; left out, they are the stack output `identity_dns_records`, to create wherever your DNS lives.",
  "accounts[].sending.configurationSet":
    "The identity's default configuration set (events and reputation metrics of mail that names none); left out, the account's only one, and it must be named when there are several.",
  "accounts[].sending.applications": "Applications that each get SMTP credentials of their own.",
  "accounts[].sending.applications[].name":
    "Name of the application: IAM user and group `ses-smtp-<name>`, secret `ses-smtp/<name>`.",
  "accounts[].sending.applications[].allowSendEmail":
    "Also allow `ses:SendEmail` (the SMTP interface needs only `ses:SendRawEmail`).",
  "accounts[].sending.applications[].fromAddresses":
    "The From addresses the application may use (`ses:FromAddress`; `*` and `?` allowed before `@`); left out, any address of the domain.",
  "accounts[].sending.applications[].rotation":
    "Rotation label: changing it replaces the access key and updates the secret in one apply.",
  "accounts[].sending.secretKmsKeyArn":
    "KMS key of the SMTP secrets; left out, the account's `kmsKeyArn`, else `aws/secretsmanager`.",
  "accounts[].sending.permissionsBoundaryArn":
    "Permissions boundary of every SMTP user: a managed policy of the account or an AWS managed one.",
  "accounts[].sending.alarms":
    "CloudWatch alarms on the account's reputation, notifying an SNS topic.",
  "accounts[].sending.alarms.topicName": "Name of the SNS topic the alarms notify.",
  "accounts[].sending.alarms.emailSubscriptions":
    "Email subscribers of the alarm topic (each must confirm by email).",
  "accounts[].sending.alarms.topicKmsKeyArn":
    "KMS key of the topic, a customer managed one whose policy lets `cloudwatch.amazonaws.com` use it (CloudWatch cannot publish to a topic under `aws/sns`); left out, the account's `kmsKeyArn`, else none.",
  "accounts[].sending.alarms.bounceRateThreshold": `Bounce rate, as a fraction, at which the alarm fires; AWS reviews accounts at ${percent(SES_REVIEW_RATES.bounce)}.`,
  "accounts[].sending.alarms.complaintRateThreshold": `Complaint rate, as a fraction, at which the alarm fires; AWS reviews accounts at ${percent(SES_REVIEW_RATES.complaint)}.`,
  "accounts[].sending.alarms.periodSeconds":
    "Period of the reputation alarms: 10, 20, 30 or a multiple of 60 seconds (period × evaluation periods at most a day, or 7 days from hourly periods).",
  "accounts[].sending.alarms.evaluationPeriods":
    "Periods in a row over the threshold before an alarm fires.",
  "accounts[].sending.alarms.sendVolume":
    "An alarm on `AWS/SES` `Send` by an event-publishing dimension above a number of messages per period (for example `campaign=newsletter`).",
  "accounts[].sending.alarms.sendVolume.dimensionName": "The CloudWatch dimension's name.",
  "accounts[].sending.alarms.sendVolume.dimensionValue": "The dimension's value to watch.",
  "accounts[].sending.alarms.sendVolume.threshold":
    "Messages per period above which the alarm fires.",
  "accounts[].sending.alarms.sendVolume.periodSeconds":
    "Period of this alarm, in seconds; left out, the alarms' `periodSeconds`.",
  "accounts[].kmsKeyArn":
    "Customer managed key, in the account's region, of every resource of the account that takes one; each resource's own key option wins.",
  "accounts[].adopt": "Ids of the account's existing resources to import instead of create.",
  "accounts[].adopt.zoneAssociation": "The association of the account's VPC with the hub's zone.",
  "accounts[].adopt.apiZoneAssociation":
    "The association of the account's VPC with the hub's SES API zone.",
  "accounts[].adopt.configurationSets": "Existing configuration sets, by name.",
  "accounts[].adopt.eventDestinations": "Existing event destinations, as `<set>/<destination>`.",
  "accounts[].adopt.deliveryStream": "The existing delivery stream, by ARN.",
  "accounts[].adopt.bucket": "The existing event bucket, by name.",
  "accounts[].adopt.sesRole": "The existing role SES assumes, by name.",
  "accounts[].adopt.firehoseRole": "The existing role Firehose assumes, by name.",
  "accounts[].adopt.logGroup": "The existing delivery-error log group, by name.",
  "accounts[].adopt.logStream": "The existing delivery-error log stream.",
  "accounts[].adopt.identity": "The existing domain identity, by domain.",
};
