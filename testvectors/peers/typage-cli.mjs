#!/usr/bin/env node
// typage: a minimal command line wrapper around the `age-encryption` npm
// package (typage, the TypeScript age implementation), used by jsops as an
// interoperability peer. Installed by testvectors/peers/install.sh as
// $JSOPS_PEERS/bin/typage (a symlink to $JSOPS_PEERS/node/typage-cli.mjs, so
// the package resolves from $JSOPS_PEERS/node/node_modules).
//
//   typage keygen [--pq]
//   typage to-recipient                          identity (file) on stdin -> recipient(s)
//   typage encrypt [-a] [-r RECIPIENT]... [-R FILE]... [-i IDENTITY_FILE]...
//   typage encrypt [-a] -p [--work-factor N]      passphrase from $TYPAGE_PASSPHRASE
//   typage decrypt [-i IDENTITY_FILE]... [-p]     armor auto-detected
//   typage --version | --help
//
// encrypt/decrypt read stdin and write stdout. On failure: one line
// "typage: error: ..." on stderr, exit 1 (2 for usage errors).

import { readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { homedir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

const USAGE = `usage:
  typage keygen [--pq]
  typage to-recipient < identity
  typage encrypt [-a] [-r RECIPIENT]... [-R RECIPIENTS_FILE]... [-i IDENTITY_FILE]... < in > out
  typage encrypt [-a] -p [--work-factor N] < in > out   (passphrase from TYPAGE_PASSPHRASE)
  typage decrypt [-i IDENTITY_FILE]... [-p] < in > out  (armor auto-detected)
  typage --version`;

class UsageError extends Error {}

function fail(err) {
  const msg = String(err && err.message ? err.message : err).split("\n")[0];
  process.stderr.write(`typage: error: ${msg}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}

// Resolve the age-encryption package: normally from next to this script (the
// installed copy lives in $JSOPS_PEERS/node); fall back to the peers cache so
// the script can also be run straight from the source tree.
async function loadAge() {
  const here = dirname(realpathSync(fileURLToPath(import.meta.url)));
  const candidates = [
    join(here, "node_modules", "age-encryption"),
    join(process.env.JSOPS_PEERS || join(homedir(), ".cache", "jsops-peers"), "node", "node_modules", "age-encryption"),
  ];
  for (const dir of candidates) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    const entry = typeof pkg.exports === "string" ? pkg.exports : pkg.main || "dist/index.js";
    const mod = await import(pathToFileURL(join(dir, entry)).href);
    return { age: mod, version: pkg.version };
  }
  throw new Error("age-encryption package not found (run testvectors/peers/install.sh)");
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks);
}

function writeStdout(data) {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (err) => (err ? reject(err) : resolve()));
  });
}

// Identity files: one identity per line, '#' comments and blank lines ignored
// (the format age-keygen writes).
function parseKeyLines(text, what) {
  const keys = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  if (keys.length === 0) throw new Error(`no ${what} found`);
  return keys;
}

function readIdentityFile(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read identity file ${path}: ${e.code || e.message}`);
  }
  const ids = parseKeyLines(text, `identities in ${path}`);
  for (const id of ids) {
    if (!id.startsWith("AGE-SECRET-KEY-")) throw new Error(`unsupported identity in ${path}`);
  }
  return ids;
}

function passphraseFromEnv() {
  const p = process.env.TYPAGE_PASSPHRASE;
  if (p === undefined || p === "") throw new UsageError("-p needs the passphrase in TYPAGE_PASSPHRASE");
  return p;
}

function parseArgs(argv, spec) {
  // spec: { flags: Set of boolean flags, multi: Set of repeatable value options, single: Set }
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let val;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    if (eq > 0) {
      val = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const name = spec.alias[a] || a;
    if (spec.flags.has(name)) {
      if (val !== undefined) throw new UsageError(`option ${a} takes no value`);
      out[name] = true;
    } else if (spec.multi.has(name) || spec.single.has(name)) {
      if (val === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`option ${a} needs a value`);
        val = argv[++i];
      }
      if (spec.multi.has(name)) (out[name] ||= []).push(val);
      else out[name] = val;
    } else if (a.startsWith("-") && a !== "-") {
      throw new UsageError(`unknown option ${a}`);
    } else {
      out._.push(a);
    }
  }
  if (out._.length) throw new UsageError(`unexpected argument ${out._[0]}`);
  return out;
}

