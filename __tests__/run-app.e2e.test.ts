/**
 * scripts/run-app.js runs an esbuild bundle of the app in which cdktf's per-token stack-trace
 * capture is a no-op (half the synthesis time of 300 accounts). These tests fail loudly when a
 * cdktf update moves or stops using that module, or when the bundle's output differs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { synthesizedStacks } from "../src/review/offline-terraform";
import { exampleConfig, synthToDisk } from "../test-support/synth";

const root = join(__dirname, "..");
const cdktfLib = join(dirname(require.resolve("cdktf/package.json")), "lib");
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), "run-app-"));
  execFileSync("node", ["scripts/run-app.js"], {
    cwd: root,
    env: { ...process.env, CDKTF_OUTDIR: outdir, SES_CONFIG: "config/example.yaml" },
  });
});

test.each(["tokens/lazy.js", "tokens/private/intrinsic.js"])(
  "cdktf's %s records each token's creation stack with tokens/private/stack-trace.js, the module the bundle stubs",
  (file) => {
    const source = readFileSync(join(cdktfLib, file), "utf8");
    expect(source).toMatch(/require\("\.\/(private\/)?stack-trace"\)/);
    expect(source).toContain("this.creationStack = (0, stack_trace_1.captureStackTrace)();");
  },
);

test("the app bundle carries the stub instead of cdktf's stack-trace module", () => {
  const bundle = readFileSync(join(root, "dist", "app", "main.js"), "utf8");
  expect(bundle).toContain("captureStackTrace=()=>[]");
});

test("the bundle synthesizes exactly what the app built from source does", () => {
  const fromBundle = synthesizedStacks(outdir).map((s) => [s.name, s.json]);
  const fromSource = synthToDisk(exampleConfig()).map((s) => [s.name, s.json]);
  expect(fromBundle).toEqual(fromSource);
});
