import { problems } from "../../test-support/problems";
import { accountInput, config } from "../../test-support/fixtures";

const ACCOUNT_KEY = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OWN_KEY = "arn:aws:kms:us-east-1:222222222222:key/0f0e0d0c-0b0a-0908-0706-050403020100";

/** The account of a one-account file, loaded as the app loads it. */
function loadedAccount(overrides: Record<string, unknown>) {
  const sending = { domain: "example.com", applications: [{ name: "app" }] };
  return config({ accounts: [accountInput({ sending, ...overrides })] }).accounts[0];
}

test("an account's kmsKeyArn becomes the key of every section that names none", () => {
  const account = loadedAccount({ kmsKeyArn: ACCOUNT_KEY });
  expect([
    account.eventPublishing?.bucket.kmsKeyArn,
    account.eventPublishing?.deliveryStream.kmsKeyArn,
    account.eventPublishing?.logs.kmsKeyArn,
    account.sending?.secretKmsKeyArn,
    account.sending?.alarms.topicKmsKeyArn,
  ]).toEqual(Array(5).fill(ACCOUNT_KEY));
});

test("a section's own key wins over the account's", () => {
  const account = loadedAccount({
    kmsKeyArn: ACCOUNT_KEY,
    eventPublishing: {
      ...(accountInput().eventPublishing as object),
      logs: { kmsKeyArn: OWN_KEY },
    },
  });
  expect(account.eventPublishing?.logs.kmsKeyArn).toBe(OWN_KEY);
  expect(account.eventPublishing?.bucket.kmsKeyArn).toBe(ACCOUNT_KEY);
});

test("without an account key, the sections keep theirs (none: AWS's default encryption)", () => {
  const account = loadedAccount({});
  expect(account.eventPublishing?.bucket.kmsKeyArn).toBeUndefined();
  expect(account.sending?.secretKmsKeyArn).toBeUndefined();
});

test("a wrong account key is reported once, at its own path, not at each section it fills", () => {
  const wrongRegion = ACCOUNT_KEY.replace("us-east-1", "eu-west-1");
  const found = problems({ accounts: [accountInput({ kmsKeyArn: wrongRegion })] });
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/^accounts\[0\]\.kmsKeyArn /);
});
