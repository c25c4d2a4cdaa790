import { parseAdoptArgs } from "../../src/adopt/adopt";
import { importPlanReport } from "../../src/adopt/import-plan";

const stack = {
  name: "smtp-hub-us-east-1",
  dir: "unused",
  json: {
    import: [
      {
        "//": "adopted from smtpHubs[0].adopt.securityGroups[0]",
        id: "sg-0123456789abcdef0",
        to: "aws_security_group.email-smtp_0",
      },
      {
        "//": "adopted from smtpHubs[0].adopt.vpcEndpoint",
        id: "vpce-0123456789abcdef0",
        to: "aws_vpc_endpoint.email-smtp",
      },
    ],
  },
};

const change = (address: string, actions: string[], importing = true) => ({
  address,
  mode: "managed",
  change: { actions, ...(importing ? { importing: { id: "x" } } : {}) },
});

describe("npm run adopt -- --plan", () => {
  test("counts what the import plan does and names each import's configuration path", () => {
    const report = importPlanReport(stack, [
      change("aws_vpc_endpoint.email-smtp", ["update"]),
      change("aws_security_group.email-smtp_0", ["no-op"]),
      change("aws_vpc_security_group_ingress_rule.a_10-1-0-0-16_587", ["create"], false),
    ]);
    expect(report).toEqual({
      name: "smtp-hub-us-east-1",
      head: "2 to import, 1 to create, 1 to update, 0 to replace, 0 to delete",
      lines: [
        "aws_security_group.email-smtp_0 (smtpHubs[0].adopt.securityGroups[0]): import",
        "aws_vpc_endpoint.email-smtp (smtpHubs[0].adopt.vpcEndpoint): import + update",
      ],
      errors: [],
    });
  });

  test("an adopted resource imported and then replaced is an error naming its path", () => {
    const report = importPlanReport(stack, [
      change("aws_security_group.email-smtp_0", ["create", "delete"]),
    ]);
    expect(report.head).toBe("1 to import, 0 to create, 0 to update, 1 to replace, 0 to delete");
    expect(report.errors).toEqual([
      'smtpHubs[0].adopt.securityGroups[0]: aws_security_group.email-smtp_0 is imported and then replaced; adoption never does that: configure the resource as it is (see docs/adopting.md "What the first apply changes").',
    ]);
  });

  test("--plan takes --outdir and stack names, and neither --write nor --from-state", () => {
    expect(parseAdoptArgs(["--plan", "--outdir", "out", "smtp-hub-us-east-1"])).toEqual({
      write: false,
      plan: true,
      outdir: "out",
      stacks: ["smtp-hub-us-east-1"],
    });
    expect(() => parseAdoptArgs(["smtp-hub-us-east-1"])).toThrow(
      "stack names (smtp-hub-us-east-1) go with --plan only.",
    );
    expect(() => parseAdoptArgs(["--plan", "--write"])).toThrow(
      "--plan plans the synthesized stacks; it takes no --write or --from-state.",
    );
  });
});