async function cmdKeygen(age, args) {
  const o = parseArgs(args, { flags: new Set(["--pq"]), multi: new Set(), single: new Set(), alias: {} });
  const identity = o["--pq"] ? await age.generateHybridIdentity() : await age.generateX25519Identity();
  const recipient = await age.identityToRecipient(identity);
  const created = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  await writeStdout(`# created: ${created}\n# public key: ${recipient}\n${identity}\n`);
}

async function cmdToRecipient(age, args) {
  parseArgs(args, { flags: new Set(), multi: new Set(), single: new Set(), alias: {} });
  const ids = parseKeyLines((await readStdin()).toString("utf8"), "identity on stdin");
  const out = [];
  for (const id of ids) out.push(await age.identityToRecipient(id));
  await writeStdout(out.join("\n") + "\n");
}

async function cmdEncrypt(age, args) {
  const o = parseArgs(args, {
    flags: new Set(["--armor", "--passphrase"]),
    multi: new Set(["--recipient", "--recipients-file", "--identity"]),
    single: new Set(["--work-factor"]),
    alias: { "-a": "--armor", "-p": "--passphrase", "-r": "--recipient", "-R": "--recipients-file", "-i": "--identity" },
  });
  const recipients = [...(o["--recipient"] || [])];
  for (const f of o["--recipients-file"] || []) {
    let text;
    try {
      text = readFileSync(f, "utf8");
    } catch (e) {
      throw new Error(`cannot read recipients file ${f}: ${e.code || e.message}`);
    }
    recipients.push(...parseKeyLines(text, `recipients in ${f}`));
  }
  for (const f of o["--identity"] || []) {
    for (const id of readIdentityFile(f)) recipients.push(await age.identityToRecipient(id));
  }
  const e = new age.Encrypter();
  if (o["--passphrase"]) {
    if (recipients.length) throw new UsageError("-p can't be combined with -r/-R/-i");
    e.setPassphrase(passphraseFromEnv());
    if (o["--work-factor"] !== undefined) {
      const n = Number(o["--work-factor"]);
      if (!Number.isInteger(n) || n < 1 || n > 30) throw new UsageError("--work-factor must be an integer in 1..30");
      e.setScryptWorkFactor(n);
    }
  } else {
    if (o["--work-factor"] !== undefined) throw new UsageError("--work-factor needs -p");
    if (!recipients.length) throw new UsageError("encrypt needs -r, -R, -i or -p");
    for (const r of recipients) e.addRecipient(r);
  }
  const plaintext = await readStdin();
  const ct = await e.encrypt(new Uint8Array(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength));
  await writeStdout(o["--armor"] ? age.armor.encode(ct) : ct);
}

const ARMOR_HEADER = "-----BEGIN AGE ENCRYPTED FILE-----";

async function cmdDecrypt(age, args) {
  const o = parseArgs(args, {
    flags: new Set(["--passphrase"]),
    multi: new Set(["--identity"]),
    single: new Set(),
    alias: { "-p": "--passphrase", "-i": "--identity" },
  });
  const ids = o["--identity"] || [];
  if (!ids.length && !o["--passphrase"]) throw new UsageError("decrypt needs -i IDENTITY_FILE or -p");
  const d = new age.Decrypter();
  for (const f of ids) for (const id of readIdentityFile(f)) d.addIdentity(id);
  if (o["--passphrase"]) d.addPassphrase(passphraseFromEnv());
  const input = await readStdin();
  let ct = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  // Armor detection: leading whitespace then the PEM-style header.
  let i = 0;
  while (i < ct.length && (ct[i] === 0x20 || ct[i] === 0x09 || ct[i] === 0x0a || ct[i] === 0x0d)) i++;
  if (Buffer.from(ct.subarray(i, i + ARMOR_HEADER.length)).toString("latin1") === ARMOR_HEADER) {
    ct = age.armor.decode(input.toString("utf8"));
  }
  const pt = await d.decrypt(ct);
  await writeStdout(pt);
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === undefined || cmd === "-h" || cmd === "--help" || cmd === "help") {
    process.stdout.write(USAGE + "\n");
    if (cmd === undefined) process.exitCode = 2;
    return;
  }
  const { age, version } = await loadAge();
  switch (cmd) {
    case "--version":
    case "version":
      await writeStdout(`typage ${version}\n`);
      return;
    case "keygen":
      return cmdKeygen(age, args);
    case "to-recipient":
      return cmdToRecipient(age, args);
    case "encrypt":
      return cmdEncrypt(age, args);
    case "decrypt":
      return cmdDecrypt(age, args);
    default:
      throw new UsageError(`unknown command ${cmd} (try --help)`);
  }
}

main().catch(fail);
