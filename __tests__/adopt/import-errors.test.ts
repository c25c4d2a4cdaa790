import { explainImportError } from "../../src/adopt/import-errors";

/** Terraform 1.11's diagnostic (summary: detail) for an import of an id that does not exist. */
const nonExistent = (address: string) =>
  `Cannot import non-existent remote object: While attempting to import an existing object to "${address}", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use "terraform apply" to create a new remote object for this resource.`;

const stack = {
  import: [
    {
      "//": "adopted from smtpHubs[0].adopt.ingressRules[0]",
      id: "sgr-0123456789abcdef0",
      provider: "aws.hub-us-east-1",
      to: "aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587",
    },
  ],
};

describe("import errors name the configuration path", () => {
  test("a nonexistent id is reported at the adopt entry that produced its import block", () => {
    expect(
      explainImportError(
        stack,
        nonExistent("aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587"),
      ),
    ).toBe(
      "smtpHubs[0].adopt.ingressRules[0]: sgr-0123456789abcdef0 does not exist (in the account and region of the stack's provider), so Terraform cannot import it into aws_vpc_security_group_ingress_rule.tutorial_10-1-0-0-16_587: correct the id (npm run adopt finds it), or remove the entry to have the resource created.",
    );
  });

  test("other errors, and imports no adopt entry asked for, are left as Terraform wrote them", () => {
    const other = nonExistent("aws_route53_zone.email-smtp");
    expect(explainImportError(stack, other)).toBe(other);
    expect(explainImportError(stack, "Resource precondition failed: x")).toBe(
      "Resource precondition failed: x",
    );
  });
});
