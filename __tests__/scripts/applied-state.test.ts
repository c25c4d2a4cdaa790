import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  AppliedStates,
  LAST_SEEN_FILE,
  backendLocation,
  checkState,
  leftoverStates,
  unreadable,
  stateLocation,
} from "../../scripts/applied-state";
import { Fleet, planBasis } from "../../scripts/plan";
import { appliedOutputs, remoteStateDefaults } from "../../scripts/remote-state-defaults";

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';

/** A synthesized stack as far as the state checks read it. */
const stackNamed = (name: string, alias: string, extra: object = {}) => ({
  name,
  dir: "",
  json: {
    terraform: { backend: { local: { path: `../../../terraform-state/${name}.tfstate` } } },
    provider: { aws: [{ alias }] },
    output: { event_bucket_name: { value: "b" } },
    ...extra,
  },
});
const tutorial = stackNamed("ses-tutorial", "tutorial");

/** A state as Terraform writes it, with one resource on `provider` tagged `Stack=<stack>`. */
const stateText = (provider: string, stack: string, outputs: object = {}) =>
  JSON.stringify({
    version: 4,
    terraform_version: "1.11.4",
    serial: 3,
    lineage: "0b9f",
    outputs,
    resources: [
      {
        mode: "managed",
        type: "aws_sns_topic",
        name: "reputation-alarms",
        provider,
        instances: [{ attributes: { tags_all: { Stack: stack } } }],
      },
      {
        mode: "managed",
        type: "terraform_data",
        name: "wait",
        provider: 'provider["terraform.io/builtin/terraform"]',
        instances: [{ attributes: {} }],
      },
    ],
  });

describe("where a stack's last applied state is", () => {
  test("local state is found where cdktf deploy runs the stack, as the project's terraform-state/", () => {
    const project = resolve(__dirname, "..", "..");
    expect(backendLocation(tutorial, project)).toEqual({
      kind: "local",
      path: join(project, "terraform-state", "ses-tutorial.tfstate"),
      shown: "terraform-state/ses-tutorial.tfstate",
    });
  });

  test("S3 state is the backend's bucket and key", () => {
    expect(
      stateLocation(
        "s3",
        { bucket: "st", key: "ses/ses-a.tfstate", region: "eu-west-1" },
        "/x",
        "/",
      ),
    ).toEqual({
      kind: "s3",
      bucket: "st",
      key: "ses/ses-a.tfstate",
      region: "eu-west-1",
      shown: "s3://st/ses/ses-a.tfstate",
    });
  });
});

describe("a state in S3 that cannot be read", () => {
  const denied = Object.assign(new Error("Access Denied"), { name: "AccessDenied" });

  test("access denied says it may be a missing object, and every permission the read needs", () => {
    expect(unreadable("s3://st/ses/ses-a.tfstate", denied).message).toBe(
      "cannot read s3://st/ses/ses-a.tfstate with the state bucket's credentials (AccessDenied: Access Denied) (also what S3 answers for a missing object when s3:ListBucket is not allowed); set AWS_PROFILE or other credentials that may s3:GetObject it, s3:ListBucket the bucket with s3:prefix the key, and kms:Decrypt with the state key if state.s3 has kmsKeyArn.",
    );
  });

  test("other failures are named as they are", () => {
    const expired = Object.assign(new Error("token expired"), { name: "ExpiredToken" });
    expect(unreadable("s3://st/k", expired).message).toMatch(
      /^cannot read s3:\/\/st\/k with the state bucket's credentials \(ExpiredToken: token expired\); set AWS_PROFILE/,
    );
  });
});

