import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Sesv2EmailIdentity } from "@cdktf/provider-aws/lib/sesv2-email-identity";
import { Sesv2EmailIdentityMailFromAttributes } from "@cdktf/provider-aws/lib/sesv2-email-identity-mail-from-attributes";
import {
  DnsRecord,
  SesDomainIdentity,
  SesDomainIdentityProps,
} from "../../src/constructs/ses-domain-identity";
import { parsed, synthWithProvider } from "../../test-support/scope";

const ZONE = "Z0123456789ABCDEFGHIJ";

function build(props: Partial<SesDomainIdentityProps> = {}): {
  synthesized: string;
  identity: SesDomainIdentity;
} {
  let identity: SesDomainIdentity | undefined;
  const synthesized = synthWithProvider((scope, accountProvider) => {
    identity = new SesDomainIdentity(scope, "identity", {
      accountProvider,
      region: "eu-west-1",
      domain: "example.com",
      ...props,
    });
  });
  return { synthesized, identity: identity! };
}

const synth = (props: Partial<SesDomainIdentityProps> = {}): string => build(props).synthesized;

const records = (synthesized: string): any[] =>
  Object.values(parsed(synthesized).resource.aws_route53_record ?? {});

/** The reference to the i-th Easy DKIM token of the only identity in `synthesized`. */
function dkimToken(synthesized: string, i: number): string {
  const [name] = Object.keys(parsed(synthesized).resource.aws_sesv2_email_identity);
  return `\${element(aws_sesv2_email_identity.${name}.dkim_signing_attributes[0].tokens, ${i})}`;
}

