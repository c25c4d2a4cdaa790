/**
 * setup.js drops the stack trace cdktf captures for every token, as the app's bundle does
 * (src/review/app-bundle.js): under Jest each one went through source-map support, most of the
 * CPU of synthesizing in a test. A cdktf that captured them elsewhere would make the tier slow again.
 */
import { Lazy } from "cdktf";
import { Intrinsic } from "cdktf/lib/tokens/private/intrinsic";

test("tokens cdktf creates in a test carry no creation stack", () => {
  const tokens = [new Intrinsic("x"), Lazy.anyValue({ produce: () => "x" })];
  expect(tokens.map((token) => token.creationStack)).toEqual([[], []]);
});