describe("a state file is planned against only when it is the stack's own Terraform state", () => {
  const shown = "terraform-state/ses-tutorial.tfstate";

  test("the stack's own state is accepted", () => {
    const state = checkState(stateText(`${AWS}.tutorial`, "ses-tutorial"), tutorial, shown);
    expect(state.serial).toBe(3);
  });

  test("text that is not JSON (a truncated copy) is refused with the path and what was expected", () => {
    const truncated = stateText(`${AWS}.tutorial`, "ses-tutorial").slice(0, 100);
    expect(() => checkState(truncated, tutorial, shown)).toThrow(
      'terraform-state/ses-tutorial.tfstate is not Terraform state: it is not JSON (100 bytes; a truncated copy?); expected the Terraform state of ses-tutorial (JSON with "version": 4, "lineage" and "resources", as terraform state pull prints it).',
    );
  });

  test("JSON that is not state format 4 is refused", () => {
    expect(() => checkState('{"version": 3, "modules": []}', tutorial, shown)).toThrow(
      'terraform-state/ses-tutorial.tfstate is not Terraform state; expected the Terraform state of ses-tutorial (JSON with "version": 4, "lineage" and "resources", as terraform state pull prints it).',
    );
  });

  test.each([
    ["null", null],
    ["without a provider", { mode: "managed", type: "aws_sns_topic", name: "t" }],
    [
      "with a null instance",
      { mode: "managed", type: "t", name: "n", provider: AWS, instances: [null] },
    ],
  ])("a resource %s is refused, not a TypeError", (_what, resource) => {
    const text = JSON.stringify({ version: 4, lineage: "0b9f", resources: [resource] });
    expect(() => checkState(text, tutorial, shown)).toThrow(
      'terraform-state/ses-tutorial.tfstate is not Terraform state: resources[0] is not a resource ("mode", "type", "name" and "provider" strings, "instances" objects); expected the Terraform state of ses-tutorial',
    );
  });

  test("another stack's state is refused by its provider alias", () => {
    expect(() => checkState(stateText(`${AWS}.grafana`, "ses-grafana"), tutorial, shown)).toThrow(
      "terraform-state/ses-tutorial.tfstate belongs to another stack: aws_sns_topic.reputation-alarms uses provider aws.grafana; expected the resources of ses-tutorial (provider aws.tutorial, tag Stack=ses-tutorial).",
    );
  });

  test("a state whose resources are tagged for another stack is refused", () => {
    expect(() => checkState(stateText(`${AWS}.tutorial`, "ses-other"), tutorial, shown)).toThrow(
      "belongs to another stack: aws_sns_topic.reputation-alarms is tagged Stack=ses-other;",
    );
  });

  test("a state whose outputs are none of the stack's is refused", () => {
    const hubOutputs = { vpc_endpoint_id: { value: "vpce-1" } };
    expect(() =>
      checkState(stateText(`${AWS}.tutorial`, "ses-tutorial", hubOutputs), tutorial, shown),
    ).toThrow(
      "terraform-state/ses-tutorial.tfstate belongs to another stack: its outputs (vpc_endpoint_id) are none of ses-tutorial's (event_bucket_name).",
    );
  });
});

