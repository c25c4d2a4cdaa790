/**
 * A real MTA for the smtp-check tests: Debian's Postfix with Dovecot SASL, configured in a temp
 * directory, listening on 127.0.0.x (STARTTLS on 587, implicit TLS on 465), started and stopped
 * by PID. It needs root and the Debian packages postfix and dovecot-core; `postfixMissing()`
 * says why it cannot run, so the tests can be skipped with that reason.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { DropNamespace } from "./netns";
import { TestCertificate } from "./smtp-server";

const MASTER = "/usr/lib/postfix/sbin/master";
const DOVECOT = "/usr/sbin/dovecot";
const POSTFIX = "/usr/sbin/postfix";

/** Why the real-MTA tests cannot run here, or undefined when they can. */
export function postfixMissing(): string | undefined {
  for (const binary of [MASTER, POSTFIX, DOVECOT]) {
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      return `${binary} is missing: install the Debian packages postfix and dovecot-core`;
    }
  }
  if (userInfo().uid !== 0) return "Postfix's master daemon needs root";
  return undefined;
}

export interface PostfixOptions {
  readonly certificate: TestCertificate;
  /** Accepted user name → password (Dovecot's passwd-file). */
  readonly users: Record<string, string>;
  /**
   * Loopback addresses to listen on, each on 587 (STARTTLS) and 465 (implicit TLS); the first
   * also on SIZE_LIMITED_PORT.
   */
  readonly addresses: readonly string[];
  /** Run Postfix inside this network namespace. @default the host's */
  readonly netns?: DropNamespace;
}

export interface RunningPostfix {
  /** Postfix's mail log (what it received, what it refused). */
  readLog(): string;
  /** Stops Dovecot and Postfix by process group, then deletes the directory. */
  stop(): Promise<void>;
}

/** A loopback address of its own for each run: 127.<pid-based>.<random>.0/24. */
export function freshLoopbackPrefix(): string {
  return `127.${100 + (process.pid % 100)}.${Math.floor(Math.random() * 250) + 1}`;
}

function dovecotConfig(dir: string): string {
  return `base_dir = ${dir}/dovecot
state_dir = ${dir}/dovecot
log_path = ${dir}/dovecot.log
protocols = none
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %u
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
# No auth penalty (delays that grow after each failure from the same client address): the
# tests fail AUTH on purpose, all from 127.0.0.1.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener ${dir}/spool/private/auth {
    mode = 0666
  }
}
`;
}

function mainCf(dir: string, options: PostfixOptions): string {
  return `compatibility_level = 3.6
queue_directory = ${dir}/spool
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = all
inet_protocols = ipv4
myhostname = smtp.test
mydestination =
maillog_file_prefixes = ${dir}
maillog_file = ${dir}/maillog
default_transport = discard
smtpd_tls_cert_file = ${options.certificate.certFile}
smtpd_tls_key_file = ${dir}/key.pem
smtpd_tls_security_level = encrypt
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = check_recipient_access inline:{ { ${REFUSED_RECIPIENT} = REJECT No such user here } }
header_checks = regexp:${dir}/header_checks
`;
}

/** A recipient Postfix refuses with 554 "No such user here". */
export const REFUSED_RECIPIENT = "nobody@example.com";
/** The port (on the first address, STARTTLS) whose smtpd advertises and enforces SIZE. */
export const SIZE_LIMITED_PORT = 2587;
export const SIZE_LIMIT = 400;

/** Logs (WARN) every X-SES- header line exactly as received, so tests can read the wire. */
const HEADER_CHECKS = "/^X-SES-/ WARN\n";

const SERVICES = `pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
proxymap unix - - n - - proxymap
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
`;

function masterCf(addresses: readonly string[]): string {
  const listeners = addresses.flatMap((a) => [
    `${a}:587 inet n - n - - smtpd`,
    `${a}:465 inet n - n - - smtpd -o smtpd_tls_wrappermode=yes`,
  ]);
  const sizeLimited = `${addresses[0]}:${SIZE_LIMITED_PORT} inet n - n - - smtpd -o message_size_limit=${SIZE_LIMIT}`;
  return `${[...listeners, sizeLimited].join("\n")}\n${SERVICES}`;
}

/** Starts a process in its own process group, so that stopping it stops its children too. */
function startGroup([command, args]: [string, string[]]): ChildProcess {
  const child = spawn(command, args, { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 3000)))]);
  clearTimeout(timer);
}

async function waitFor(what: string, ready: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`the test MTA did not come up: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const listening = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Writes the configuration, creates Postfix's queue, starts Dovecot then Postfix. */
export async function startPostfix(options: PostfixOptions): Promise<RunningPostfix> {
  const dir = mkdtempSync(join(tmpdir(), "smtp-check-postfix-"));
  chmodSync(dir, 0o755); // Postfix's daemons run as the postfix user
  const etc = join(dir, "etc");
  for (const sub of ["etc", "data", "spool/private", "dovecot"])
    mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, "key.pem"), options.certificate.key, { mode: 0o600 });
  writeFileSync(
    join(dir, "users"),
    Object.entries(options.users)
      .map(([u, p]) => `${u}:{PLAIN}${p}\n`)
      .join(""),
  );
  writeFileSync(join(dir, "dovecot.conf"), dovecotConfig(dir));
  writeFileSync(join(etc, "main.cf"), mainCf(dir, options));
  writeFileSync(join(etc, "master.cf"), masterCf(options.addresses));
  writeFileSync(join(dir, "header_checks"), HEADER_CHECKS);
  execFileSync(POSTFIX, ["-c", etc, "check"], { stdio: "ignore" }); // creates the queue
  const postfixUser = Number(execFileSync("id", ["-u", "postfix"]).toString().trim());
  for (const owned of ["data", "spool/private"]) chownSync(join(dir, owned), postfixUser, 0);
  const { netns } = options;
  const dovecot = startGroup([DOVECOT, ["-F", "-c", join(dir, "dovecot.conf")]]);
  const masterArgs = ["-c", etc, "-d"];
  const master = startGroup(netns ? netns.wrap(MASTER, masterArgs) : [MASTER, masterArgs]);
  const isListening = netns ? netns.listening : listening;
  const running: RunningPostfix = {
    readLog: () =>
      existsSync(join(dir, "maillog")) ? readFileSync(join(dir, "maillog"), "utf8") : "",
    stop: async () => {
      await Promise.all([stopGroup(master), stopGroup(dovecot)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor("Dovecot's auth socket", async () => existsSync(join(dir, "spool/private/auth")));
    for (const address of options.addresses) {
      for (const port of [587, 465])
        await waitFor(`${address}:${port}`, () => isListening(address, port));
    }
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}
