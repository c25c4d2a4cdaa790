import { problems } from "../../test-support/problems";
import { hubWithClients } from "../../test-support/hub";
import { accountInput } from "../../test-support/fixtures";

/** `count` distinct tags k0…k(count-1). */
function manyTags(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, "v"]));
}

describe("tags are counted with the project's own", () => {
  test("48 configured tags and ManagedBy and Stack make AWS's 50", () => {
    expect(problems({ tags: manyTags(48), accounts: [accountInput()] })).toEqual([]);
  });

  test("a 49th configured tag is refused: the resources would carry 51", () => {
    expect(
      problems({ tags: manyTags(48), accounts: [accountInput({ tags: { extra: "x" } })] }),
    ).toEqual([
      "accounts[0].tags must leave room under AWS's 50 tags per resource: with the top-level tags and the project's own (ManagedBy, Stack), the resources of stack ses-team-a would carry 51.",
    ]);
  });

  test("an account tag that replaces a top-level one is counted once", () => {
    expect(
      problems({ tags: manyTags(48), accounts: [accountInput({ tags: { k0: "other" } })] }),
    ).toEqual([]);
  });

  test("the hub's EC2 resources also carry Name, so 47 configured tags are the most", () => {
    expect(problems({ tags: manyTags(47), ...hubWithClients(1) })).toEqual([]);
    expect(problems({ tags: manyTags(48), ...hubWithClients(1) })).toEqual([
      "smtpHubs[0].tags must leave room under AWS's 50 tags per resource: with the top-level tags and the project's own (ManagedBy, Stack, Name), the resources of stack smtp-hub-us-east-1 would carry 51.",
    ]);
  });
});

describe("IAM compares tag keys without case", () => {
  test("a tag stack collides with the project's Stack", () => {
    expect(problems({ accounts: [accountInput({ tags: { stack: "x" } })] })).toEqual([
      "accounts[0].tags.stack must not differ only in case from the project's tag Stack: IAM compares tag keys without case, so the IAM roles and users of stack ses-team-a would be refused.",
    ]);
  });

  test("an account tag Team collides with a top-level team", () => {
    expect(
      problems({ tags: { team: "a" }, accounts: [accountInput({ tags: { Team: "b" } })] }),
    ).toEqual([
      "accounts[0].tags.Team must not differ only in case from tag tags.team: IAM compares tag keys without case, so the IAM roles and users of stack ses-team-a would be refused.",
    ]);
  });

  test("a tag Stack spelled as the project's is replaced by it, as documented", () => {
    expect(problems({ accounts: [accountInput({ tags: { Stack: "mine" } })] })).toEqual([]);
  });

  test("the SMTP hub has no IAM resources: case alone is not refused there", () => {
    expect(problems(hubWithClients(1, { tags: { stack: "x" } }))).toEqual([]);
  });
});

describe("EC2 tags are shorter", () => {
  const hubTag = (key: string, value: string) =>
    problems(hubWithClients(1, { tags: { [key]: value } }));

  test("a 127-character key and a 255-character value fit the hub's EC2 resources", () => {
    expect(hubTag("k".repeat(127), "v".repeat(255))).toEqual([]);
  });

  test("a 128-character key is refused on the hub, with the limit", () => {
    expect(hubTag("k".repeat(128), "v")).toEqual([
      "smtpHubs[0].tags.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…(a key of 128 characters) key must be at most 127 characters: it tags the EC2 resources of stack smtp-hub-us-east-1, where AWS allows 127.",
    ]);
  });

  test("a 256-character value is refused on the hub, with its length", () => {
    expect(hubTag("team", "v".repeat(256))).toEqual([
      "smtpHubs[0].tags.team value must be at most 255 characters: it tags the EC2 resources of stack smtp-hub-us-east-1, where AWS allows 255; it has 256.",
    ]);
  });

  test("a top-level tag too long for EC2 is refused once a hub exists", () => {
    expect(problems({ tags: { team: "v".repeat(256) }, ...hubWithClients(1) })).toEqual([
      "tags.team value must be at most 255 characters: it tags the EC2 resources of stack smtp-hub-us-east-1, where AWS allows 255; it has 256.",
    ]);
  });

  test("elsewhere 128 and 256 characters are allowed", () => {
    expect(
      problems({ accounts: [accountInput({ tags: { ["k".repeat(128)]: "v".repeat(256) } })] }),
    ).toEqual([]);
  });
});
