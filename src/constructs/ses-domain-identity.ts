import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Sesv2EmailIdentity } from "@cdktf/provider-aws/lib/sesv2-email-identity";
import { Sesv2EmailIdentityMailFromAttributes } from "@cdktf/provider-aws/lib/sesv2-email-identity-mail-from-attributes";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { named, resourceAddress } from "../private/addresses";
import { DMARC_POLICIES, DmarcPolicy, RULES, SENDING_RULES } from "../private/aws-facts";
import { mailFromProblem } from "../private/value-problems";
import { check, checkOneOf, isToken, show } from "../private/validation";

/** The DMARC record to publish for the domain. */
export interface DmarcProps {
  /** What receivers do with mail that fails DMARC: `none` (monitor), `quarantine` or `reject`. */
  readonly policy: DmarcPolicy;
  /**
   * Address that receives aggregate reports (`rua=mailto:`). An address outside the domain must
   * authorize the domain with its own `<domain>._report._dmarc` record.
   * @default - no aggregate reports
   */
  readonly reportAddress?: string;
}

/** A DNS record the identity needs, for Route 53 or for whoever runs the domain's DNS. */
export interface DnsRecord {
  /** Fully qualified record name. */
  readonly name: string;
  readonly type: "CNAME" | "MX" | "TXT";
  /** Record value; TXT values are unquoted (add quotes where the DNS host expects zone-file syntax). */
  readonly value: string;
}

export interface SesDomainIdentityProps {
  /** The AWS provider of the account that sends. */
  readonly accountProvider: AwsProvider;
  /** The account's region: the MAIL FROM MX record points at its feedback endpoint. */
  readonly region: string;
  /** The domain to verify and send from, in lowercase (for example `example.com`). */
  readonly domain: string;
  /**
   * The custom MAIL FROM domain (the envelope sender, where bounces go): a subdomain of `domain`
   * that is not used to send or receive mail otherwise.
   * @default `mail.<domain>`
   */
  readonly mailFromDomain?: string;
  /**
   * A DMARC record on `_dmarc.<domain>`.
   * @default - no DMARC record
   */
  readonly dmarc?: DmarcProps;
  /**
   * A public Route 53 hosted zone (id such as `Z0123456789ABCDEFGHIJ`) that serves the domain,
   * where the records are created.
   * @default - records are not created, only exposed in `dnsRecords`
   */
  readonly publicZoneId?: string;
  /**
   * The identity's default configuration set, applied to mail that names none.
   * @default - none
   */
  readonly configurationSetName?: string;
}

/** Route 53 TTL of the identity's records, in seconds. */
const RECORD_TTL = 600;

/** Easy DKIM always gives three tokens, so the records use fixed indexes, known at plan time. */
const DKIM_TOKEN_COUNT = 3;

/** The addresses SesDomainIdentity gives its resources (those `adopt` can import into). */
export const SES_DOMAIN_IDENTITY_ADDRESSES = {
  emailIdentity: (domain: string) => resourceAddress(Sesv2EmailIdentity, domain),
} as const;

/**
 * An SES domain identity (SES v2 API) with Easy DKIM (2048-bit keys), a custom MAIL FROM domain and
 * optionally DMARC. The DNS records it needs (three DKIM CNAMEs, the MAIL FROM MX and SPF TXT, the
 * DMARC TXT) are always listed in `dnsRecords`, and created in Route 53 when `publicZoneId` is set.
 * If the MX record is missing, SES falls back to its own MAIL FROM domain (`USE_DEFAULT_VALUE`)
 * rather than rejecting mail.
 *
 * Emits `aws_sesv2_email_identity`, `aws_sesv2_email_identity_mail_from_attributes` and, with a
 * zone, one `aws_route53_record` per DNS record. Addresses: `<type>.<domain>` (dots as dashes), the
 * records `<domain>_<dkim-0…2 | mail-from-mx | mail-from-spf | dmarc>`.
 */
