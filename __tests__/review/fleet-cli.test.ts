import { parallelismBound, parseFleetArgs, selectStacks } from "../../src/review/fleet-cli";
import { deployWaves } from "../../src/review/stack-waves";

const known = ["ses-a", "ses-b", "smtp-hub-eu-west-1", "smtp-hub-us-east-1"];

describe("stack selection", () => {
  test("names and globs select stacks in their known order", () => {
    expect(selectStacks(["smtp-hub-*", "ses-a"], known)).toEqual([
      "ses-a",
      "smtp-hub-eu-west-1",
      "smtp-hub-us-east-1",
    ]);
  });

  test("no names select every stack", () => {
    expect(selectStacks([], known)).toEqual(known);
  });

  test("an unknown name lists the known stacks", () => {
    expect(() => selectStacks(["ses-c", "ses-a"], known)).toThrow(
      'no stack named "ses-c"; known stacks: ses-a, ses-b, smtp-hub-eu-west-1, smtp-hub-us-east-1.',
    );
  });
});

describe("command line", () => {
  test("--changed alone means the merge base; --changed=<ref> names the ref", () => {
    expect(parseFleetArgs(["--changed", "ses-a"])).toMatchObject({
      changed: true,
      stacks: ["ses-a"],
    });
    expect(parseFleetArgs(["--changed=v1.2"])).toMatchObject({ changed: "v1.2", stacks: [] });
  });

  test("--parallelism takes a whole number of at least 1", () => {
    expect(parseFleetArgs(["--parallelism", "3"]).parallelism).toBe(3);
    expect(() => parseFleetArgs(["--parallelism=0"])).toThrow(
      '--parallelism must be a whole number of at least 1; got "0".',
    );
  });

  test("an unknown option is refused unless the command passes it on", () => {
    expect(() => parseFleetArgs(["--auto-approve"])).toThrow("unknown option --auto-approve.");
    expect(parseFleetArgs(["--auto-approve"], ["--auto-approve"]).passThrough).toEqual([
      "--auto-approve",
    ]);
  });
});

describe("parallelism bound", () => {
  const GiB = 1024 ** 3;

  test("memory limits it at 0.55 GB per Terraform run", () => {
    expect(parallelismBound(64, 1.7 * GiB)).toBe(3);
  });

  test("it is at least 1 even when memory is short", () => {
    expect(parallelismBound(1, 0.1 * GiB)).toBe(1);
  });
});

describe("deploy waves", () => {
  const dependencies = new Map([
    ["ses-b", ["smtp-hub-us-east-1"]],
    ["ses-a", ["smtp-hub-us-east-1"]],
    ["ses-solo", []],
    ["smtp-hub-us-east-1", []],
  ]);

  test("hubs and independent stacks come first, then the accounts that read the hubs", () => {
    expect(deployWaves(dependencies)).toEqual([
      ["ses-solo", "smtp-hub-us-east-1"],
      ["ses-a", "ses-b"],
    ]);
  });

  test("a selection keeps the waves of its stacks and drops empty ones", () => {
    expect(deployWaves(dependencies, ["ses-b"])).toEqual([["ses-b"]]);
  });
});