describe("SesDomainIdentity", () => {
  let synthesized: string;
  beforeAll(() => {
    synthesized = synth();
  });

  test("creates a domain identity with 2048-bit Easy DKIM", () => {
    expect(synthesized).toHaveResourceWithProperties(Sesv2EmailIdentity, {
      email_identity: "example.com",
      dkim_signing_attributes: { next_signing_key_length: "RSA_2048_BIT" },
    });
  });

  test("sets the identity's default configuration set when one is named", () => {
    expect(synth({ configurationSetName: "transactional" })).toHaveResourceWithProperties(
      Sesv2EmailIdentity,
      { configuration_set_name: "transactional" },
    );
  });

  test("has no default configuration set unless one is named", () => {
    const identity = Object.values(parsed(synthesized).resource.aws_sesv2_email_identity)[0];
    expect(identity).not.toHaveProperty("configuration_set_name");
  });

  test("uses mail.<domain> as MAIL FROM domain, falling back to SES's on MX failure", () => {
    expect(synthesized).toHaveResourceWithProperties(Sesv2EmailIdentityMailFromAttributes, {
      email_identity: expect.stringMatching(/^\$\{aws_sesv2_email_identity\..+\.email_identity\}$/),
      mail_from_domain: "mail.example.com",
      behavior_on_mx_failure: "USE_DEFAULT_VALUE",
    });
  });

  test("takes a MAIL FROM domain deeper under the domain", () => {
    expect(synth({ mailFromDomain: "bounce.mail.example.com" })).toHaveResourceWithProperties(
      Sesv2EmailIdentityMailFromAttributes,
      { mail_from_domain: "bounce.mail.example.com" },
    );
  });

  test("lists three DKIM CNAMEs from fixed token indexes, the MAIL FROM MX and SPF", () => {
    const { identity } = build();
    const dkim: DnsRecord = {
      name: expect.stringMatching(/^\$\{TfToken\[TOKEN\.\d+\]\}\._domainkey\.example\.com$/),
      type: "CNAME",
      value: expect.stringMatching(/^\$\{TfToken\[TOKEN\.\d+\]\}\.dkim\.amazonses\.com$/),
    };
    expect(identity.dnsRecords).toEqual([
      dkim,
      dkim,
      dkim,
      {
        name: "mail.example.com",
        type: "MX",
        value: "10 feedback-smtp.eu-west-1.amazonses.com",
      },
      { name: "mail.example.com", type: "TXT", value: "v=spf1 include:amazonses.com ~all" },
    ]);
  });

  test("without a zone, creates no DNS records", () => {
    expect(records(synthesized)).toEqual([]);
  });

  test("with a zone, creates the DKIM CNAMEs at <token>._domainkey pointing at dkim.amazonses.com", () => {
    const withZone = synth({ publicZoneId: ZONE });
    const dkim = records(withZone).filter((r) => r.type === "CNAME");
    expect(dkim.map((r) => [r.name, r.records])).toEqual(
      [0, 1, 2].map((i) => [
        `${dkimToken(withZone, i)}._domainkey.example.com`,
        [`${dkimToken(withZone, i)}.dkim.amazonses.com`],
      ]),
    );
    for (const record of dkim) expect(record).toMatchObject({ zone_id: ZONE, ttl: 600 });
  });

  test("with a zone, creates the MAIL FROM MX and SPF records in the identity's region", () => {
    const withZone = synth({ publicZoneId: ZONE });
    expect(withZone).toHaveResourceWithProperties(Route53Record, {
      zone_id: ZONE,
      name: "mail.example.com",
      type: "MX",
      records: ["10 feedback-smtp.eu-west-1.amazonses.com"],
    });
    expect(withZone).toHaveResourceWithProperties(Route53Record, {
      zone_id: ZONE,
      name: "mail.example.com",
      type: "TXT",
      records: ["v=spf1 include:amazonses.com ~all"],
    });
  });

  test("creates every record with the account's provider", () => {
    for (const record of records(synth({ publicZoneId: ZONE, dmarc: { policy: "none" } }))) {
      expect(record.provider).toBe("aws.test");
    }
  });

  test("publishes a DMARC record with the policy and report address", () => {
    expect(
      synth({
        publicZoneId: ZONE,
        dmarc: { policy: "quarantine", reportAddress: "dmarc-reports@example.com" },
      }),
    ).toHaveResourceWithProperties(Route53Record, {
      name: "_dmarc.example.com",
      type: "TXT",
      records: ["v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com"],
    });
  });

  test("lists a DMARC record without report address when none is given", () => {
    expect(build({ dmarc: { policy: "reject" } }).identity.dnsRecords).toContainEqual({
      name: "_dmarc.example.com",
      type: "TXT",
      value: "v=DMARC1; p=reject",
    });
  });

  test("publishes no DMARC record by default", () => {
    const { identity } = build({ publicZoneId: ZONE });
    expect(identity.dnsRecords.map((r) => r.name)).not.toContain("_dmarc.example.com");
  });

  test("an invalid domain is refused in the constructor", () => {
    expect(() => synth({ domain: "Example.com" })).toThrow(
      'domain must be a lowercase domain name such as example.com; got "Example.com".',
    );
  });

  test("a MAIL FROM domain outside the domain is refused in the constructor", () => {
    expect(() => synth({ mailFromDomain: "mail.example.org" })).toThrow(
      'mailFromDomain must be a subdomain of example.com such as mail.example.com; got "mail.example.org".',
    );
  });

  test("the domain itself as MAIL FROM domain is refused in the constructor", () => {
    expect(() => synth({ mailFromDomain: "example.com" })).toThrow(
      'mailFromDomain must be a subdomain of example.com such as mail.example.com; got "example.com".',
    );
  });

  test("a lookalike MAIL FROM domain that only ends with the domain's name is refused", () => {
    expect(() => synth({ mailFromDomain: "mailexample.com" })).toThrow(
      'mailFromDomain must be a subdomain of example.com such as mail.example.com; got "mailexample.com".',
    );
  });

  test("a zone id of the wrong form is refused in the constructor", () => {
    expect(() => synth({ publicZoneId: "/hostedzone/Z0123456789ABCDEFGHIJ" })).toThrow(
      'publicZoneId must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ; got "/hostedzone/Z0123456789ABCDEFGHIJ".',
    );
  });

  test("a DMARC report address that is not an address is refused in the constructor", () => {
    expect(() =>
      synth({ dmarc: { policy: "none", reportAddress: "mailto:dmarc@example.com" } }),
    ).toThrow(
      'dmarc.reportAddress must be an email address such as ops@example.com; got "mailto:dmarc@example.com".',
    );
  });

  test("an unknown DMARC policy is refused in the constructor", () => {
    expect(() => synth({ dmarc: { policy: "block" as never } })).toThrow(
      'dmarc.policy must be one of none, quarantine, reject; got "block".',
    );
  });

  test("an invalid configuration set name is refused in the constructor", () => {
    expect(() => synth({ configurationSetName: "has space" })).toThrow(
      'configurationSetName must be 1-64 characters of ASCII letters, digits, underscores and hyphens; got "has space".',
    );
  });

  test("an invalid region is refused in the constructor", () => {
    expect(() => synth({ region: "europe" })).toThrow(
      'region must be an AWS region code such as us-east-1; got "europe".',
    );
  });
});
