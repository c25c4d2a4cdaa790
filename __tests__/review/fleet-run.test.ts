import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { driftReport, driftStatus, summaryRow } from "../../src/review/fleet-run";
import {
  RefreshedPlan,
  readPlanStream,
  refreshedOverride,
  roleEnvironment,
} from "../../src/review/refreshed-plan";
import { hubWithClients } from "../../test-support/hub";
import { config, synthToDisk } from "../../test-support/synth";

const stacks = synthToDisk(config(hubWithClients(2)));
const account = stacks.find((s) => s.name.startsWith("ses-"))!;

/** Lines as `terraform plan -json` writes them. */
const stream = (...messages: object[]) => messages.map((m) => JSON.stringify(m)).join("\n");
const resource = (addr: string) => {
  const [type, name] = addr.split(".");
  return { addr, resource_type: type, resource_name: name };
};

describe("reading a refreshed plan", () => {
  const drift = {
    type: "resource_drift",
    change: { resource: resource("aws_ses_configuration_set.default"), action: "update" },
  };
  const planned = {
    type: "planned_change",
    change: { resource: resource("aws_ses_configuration_set.default"), action: "update" },
  };

  test("drift outside Terraform and the changes the plan would make are told apart", () => {
    const lines = stream({ type: "version" }, drift, planned, { type: "change_summary" });
    expect(readPlanStream(account, lines, 0)).toEqual({
      drifted: ["aws_ses_configuration_set.default (update)"],
      pending: ["aws_ses_configuration_set.default (update)"],
      errors: [],
    });
  });

  test("an error diagnostic, or a failure without one, is an error", () => {
    const error = {
      type: "diagnostic",
      diagnostic: { severity: "error", summary: "AccessDenied", detail: "not authorized" },
    };
    expect(readPlanStream(account, stream(error), 1).errors).toEqual([
      "AccessDenied: not authorized",
    ]);
    expect(readPlanStream(account, "", 1, "boom\n").errors).toEqual(["boom"]);
  });
});

describe("drift report and exit status", () => {
  const plan = (p: Partial<RefreshedPlan>): RefreshedPlan => ({
    stack: "ses-a",
    drifted: [],
    pending: [],
    errors: [],
    seconds: 12.4,
    ...p,
  });

  test("0 when nothing differs, 3 on drift or changes not applied, 1 when a stack was not checked", () => {
    expect(driftStatus([plan({})])).toBe(0);
    expect(driftStatus([plan({}), plan({ drifted: ["x (delete)"] })])).toBe(3);
    expect(driftStatus([plan({ pending: ["x (create)"] })])).toBe(3);
    expect(driftStatus([plan({ drifted: ["x (delete)"] }), plan({ errors: ["denied"] })])).toBe(1);
    expect(driftStatus([plan({ skipped: "no planRoleArn" })])).toBe(0);
  });

  test("each stack is a row of the summary table and a group of lines", () => {
    const drifted = plan({
      drifted: ["aws_sns_topic.t (update)"],
      pending: ["aws_sns_topic.t (update)"],
    });
    expect(summaryRow(drifted)).toBe("| ses-a | 1 drifted, 1 to change | 12 s |");
    expect(summaryRow(plan({ pending: ["x (create)"], offline: true }))).toBe(
      "| ses-a | 1 to change (offline plan: no planRoleArn) | 12 s |",
    );
    expect(summaryRow(plan({}))).toBe("| ses-a | no changes | 12 s |");
    expect(summaryRow(plan({ skipped: "no planRoleArn" }))).toBe(
      "| ses-a | not checked: no planRoleArn | 12 s |",
    );
    expect(summaryRow(plan({ errors: ["AccessDenied: x\nmore"] }))).toBe(
      "| ses-a | error: AccessDenied: x | 12 s |",
    );
    expect(driftReport(drifted)).toEqual([
      "== ses-a: 1 drifted, 1 to change",
      "  drifted: aws_sns_topic.t (update)",
      "  pending: aws_sns_topic.t (update)",
    ]);
  });
});

describe("the override of a refreshed plan", () => {
  const defaults = { [Object.keys(account.json.data.terraform_remote_state)[0]]: { a: 1 } };

  test("the provider assumes the plan role, never the apply role, and keeps the real backend", () => {
    const plan = "arn:aws:iam::100000000001:role/terraform-plan";
    const override = refreshedOverride(account, plan, defaults) as any;
    expect(override.provider.aws).toEqual([
      {
        alias: account.json.provider.aws[0].alias,
        assume_role: [{ role_arn: plan, session_name: `cdktf-${account.name}` }],
      },
    ]);
    expect(override.terraform).toBeUndefined();
  });

  test("the hub's outputs come from the given values (placeholders for keys not deployed)", () => {
    const override = refreshedOverride(
      account,
      "arn:aws:iam::100000000001:role/terraform-plan",
      defaults,
    ) as any;
    const [name, read] = Object.entries(override.data.terraform_remote_state)[0] as [string, any];
    expect(read).toMatchObject({ backend: "local", defaults: defaults[name] });
  });
});

describe("credentials of a stack's run", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("outside GitHub Actions the environment's credentials are used as they are", async () => {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    delete process.env.GITHUB_ACTIONS;
    process.env.AWS_PROFILE = "me";
    const { env } = await roleEnvironment("arn:aws:iam::1:role/p", account);
    expect(env.AWS_PROFILE).toBe("me");
    expect(env.AWS_ROLE_ARN).toBeUndefined();
  });

  test("in GitHub Actions without id-token: write the job is told what it lacks", async () => {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    process.env.GITHUB_ACTIONS = "true";
    await expect(roleEnvironment("arn:aws:iam::1:role/p", account)).rejects.toThrow(
      "no OIDC token in this job: give it permissions: id-token: write.",
    );
  });

  test("in GitHub Actions each stack gets a fresh OIDC token for its own role, and no job keys", async () => {
    const requests: { url?: string; auth?: string }[] = [];
    const server = createServer((req, res) => {
      requests.push({ url: req.url, auth: req.headers.authorization });
      res.end(JSON.stringify({ value: "eyJ.token" }));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `http://127.0.0.1:${port}/token?api-version=2.0`;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = "request-token";
    process.env.AWS_ACCESS_KEY_ID = "state-reader";
    try {
      const role = "arn:aws:iam::100000000001:role/terraform-plan";
      const { env } = await roleEnvironment(role, account);
      expect(requests).toEqual([
        { url: "/token?api-version=2.0&audience=sts.amazonaws.com", auth: "bearer request-token" },
      ]);
      expect(env).toMatchObject({
        AWS_ROLE_ARN: role,
        AWS_ROLE_SESSION_NAME: `cdktf-${account.name}`,
      });
      expect(readFileSync(env.AWS_WEB_IDENTITY_TOKEN_FILE!, "utf8")).toBe("eyJ.token");
      expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    } finally {
      // The client's keep-alive connection would hold the worker open for seconds after the run.
      server.closeAllConnections();
      server.close();
    }
  });
});
