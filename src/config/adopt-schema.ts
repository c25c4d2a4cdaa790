import { z } from "zod";
import { ADOPT_ID_RULES } from "../private/adopt-ids";
import { ID_RULES, RULES, Rule, SMTP_PORTS } from "../private/aws-facts";
import { bucketNameProblem, clientCidrProblem } from "../private/value-problems";
import { SES_API_PORT } from "../private/ses-facts";

/**
 * The `adopt` sections: ids of resources that already exist (built by hand or by another
 * Terraform state) for the stacks to import instead of create. Each id has the form its resource
 * type takes in a Terraform `import` block; the shapes are checked here, what they embed (zone,
 * VPC, account, region, name) against the rest of the file in adopt-checks.ts.
 */

const id = (r: Rule) => z.string().regex(r.pattern, { message: `must be ${r.allowed}` });

/** A string whose problem (a phrase completing "must be …") comes from a shared check. */
const checked = (problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const found = problem(value);
    if (found) ctx.addIssue({ code: "custom", message: `must be ${found}` });
  });

const ids = (r: Rule) => z.array(id(r)).min(1, { message: "must list at least one id" });

/**
 * A hub's `securityGroups`: the name and description each existing (adopted) group has, by
 * shard. They are ordinary settings, not adopt entries: AWS cannot change either in place, so
 * they stay in the configuration after the `adopt` entries are removed, and the group is never
 * replaced. `npm run adopt -- --write` fills them in.
 */
export const existingSecurityGroups = z
  .array(
    z.strictObject({
      name: id(ID_RULES.securityGroupName),
      description: id(ID_RULES.securityGroupDescription),
    }),
  )
  .min(1, { message: "must list at least one group (or be left out)" });

/**
 * An endpoint's existing pieces (the article's console and CLI steps): the same for the SMTP
 * endpoint (`smtpHubs[].adopt`, addresses `…email-smtp…`) and the API endpoint
 * (`smtpHubs[].apiEndpoint.adopt`, addresses `…email…`, rules and authorizations prefixed `email_`),
 * which differ only in the ports their rules may have.
 */
function endpointAdopt(ports: readonly number[], portMessage: string) {
  return z.strictObject({
    /** `aws_vpc_endpoint.<service>`. */
    vpcEndpoint: id(ADOPT_ID_RULES.vpcEndpoint).optional(),
    /** `aws_security_group.<service>_<n>`, in shard order (the first is shard 0). */
    securityGroups: ids(ADOPT_ID_RULES.securityGroup).optional(),
    /** `aws_vpc_security_group_ingress_rule.[email_]<account>_<cidr>_<port>`: which rule each id is. */
    ingressRules: z
      .array(
        z.strictObject({
          id: id(ADOPT_ID_RULES.ingressRule),
          account: id(RULES.accountName),
          cidr: checked(clientCidrProblem),
          port: z.number().refine((p) => ports.includes(p), { message: portMessage }),
        }),
      )
      .min(1, { message: "must list at least one rule" })
      .optional(),
    /** `aws_route53_zone.<service>`. */
    privateHostedZone: id(ADOPT_ID_RULES.hostedZone).optional(),
    /** `aws_route53_record.<service>` (the apex alias). */
    apexRecord: id(ADOPT_ID_RULES.record).optional(),
    /** `aws_route53_vpc_association_authorization.[email_]<account>`: the account is found by its VPC. */
    authorizations: ids(ADOPT_ID_RULES.authorization).optional(),
  });
}

/** The shared account's existing SMTP endpoint pieces. */
export const hubAdopt = endpointAdopt(
  SMTP_PORTS,
  `must be one of the SES SMTP ports ${SMTP_PORTS.join(", ")}`,
);

/** The shared account's existing SES API endpoint pieces (`smtpHubs[].apiEndpoint.adopt`). */
export const apiEndpointAdopt = endpointAdopt([SES_API_PORT], `must be ${SES_API_PORT}`);

/** A resource account's existing association and tutorial-era resources. */
export const accountAdopt = z.strictObject({
  /** `aws_route53_zone_association.email-smtp`. */
  zoneAssociation: id(ADOPT_ID_RULES.association).optional(),
  /** `aws_route53_zone_association.email`: the association with the hub's SES API zone. */
  apiZoneAssociation: id(ADOPT_ID_RULES.association).optional(),
  /** `aws_ses_configuration_set.<set>`. */
  configurationSets: ids(ADOPT_ID_RULES.configurationSet).optional(),
  /** `aws_ses_event_destination.<set>_<destination>`. */
  eventDestinations: ids(ADOPT_ID_RULES.eventDestination).optional(),
  /** `aws_kinesis_firehose_delivery_stream.events`. */
  deliveryStream: id(ADOPT_ID_RULES.deliveryStream).optional(),
  /** `aws_s3_bucket.events`. */
  bucket: checked(bucketNameProblem).optional(),
  /** `aws_iam_role.ses`. */
  sesRole: id(ADOPT_ID_RULES.roleName).optional(),
  /** `aws_iam_role.firehose`. */
  firehoseRole: id(ADOPT_ID_RULES.roleName).optional(),
  /** `aws_cloudwatch_log_group.events`. */
  logGroup: id(ADOPT_ID_RULES.logGroup).optional(),
  /** `aws_cloudwatch_log_stream.events`. */
  logStream: id(ADOPT_ID_RULES.logStream).optional(),
  /** `aws_sesv2_email_identity.<domain>`. */
  identity: id(ADOPT_ID_RULES.identity).optional(),
});

export type HubAdoptConfig = z.output<typeof hubAdopt>;
export type AccountAdoptConfig = z.output<typeof accountAdopt>;