describe("reading the states of a project", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "ses-state-test-"));
    writeFileSync(join(root, "cdktf.json"), "{}");
    mkdirSync(join(root, "terraform-state"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const put = (stack: string, text: string) =>
    writeFileSync(join(root, "terraform-state", `${stack}.tfstate`), text);

  test("no file is a new stack; a refused file says why", async () => {
    const grafana = stackNamed("ses-grafana", "grafana");
    put("ses-tutorial", stateText(`${AWS}.grafana`, "ses-grafana"));
    const states = new AppliedStates(root);
    expect((await states.of(grafana)).kind).toBe("new");
    expect(await states.of(tutorial)).toEqual({
      kind: "refused",
      location: expect.objectContaining({ shown: "terraform-state/ses-tutorial.tfstate" }),
      reason: expect.stringContaining("belongs to another stack"),
    });
  });

  test("an empty (zero-byte) file is refused, never planned as a new stack", async () => {
    put("ses-tutorial", "");
    expect(await new AppliedStates(root).of(tutorial)).toEqual({
      kind: "refused",
      location: expect.objectContaining({ shown: "terraform-state/ses-tutorial.tfstate" }),
      reason:
        "terraform-state/ses-tutorial.tfstate is empty (0 bytes): a deployed stack's state is never empty, and planning against it would create everything again; restore it (terraform-state/<stack>.tfstate.backup, the S3 object's previous version, or terraform state pull), or delete it if ses-tutorial was never deployed.",
    });
  });

  /** The state of ses-tutorial with another serial or lineage. */
  const version = (serial: number, lineage = "0b9f") =>
    JSON.stringify({
      ...JSON.parse(stateText(`${AWS}.tutorial`, "ses-tutorial")),
      serial,
      lineage,
    });

  test("a state older than the last one planned against is refused with both serials", async () => {
    put("ses-tutorial", version(7));
    expect((await new AppliedStates(root).of(tutorial)).kind).toBe("applied");
    expect(JSON.parse(readFileSync(join(root, LAST_SEEN_FILE), "utf8"))).toEqual({
      "ses-tutorial": { serial: 7, lineage: "0b9f" },
    });
    put("ses-tutorial", version(5));
    expect(await new AppliedStates(root).of(tutorial)).toEqual({
      kind: "refused",
      location: expect.objectContaining({ shown: "terraform-state/ses-tutorial.tfstate" }),
      reason:
        "terraform-state/ses-tutorial.tfstate is older than the last state of ses-tutorial planned against: it has serial 5, lineage 0b9f, the last seen had serial 7; a plan against it would show changes that are already applied. Use the stack's current state (terraform state pull in cdktf.out/stacks/ses-tutorial), or if this older state really is the current one, delete ses-tutorial from terraform-state/.last-seen.json.",
    });
  });

  test("the same or a newer state is planned, and a newer one becomes the last seen", async () => {
    put("ses-tutorial", version(7));
    await new AppliedStates(root).of(tutorial);
    expect((await new AppliedStates(root).of(tutorial)).kind).toBe("applied");
    put("ses-tutorial", version(9));
    expect((await new AppliedStates(root).of(tutorial)).kind).toBe("applied");
    expect(JSON.parse(readFileSync(join(root, LAST_SEEN_FILE), "utf8"))).toEqual({
      "ses-tutorial": { serial: 9, lineage: "0b9f" },
    });
  });

  test("a state of another lineage is planned with a note naming both", async () => {
    put("ses-tutorial", version(7));
    await new AppliedStates(root).of(tutorial);
    put("ses-tutorial", version(1, "5e6f7a8b9c0d"));
    expect(await new AppliedStates(root).of(tutorial)).toEqual(
      expect.objectContaining({
        kind: "applied",
        note: "terraform-state/ses-tutorial.tfstate has another lineage than the last state planned against (serial 1, lineage 5e6f7a8b; last seen serial 7, lineage 0b9f): the state was created anew. Check that it is the stack's current state.",
      }),
    );
  });

  test("a state left by a stack no longer configured is named when it still holds resources", () => {
    put("ses-tutorial", stateText(`${AWS}.tutorial`, "ses-tutorial"));
    put("ses-gone", stateText(`${AWS}.gone`, "ses-gone"));
    put("ses-destroyed", JSON.stringify({ version: 4, lineage: "x", resources: [] }));
    expect(leftoverStates([tutorial], root)).toEqual([
      `!! terraform-state/ses-gone.tfstate holds 2 resources of ses-gone, which is no longer configured: they stay in AWS unless it is destroyed first (see the README's "Remove a resource account").`,
    ]);
  });

  describe("an account reads its hub's last applied outputs", () => {
    const hubOutputs = {
      private_hosted_zone_id: { value: "Z1" },
      authorized_vpc_ids: { value: "" },
    };
    const hub = stackNamed("smtp-hub-us-east-1", "hub-us-east-1", {
      output: {
        private_hosted_zone_id: { value: "${aws_route53_zone.z.zone_id}" },
        authorized_vpc_ids: { value: { tutorial: "vpc-1", newteam: "vpc-3" } },
      },
    });
    const account = stackNamed("ses-tutorial", "tutorial", {
      resource: {
        aws_route53_zone_association: {
          "email-smtp": {
            zone_id: "${data.terraform_remote_state.hub-us-east-1.outputs.private_hosted_zone_id}",
            vpc_id:
              '${lookup(data.terraform_remote_state.hub-us-east-1.outputs.authorized_vpc_ids, "tutorial")}',
          },
        },
      },
      data: {
        terraform_remote_state: {
          "hub-us-east-1": {
            backend: "local",
            config: { path: "../../../terraform-state/smtp-hub-us-east-1.tfstate" },
          },
        },
      },
    });
    const fleet = (): Fleet => {
      const stacks = [hub, account];
      return { stacks, states: new AppliedStates(root), placeholders: remoteStateDefaults(stacks) };
    };

    test("its own state, the hub's values, and placeholders only where the hub has not deployed the account", async () => {
      put("ses-tutorial", stateText(`${AWS}.tutorial`, "ses-tutorial"));
      put(
        "smtp-hub-us-east-1",
        stateText(`${AWS}.hub-us-east-1`, "smtp-hub-us-east-1", {
          ...hubOutputs,
          authorized_vpc_ids: { value: { newteam: "vpc-3", removed: "vpc-9" } },
        }),
      );
      const basis = await planBasis(account, fleet());
      expect(basis.state.kind).toBe("applied");
      expect(basis.refused).toBeUndefined();
      expect(basis.remoteStateDefaults["hub-us-east-1"]).toEqual({
        private_hosted_zone_id: "Z1",
        authorized_vpc_ids: {
          tutorial: "offline-authorized_vpc_ids-tutorial",
          removed: "vpc-9",
          newteam: "vpc-3",
        },
      });
      // Only what this account reads is noted: its own authorization, not another's.
      expect(basis.notes).toEqual([
        "not in smtp-hub-us-east-1's last applied state, so placeholders: authorized_vpc_ids.tutorial (deploy smtp-hub-us-east-1 first).",
      ]);
    });

    test("a hub without state gives placeholders, and says so", async () => {
      const basis = await planBasis(account, fleet());
      expect(basis.state.kind).toBe("new");
      expect(basis.notes).toEqual([
        "smtp-hub-us-east-1 has no state yet: the outputs read from it are placeholders.",
      ]);
    });

    test("a refused hub state refuses the account too: never a plan against the wrong outputs", async () => {
      put("smtp-hub-us-east-1", stateText(`${AWS}.tutorial`, "ses-tutorial"));
      const basis = await planBasis(account, fleet());
      expect(basis.refused).toMatch(
        /^it reads the outputs of smtp-hub-us-east-1, whose state is refused: terraform-state\/smtp-hub-us-east-1.tfstate belongs to another stack/,
      );
    });
  });
});

test("applied outputs keep keys the configuration no longer has and fill the ones not deployed", () => {
  expect(
    appliedOutputs(
      { zone: "offline-zone", ids: { a: "offline-ids-a", b: "offline-ids-b" }, ports: ["p"] },
      { zone: { value: "Z9" }, ids: { value: { a: "vpc-a", old: "vpc-old" } } },
    ),
  ).toEqual({
    values: { zone: "Z9", ids: { a: "vpc-a", old: "vpc-old", b: "offline-ids-b" }, ports: ["p"] },
    missing: ["ids.b", "ports"],
  });
});
