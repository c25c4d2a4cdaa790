import { boundedInOrder } from "../../scripts/plan";

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("plans at once, output in order", () => {
  test("never runs more than the bound at once", async () => {
    let running = 0;
    let most = 0;
    await boundedInOrder(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        most = Math.max(most, ++running);
        await delay(5 * n);
        running--;
      },
      () => undefined,
    );
    expect(most).toBe(2);
  });

  test("hands results on in the items' order, even when later ones finish first", async () => {
    const printed: string[] = [];
    const results = await boundedInOrder(
      ["slow", "fast", "faster"],
      3,
      async (name) => {
        await delay({ slow: 30, fast: 10, faster: 1 }[name]!);
        return name;
      },
      (name) => printed.push(name),
    );
    expect(printed).toEqual(["slow", "fast", "faster"]);
    expect(results).toEqual(printed);
  });
});
