import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { Section, writeSections } from "../../src/adopt/adopt";
import { mergeSection } from "../../src/adopt/merge";

const ZONE = "Z0123456789ABCDEFGHIJ";
const VPC = "vpc-0111111111111111a";
const sources = { file: "ses.yaml", found: "--from-state old.json" };

describe("npm run adopt -- --write merges with what the file says", () => {
  let file: string;

  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), "adopt-merge-")), "ses.yaml");
    writeFileSync(
      file,
      "# my fleet\naccounts:\n  - name: tutorial # the tutorial's account\n    region: us-east-1\nsmtpHubs:\n  - region: us-east-1\n",
    );
  });

  const write = (found: object, foundBy: string, at: Section["path"]) =>
    writeSections(
      file,
      [{ path: at, label: "x", found: { notes: [], ...found } as never }],
      foundBy,
    );

  test("discovery then --from-state: both sections combine, comments kept", () => {
    write({ adopt: { zoneAssociation: `${ZONE}:${VPC}` } }, "discovery", ["accounts", 0]);
    write(
      { adopt: { configurationSets: ["tf-configuration-set"], bucket: "tf-events" } },
      "--from-state old.json",
      ["accounts", 0],
    );
    const text = readFileSync(file, "utf8");
    expect(text).toContain("# my fleet");
    expect(text).toContain("# the tutorial's account");
    expect(parse(text).accounts[0].adopt).toEqual({
      zoneAssociation: `${ZONE}:${VPC}`,
      configurationSets: ["tf-configuration-set"],
      bucket: "tf-events",
    });
  });

  test("the hub's group names and descriptions go beside adopt, where they stay", () => {
    const group = { name: "ses-smtp-vpce-sg", description: "SMTP from resource accounts" };
    write(
      {
        settings: { securityGroups: [group] },
        adopt: { securityGroups: ["sg-0123456789abcdef0"] },
      },
      "discovery",
      ["smtpHubs", 0],
    );
    expect(parse(readFileSync(file, "utf8")).smtpHubs[0]).toEqual({
      region: "us-east-1",
      securityGroups: [group],
      adopt: { securityGroups: ["sg-0123456789abcdef0"] },
    });
  });

  test("the hub's API endpoint section goes under apiEndpoint, beside its own settings", () => {
    writeFileSync(
      file,
      "smtpHubs:\n  - region: us-east-1\n    apiEndpoint:\n      enabled: true\n",
    );
    const group = { name: "ses-api-vpce-sg", description: "HTTPS from resource accounts" };
    const api = ["smtpHubs", 0, "apiEndpoint"] as const;
    write(
      {
        settings: { securityGroups: [group] },
        adopt: { vpcEndpoint: "vpce-0123456789abcdef0", securityGroups: ["sg-0123456789abcdef0"] },
      },
      "discovery",
      [...api],
    );
    expect(parse(readFileSync(file, "utf8")).smtpHubs[0]).toEqual({
      region: "us-east-1",
      apiEndpoint: {
        enabled: true,
        securityGroups: [group],
        adopt: { vpcEndpoint: "vpce-0123456789abcdef0", securityGroups: ["sg-0123456789abcdef0"] },
      },
    });
    expect(() =>
      write({ adopt: { vpcEndpoint: "vpce-0fedcba9876543210" } }, "discovery", [...api]),
    ).toThrow(
      "smtpHubs[0].apiEndpoint.adopt.vpcEndpoint: " +
        `${file} has vpce-0123456789abcdef0, but discovery found vpce-0fedcba9876543210`,
    );
  });

  test("two runs that disagree are refused with both values and their sources; the file is left as it was", () => {
    write({ adopt: { zoneAssociation: `${ZONE}:${VPC}` } }, "discovery", ["accounts", 0]);
    const before = readFileSync(file, "utf8");
    expect(() =>
      write({ adopt: { zoneAssociation: `Z9999999999:${VPC}` } }, "--from-state old.json", [
        "accounts",
        0,
      ]),
    ).toThrow(
      `${file} is left as it was: what was found disagrees with it.\naccounts[0].adopt.zoneAssociation: ${file} has ${ZONE}:${VPC}, but --from-state old.json found Z9999999999:${VPC}; one of them is not the resource to adopt: correct or remove the entry in ${file} and run again.`,
    );
    expect(readFileSync(file, "utf8")).toBe(before);
  });
});

describe("mergeSection", () => {
  test("lists of names are joined; a rule is known by account, CIDR and port; a shard by position", () => {
    const rule = (id: string, account: string) => ({ id, account, cidr: "10.1.0.0/16", port: 587 });
    const conflicts: string[] = [];
    const merged = mergeSection(
      "smtpHubs[0].adopt",
      {
        authorizations: [`${ZONE}:${VPC}`],
        ingressRules: [rule("sgr-0123456789abcdef0", "tutorial")],
        securityGroups: ["sg-0123456789abcdef0"],
      },
      {
        authorizations: [`${ZONE}:vpc-0222222222222222b`, `${ZONE}:${VPC}`],
        ingressRules: [rule("sgr-0123456789abcdef1", "grafana")],
        securityGroups: ["sg-0123456789abcdef0", "sg-0123456789abcdef1"],
      },
      sources,
      conflicts,
    );
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({
      authorizations: [`${ZONE}:${VPC}`, `${ZONE}:vpc-0222222222222222b`],
      ingressRules: [
        rule("sgr-0123456789abcdef0", "tutorial"),
        rule("sgr-0123456789abcdef1", "grafana"),
      ],
      securityGroups: ["sg-0123456789abcdef0", "sg-0123456789abcdef1"],
    });
  });

  test("another id for the same rule, or another group for the same shard, is a conflict", () => {
    const conflicts: string[] = [];
    mergeSection(
      "smtpHubs[0].adopt",
      {
        ingressRules: [
          { id: "sgr-0123456789abcdef0", account: "a", cidr: "10.1.0.0/16", port: 587 },
        ],
        securityGroups: ["sg-0123456789abcdef0"],
      },
      {
        ingressRules: [
          { id: "sgr-0123456789abcdef9", account: "a", cidr: "10.1.0.0/16", port: 587 },
        ],
        securityGroups: ["sg-0123456789abcdef9"],
      },
      sources,
      conflicts,
    );
    expect(conflicts).toEqual([
      'smtpHubs[0].adopt.ingressRules[0]: ses.yaml has {"id":"sgr-0123456789abcdef0","account":"a","cidr":"10.1.0.0/16","port":587}, but --from-state old.json found {"id":"sgr-0123456789abcdef9","account":"a","cidr":"10.1.0.0/16","port":587}; one of them is not the resource to adopt: correct or remove the entry in ses.yaml and run again.',
      "smtpHubs[0].adopt.securityGroups[0]: ses.yaml has sg-0123456789abcdef0, but --from-state old.json found sg-0123456789abcdef9; one of them is not the resource to adopt: correct or remove the entry in ses.yaml and run again.",
    ]);
  });
});