export class SesDomainIdentity extends Construct {
  public readonly emailIdentity: Sesv2EmailIdentity;
  public readonly mailFromAttributes: Sesv2EmailIdentityMailFromAttributes;
  /** ARN of the identity, for sending authorization. */
  public readonly identityArn: string;
  public readonly domain: string;
  public readonly mailFromDomain: string;
  /** The records the identity needs; values may be tokens (the DKIM ones are known after apply). */
  public readonly dnsRecords: DnsRecord[];

  constructor(scope: Construct, id: string, props: SesDomainIdentityProps) {
    super(scope, id);
    validate(props);
    const provider = props.accountProvider;
    this.domain = props.domain;
    this.mailFromDomain = props.mailFromDomain ?? `mail.${props.domain}`;
    this.emailIdentity = new Sesv2EmailIdentity(this, "identity", {
      provider,
      emailIdentity: props.domain,
      configurationSetName: props.configurationSetName,
      dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
    });
    named(this.emailIdentity, props.domain);
    this.identityArn = this.emailIdentity.arn;
    this.mailFromAttributes = new Sesv2EmailIdentityMailFromAttributes(this, "mail-from", {
      provider,
      emailIdentity: this.emailIdentity.emailIdentity,
      mailFromDomain: this.mailFromDomain,
      behaviorOnMxFailure: "USE_DEFAULT_VALUE",
    });
    named(this.mailFromAttributes, props.domain);
    const records = this.records(props);
    this.dnsRecords = Object.values(records);
    if (props.publicZoneId !== undefined) {
      for (const [recordId, record] of Object.entries(records)) {
        const route53Record = new Route53Record(this, `record-${recordId}`, {
          provider,
          zoneId: props.publicZoneId,
          name: record.name,
          type: record.type,
          ttl: RECORD_TTL,
          records: [record.value],
        });
        named(route53Record, props.domain, recordId);
      }
    }
  }

  /** The records by a stable id, which keys the Route 53 resources. */
  private records(props: SesDomainIdentityProps): Record<string, DnsRecord> {
    const tokens = this.emailIdentity.dkimSigningAttributes.tokens;
    const records: Record<string, DnsRecord> = {};
    for (let i = 0; i < DKIM_TOKEN_COUNT; i++) {
      const token = Fn.element(tokens, i);
      records[`dkim-${i}`] = {
        name: `${token}._domainkey.${props.domain}`,
        type: "CNAME",
        value: `${token}.dkim.amazonses.com`,
      };
    }
    records["mail-from-mx"] = {
      name: this.mailFromDomain,
      type: "MX",
      value: `10 feedback-smtp.${props.region}.amazonses.com`,
    };
    records["mail-from-spf"] = {
      name: this.mailFromDomain,
      type: "TXT",
      value: "v=spf1 include:amazonses.com ~all",
    };
    if (props.dmarc) {
      const report = props.dmarc.reportAddress;
      records["dmarc"] = {
        name: `_dmarc.${props.domain}`,
        type: "TXT",
        value: `v=DMARC1; p=${props.dmarc.policy}${report ? `; rua=mailto:${report}` : ""}`,
      };
    }
    return records;
  }
}

function validate(props: SesDomainIdentityProps): void {
  check("region", props.region, RULES.region);
  check("domain", props.domain, RULES.domainName);
  check("mailFromDomain", props.mailFromDomain, RULES.domainName);
  const mailFrom = props.mailFromDomain;
  if (mailFrom !== undefined && !isToken(mailFrom) && !isToken(props.domain)) {
    const problem = mailFromProblem(props.domain, mailFrom);
    if (problem) throw new Error(`mailFromDomain ${problem}; got ${show(mailFrom)}.`);
  }
  checkOneOf("dmarc.policy", props.dmarc?.policy, DMARC_POLICIES);
  check("dmarc.reportAddress", props.dmarc?.reportAddress, SENDING_RULES.emailAddress);
  check("publicZoneId", props.publicZoneId, SENDING_RULES.publicZoneId);
  check("configurationSetName", props.configurationSetName, RULES.sesName);
}
