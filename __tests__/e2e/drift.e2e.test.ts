/**
 * Drift detection (npm run drift, the workflow's drift job) against the AWS emulator: an account
 * stack applied, then planned with refresh as its plan role: nothing differs; then its
 * configuration set deleted outside Terraform: the refreshed plan reports both resources drifted
 * and to be created again, and the drift status is 3.
 */
import { driftStatus } from "../../src/review/fleet-run";
import { refreshedPlan } from "../../src/review/refreshed-plan";
import { stackEntry } from "../../src/review/stacks";
import { Deployment, describeWithEmulator } from "../../test-support/emulator/fleet-run";

jest.setTimeout(600_000);

const ID = "111111111111";
const PLAN_ROLE = `arn:aws:iam::${ID}:role/terraform-plan`;

describeWithEmulator("drift detection on an applied account", () => {
  const deployment = new Deployment(1);
  const plan = () => {
    const stack = deployment.stack("ses-solo");
    return refreshedPlan(stack, stackEntry(stack, PLAN_ROLE), PLAN_ROLE, {});
  };

  beforeAll(async () => {
    await deployment.start();
    await deployment.seed({
      accounts: [
        {
          name: "solo",
          accountId: ID,
          region: "us-east-1",
          roleArn: `arn:aws:iam::${ID}:role/terraform`,
          planRoleArn: PLAN_ROLE,
          eventPublishing: {
            configurationSets: [
              {
                name: "solo-events",
                eventDestinations: [
                  {
                    name: "metrics",
                    matchingTypes: ["send"],
                    cloudwatch: { dimensions: [{ name: "campaign", defaultValue: "none" }] },
                  },
                ],
              },
            ],
          },
        },
      ],
    });
    await deployment.applyAll();
  });

  afterAll(() => deployment.stop());

  test("right after the apply, the plan role's refreshed plan finds nothing", async () => {
    const result = await plan();
    expect(result).toMatchObject({ errors: [], drifted: [], pending: [] });
    expect(driftStatus([result])).toBe(0);
  });

  test("a configuration set deleted outside Terraform is drift, and exit status 3", async () => {
    // A Query call as moto knows it (this SDK's SES v1 speaks a protocol moto lacks), in the
    // account named by moto's x-moto-account-id header.
    const response = await fetch(deployment.emulator.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-moto-account-id": ID,
        authorization:
          "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: "Action=DeleteConfigurationSet&Version=2010-12-01&ConfigurationSetName=solo-events",
    });
    expect(response.status).toBe(200);
    const result = await plan();
    expect(result.errors).toEqual([]);
    expect(result.drifted).toContain("aws_ses_configuration_set.solo-events (delete)");
    expect(result.pending).toContain("aws_ses_configuration_set.solo-events (create)");
    expect(driftStatus([result])).toBe(3);
  });
});
