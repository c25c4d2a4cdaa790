import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const AWS = join("registry.terraform.io", "hashicorp", "aws");
const ZIP = "terraform-provider-aws_5.100.0_linux_amd64.zip";

/** scripts/provider-mirror.sh with TF_PROVIDER_MIRROR set to `mirror`. */
const mirrorScript = (mirror: string) =>
  spawnSync("bash", ["scripts/provider-mirror.sh"], {
    encoding: "utf8",
    env: { ...process.env, TF_PROVIDER_MIRROR: mirror },
  });

describe("scripts/provider-mirror.sh", () => {
  const dir = mkdtempSync(join(tmpdir(), "ses-mirror-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a packed mirror counts only if its archive is a real zip, not a leftover empty file", () => {
    mkdirSync(join(dir, AWS), { recursive: true });
    writeFileSync(join(dir, AWS, ZIP), "");
    const empty = mirrorScript(dir);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain(`TF_PROVIDER_MIRROR=${dir} holds no hashicorp/aws 5.100.0`);

    // A zip's local file header, padded past the size a real provider archive always exceeds.
    writeFileSync(
      join(dir, AWS, ZIP),
      Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(2e6)]),
    );
    const packed = mirrorScript(dir);
    expect(packed.status).toBe(0);
    expect(packed.stdout.trim()).toBe(dir);
  });

  test("an unpacked mirror is taken as it is", () => {
    const unpacked = join(dir, "unpacked");
    mkdirSync(join(unpacked, AWS, "5.100.0", "linux_amd64"), { recursive: true });
    expect(mirrorScript(unpacked).stdout.trim()).toBe(unpacked);
  });
});
