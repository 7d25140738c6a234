#!/usr/bin/env python3
"""Generate the cross-tested vector corpus: testvectors/vectors/<sops-version>/<case>/ and vectors/MANIFEST.json.

Takes about 70 seconds on a 2-core machine (4 releases x 48 cases, ~1,500 sops runs, most of them
on the negative vectors). Needs the pinned sops releases in ~/.cache/jsops-peers/bin (or $JSOPS_PEERS/bin),
installed by testvectors/peers/install.sh, plus age-keygen and ssh-keygen only when the test keys are missing.

For each pinned sops release and each case of CASES below, the generator runs that release on our own
plaintext input (testvectors/inputs/) with the case's flags and .sops.yaml, in an empty work directory,
with HOME and XDG_CONFIG_HOME pointed at empty temporary directories and no SOPS_* variable from the
caller, and keeps: the input, the encrypted file, sops's own `sops decrypt` output (and, for some cases,
decryptions to other output types), the .sops.yaml used (as sops-config.yaml, so that nothing picks it up by
accident), the exact command lines (commands.txt), and tampered copies of the encrypted file with sops's
exit code and stderr for each (negative/). Test-only keys live in testvectors/src/test/resources/keys/ (see its README).

A feature a release lacks is detected by trying it, never assumed: the case is recorded under
"unsupported" in MANIFEST.json with the release's exit code and message (or the reason the output shows
that the feature was silently ignored) and no vector directory is written for it.

Re-runnable: the layout is deterministic; the ciphertexts, lastmodified and MACs differ on every run.
Usage: generate.py [--releases 3.8.1,3.13.2] [--cases yaml-basic,json-basic]
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TV = HERE.parent                      # testvectors/
INPUTS = TV / "inputs"
KEYS = TV / "src" / "test" / "resources" / "keys"   # test-only keys, see its README.md
VECTORS = TV / "vectors"

# Pinned releases (testvectors/peers/versions.env): KSOPS's pin, the last 3.10 patch, Flux's pin, the newest 3.x.
RELEASES = ["3.8.1", "3.10.2", "3.13.2", "3.13.3"]
# The release jsops matches byte for byte (Flux's pin); other releases' files are also decrypted by it.
REFERENCE = "3.13.2"

EXT = {"yaml": "yaml", "json": "json", "dotenv": "env", "ini": "ini", "binary": "bin"}

# Test-only keys: id -> (file in testvectors/src/test/resources/keys, kind).
KEY_FILES = {
    "a": ("age-x25519-a.txt", "age"),
    "b": ("age-x25519-b.txt", "age"),
    "c": ("age-x25519-c.txt", "age"),
    "pq": ("age-pq.txt", "age"),
    "ed25519": ("ssh_ed25519", "ssh"),
    "rsa": ("ssh_rsa", "ssh"),
}


def peers_bin() -> Path:
    root = os.environ.get("JSOPS_PEERS") or str(Path.home() / ".cache" / "jsops-peers")
    return Path(root) / "bin"


def tool(name: str) -> str:
    p = peers_bin() / name
    if p.exists():
        return str(p)
    found = shutil.which(name) or (str(Path.home() / "go" / "bin" / name) if (Path.home() / "go" / "bin" / name).exists() else None)
    if not found:
        sys.exit(f"generate.py: {name} not found (run testvectors/peers/install.sh)")
    return found

TEST_ONLY = "# TEST-ONLY key for the jsops test vectors (see README.md here): published on purpose, protects nothing.\n"


def ensure_keys() -> None:
    """Create the test-only keys when absent (a fresh set changes every recipient of the corpus)."""
    KEYS.mkdir(parents=True, exist_ok=True)
    for kid, (fname, kind) in KEY_FILES.items():
        path = KEYS / fname
        if path.exists():
            continue
        if kind == "age":
            cmd = [tool("age-keygen"), "-o", str(path)] + (["-pq"] if kid == "pq" else [])
        else:
            cmd = ["ssh-keygen", "-q", "-t", "ed25519" if kid == "ed25519" else "rsa", "-N", "", "-C", "jsops-test-only", "-f", str(path)]
            if kid == "rsa":
                cmd[4:4] = ["-b", "3072"]
        subprocess.run(cmd, check=True, capture_output=True)
        if kind == "age":
            path.write_text(TEST_ONLY + path.read_text())
        os.chmod(path, 0o644)


def recipient(kid: str) -> str:
    fname, kind = KEY_FILES[kid]
    if kind == "ssh":
        return (KEYS / (fname + ".pub")).read_text().strip()
    for line in (KEYS / fname).read_text().splitlines():
        if line.startswith("# public key: "):
            return line[len("# public key: "):].strip()
    raise SystemExit(f"no public key line in {fname}")


@dataclass
class Case:
    name: str
    input: str                                   # path under inputs/
    features: list
    recipients: list = field(default_factory=lambda: ["a"])   # passed with --age; empty when the config has the keys
    global_flags: list = field(default_factory=list)          # before the subcommand (--indent, --mac-only-encrypted)
    encrypt_flags: list = field(default_factory=list)
    config: str = None                           # .sops.yaml text; {a} {b} {c} {pq} {ed25519} {rsa} = recipients
    identity_sets: list = None                   # each set must decrypt; default [recipients[0]]
    decrypt_global_flags: list = field(default_factory=list)
    requires: list = field(default_factory=list)  # regexes the encrypted output must match, else the release ignored the feature
    extra_outputs: list = field(default_factory=list)         # other --output-type decryptions
    negatives: bool = False                      # generate tampered copies
    plain_tamper: tuple = None                   # (old, new): change a plain value -> MAC mismatch
    negative_identity_sets: list = field(default_factory=list)  # (name, [key ids]) expected to fail

    @property
    def format(self) -> str:
        return self.input.split("/")[0]


K = "key:age-x25519"
CASES = [
    # --- every format, default rule, one X25519 recipient; these carry the negative vectors
    Case("yaml-basic", "yaml/basic.yaml", ["format", K, "rule:default", "comments"], negatives=True,
         plain_tamper=("visible to everyone", "visible to everyonE"),
         negative_identity_sets=[("wrong-identity", ["b"])], extra_outputs=["json"]),
    Case("json-basic", "json/basic.json", ["format", K, "rule:default"], negatives=True,
         plain_tamper=('"plain"', '"plaiN"'), extra_outputs=["yaml"]),
    Case("dotenv-basic", "dotenv/basic.env", ["format", K, "rule:default", "comments"], negatives=True,
         plain_tamper=("=plain note", "=plain notE"), extra_outputs=["json"]),
    Case("ini-basic", "ini/basic.ini", ["format", K, "rule:default", "comments"], negatives=True,
         plain_tamper=("= plain note", "= plain notE"), extra_outputs=["json"]),
    Case("binary-basic", "binary/blob.bin", ["format", K], negatives=True),
    # --- scalars and structure
    Case("yaml-scalars", "yaml/scalars.yaml", ["scalars", K], extra_outputs=["json"]),
    Case("yaml-special-floats", "yaml/special-floats.yaml", ["scalars", K]),
    Case("json-scalars", "json/scalars.json", ["scalars", K], extra_outputs=["yaml"]),
    Case("dotenv-scalars", "dotenv/scalars.env", ["scalars", "comments", K], extra_outputs=["yaml"]),
    Case("ini-scalars", "ini/scalars.ini", ["scalars", "comments", K], extra_outputs=["json"]),
    Case("binary-empty", "binary/empty.bin", ["scalars", K]),
    Case("binary-text", "binary/text.bin", ["scalars", K]),
    Case("yaml-comments", "yaml/comments.yaml", ["comments", K]),
    Case("yaml-multidoc", "yaml/multidoc.yaml", ["multidoc", "comments", K], extra_outputs=["json"]),
    # --- the six rules and the default
    Case("yaml-rule-default", "yaml/rules.yaml", ["rule:default", K]),
    Case("yaml-rule-unencrypted-suffix", "yaml/rules.yaml", ["rule:unencrypted_suffix", K],
         encrypt_flags=["--unencrypted-suffix", "_plain"], requires=[r"unencrypted_suffix\W+_plain"]),
    Case("yaml-rule-encrypted-suffix", "yaml/rules.yaml", ["rule:encrypted_suffix", K],
         encrypt_flags=["--encrypted-suffix", "_secret"], requires=[r"encrypted_suffix\W+_secret"]),
    Case("yaml-rule-unencrypted-regex", "yaml/rules.yaml", ["rule:unencrypted_regex", K],
         encrypt_flags=["--unencrypted-regex", "^(public|description)$"], requires=[r"unencrypted_regex"]),
    Case("yaml-rule-encrypted-regex", "yaml/rules.yaml", ["rule:encrypted_regex", K],
         encrypt_flags=["--encrypted-regex", "^(password|token)$"], requires=[r"encrypted_regex"]),
    Case("yaml-rule-encrypted-comment-regex", "yaml/rules.yaml", ["rule:encrypted_comment_regex", K], recipients=[],
         config="creation_rules:\n    - age: {a}\n      encrypted_comment_regex: sops:enc\n",
         identity_sets=[["a"]], requires=[r"encrypted_comment_regex"]),
    Case("yaml-rule-unencrypted-comment-regex", "yaml/rules.yaml", ["rule:unencrypted_comment_regex", K], recipients=[],
         config="creation_rules:\n    - age: {a}\n      unencrypted_comment_regex: sops:noenc\n",
         identity_sets=[["a"]], requires=[r"unencrypted_comment_regex"]),
    Case("yaml-rule-config-encrypted-suffix", "yaml/rules.yaml", ["rule:encrypted_suffix", "config", K], recipients=[],
         config="creation_rules:\n    - path_regex: input\\.yaml$\n      age: {a}\n      encrypted_suffix: _secret\n",
         identity_sets=[["a"]], requires=[r"encrypted_suffix"]),
    Case("json-rule-encrypted-regex", "json/basic.json", ["rule:encrypted_regex", K],
         encrypt_flags=["--encrypted-regex", "^(password|deep)$"], requires=[r"encrypted_regex"]),
    Case("json-rule-unencrypted-suffix", "json/basic.json", ["rule:unencrypted_suffix", K],
         encrypt_flags=["--unencrypted-suffix", "_unencrypted"]),
    Case("dotenv-rule-encrypted-regex", "dotenv/basic.env", ["rule:encrypted_regex", K],
         encrypt_flags=["--encrypted-regex", "PASSWORD"], requires=[r"encrypted_regex"]),
    Case("ini-rule-unencrypted-regex", "ini/basic.ini", ["rule:unencrypted_regex", K],
         encrypt_flags=["--unencrypted-regex", "^server$"], requires=[r"unencrypted_regex"]),
    # --- mac_only_encrypted
    Case("yaml-mac-only-encrypted", "yaml/rules.yaml", ["mac_only_encrypted", "rule:encrypted_regex", K], recipients=[],
         config="creation_rules:\n    - age: {a}\n      encrypted_regex: ^(password|token)$\n      mac_only_encrypted: true\n",
         identity_sets=[["a"]], requires=[r"mac_only_encrypted\W+true"]),
    Case("json-mac-only-encrypted-flag", "json/basic.json", ["mac_only_encrypted", "rule:encrypted_suffix", K],
         global_flags=["--mac-only-encrypted"], encrypt_flags=["--encrypted-regex", "^password$"],
         requires=[r"mac_only_encrypted\W+true"]),
    # --- recipients and key groups
    Case("yaml-age-pq", "yaml/basic.yaml", ["key:age-pq"], recipients=["pq"], requires=[r"age1pq1"]),
    Case("json-age-pq", "json/basic.json", ["key:age-pq"], recipients=["pq"], requires=[r"age1pq1"]),
    Case("yaml-ssh-ed25519", "yaml/basic.yaml", ["key:ssh-ed25519"], recipients=["ed25519"]),
    Case("yaml-ssh-rsa", "yaml/basic.yaml", ["key:ssh-rsa"], recipients=["rsa"]),
    Case("dotenv-ssh-ed25519", "dotenv/basic.env", ["key:ssh-ed25519"], recipients=["ed25519"]),
    Case("yaml-recipients-x25519", "yaml/basic.yaml", ["recipients:several", K], recipients=["a", "b", "c"],
         identity_sets=[["a"], ["b"], ["c"]]),
    Case("ini-recipients-x25519", "ini/basic.ini", ["recipients:several", K], recipients=["a", "b"],
         identity_sets=[["a"], ["b"]]),
    Case("yaml-recipients-mixed", "yaml/basic.yaml", ["recipients:several", K, "key:age-pq", "key:ssh-ed25519", "key:ssh-rsa"],
         recipients=["a", "pq", "ed25519", "rsa"], identity_sets=[["a"], ["pq"], ["ed25519"], ["rsa"]]),
    Case("yaml-shamir-2of3", "yaml/basic.yaml", ["key_groups", "shamir", K], recipients=[],
         config="creation_rules:\n    - shamir_threshold: 2\n      key_groups:\n          - age:\n              - {a}\n"
                "          - age:\n              - {b}\n          - age:\n              - {c}\n",
         identity_sets=[["a", "b"], ["b", "c"], ["a", "c"], ["a", "b", "c"]],
         requires=[r"shamir_threshold\W+2", r"key_groups"], negative_identity_sets=[("one-share-only", ["a"])]),
    Case("json-key-groups-2", "json/basic.json", ["key_groups", K], recipients=[],
         config="creation_rules:\n    - key_groups:\n          - age:\n              - {a}\n              - {b}\n"
                "          - age:\n              - {c}\n",
         identity_sets=[["a", "c"], ["b", "c"]], requires=[r"key_groups"],
         negative_identity_sets=[("first-group-only", ["a", "b"])]),
    Case("binary-shamir-2of3", "binary/text.bin", ["key_groups", "shamir", K], recipients=[],
         config="creation_rules:\n    - shamir_threshold: 2\n      key_groups:\n          - age: [{a}]\n          - age: [{b}]\n          - age: [{c}]\n",
         identity_sets=[["a", "c"]], requires=[r"shamir_threshold"]),
    # --- indentation
    Case("yaml-indent-2", "yaml/comments.yaml", ["indent", K], global_flags=["--indent", "2"],
         decrypt_global_flags=["--indent", "2"], requires=[r"\n  port: ENC"]),
    Case("yaml-indent-3", "yaml/scalars.yaml", ["indent", K], global_flags=["--indent", "3"],
         decrypt_global_flags=["--indent", "3"], requires=[r"\n   plain: ENC"]),
    Case("yaml-indent-config", "yaml/basic.yaml", ["indent", "config", K], recipients=[],
         config="creation_rules:\n    - age: {a}\nstores:\n    yaml:\n        indent: 2\n",
         identity_sets=[["a"]], requires=[r"\n  name: ENC"]),
    Case("json-indent-2", "json/scalars.json", ["indent", K], global_flags=["--indent", "2"],
         decrypt_global_flags=["--indent", "2"], requires=[r'\n  "unicode"']),
    Case("json-indent-0", "json/basic.json", ["indent", K], global_flags=["--indent", "0"],
         decrypt_global_flags=["--indent", "0"], requires=[r'\n"name"']),
    Case("binary-indent-2", "binary/text.bin", ["indent", K], global_flags=["--indent", "2"],
         requires=[r'\n  "data"']),
    # --- Kubernetes Secrets (Flux / KSOPS style)
    Case("k8s-onepassword-secret", "yaml/k8s-onepassword-secret.yaml", ["k8s", "rule:encrypted_regex", K],
         encrypt_flags=["--encrypted-regex", "^(data|stringData)$"], requires=[r"encrypted_regex"], negatives=True),
    Case("k8s-onepassword-secret-config", "yaml/k8s-onepassword-secret.yaml", ["k8s", "rule:encrypted_regex", "config", K],
         recipients=[], config="creation_rules:\n    - path_regex: .*\\.yaml$\n      encrypted_regex: ^(data|stringData)$\n      age: {a}\n",
         identity_sets=[["a"]], requires=[r"encrypted_regex"]),
    Case("k8s-secret-data", "yaml/k8s-secret-data.yaml", ["k8s", "rule:encrypted_regex", K],
         encrypt_flags=["--encrypted-regex", "^(data|stringData)$"], requires=[r"encrypted_regex"]),
]


# ----------------------------------------------------------------------------------------------------------------
# Running sops in a sealed environment


class Sandbox:
    """Empty HOME and XDG_CONFIG_HOME, a work dir per run; the caller's SOPS_*/AGE_* never leak in."""

    def __init__(self, root: Path):
        self.root = root
        self.home = root / "home"
        self.xdg = root / "xdg"
        self.home.mkdir()
        self.xdg.mkdir()

    def env(self, identities) -> dict:
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.xdg),
            "SOPS_DISABLE_VERSION_CHECK": "1",
            "TZ": "UTC",
            "LANG": "C.UTF-8",
        }
        age_keys = [KEY_FILES[k][0] for k in identities if KEY_FILES[k][1] == "age"]
        ssh_keys = [KEY_FILES[k][0] for k in identities if KEY_FILES[k][1] == "ssh"]
        if age_keys:
            f = self.root / ("keys-" + "-".join(identities) + ".txt")
            f.write_bytes(b"".join((KEYS / n).read_bytes() for n in age_keys))
            env["SOPS_AGE_KEY_FILE"] = str(f)
        if len(ssh_keys) > 1:
            raise SystemExit("one ssh identity per set (SOPS_AGE_SSH_PRIVATE_KEY_FILE)")
        if ssh_keys:
            env["SOPS_AGE_SSH_PRIVATE_KEY_FILE"] = str(KEYS / ssh_keys[0])
        return env

    def normalise(self, text: str, work: Path) -> str:
        text = re.sub(r'time="[^"]*"', 'time="<time>"', text)
        return (text.replace(str(work) + "/", "").replace(str(work), ".")
                .replace(str(self.home), "$HOME").replace(str(self.xdg), "$XDG_CONFIG_HOME")
                .replace(str(self.root), "$TMP").replace(str(KEYS), "testvectors/src/test/resources/keys"))


def run(argv, cwd: Path, env: dict):
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def env_words(identities) -> str:
    age_keys = [KEY_FILES[k][0] for k in identities if KEY_FILES[k][1] == "age"]
    ssh_keys = [KEY_FILES[k][0] for k in identities if KEY_FILES[k][1] == "ssh"]
    words = []
    if age_keys:
        words.append("SOPS_AGE_KEY_FILE=<(cat " + " ".join("keys/" + n for n in age_keys) + ")")
    if ssh_keys:
        words.append("SOPS_AGE_SSH_PRIVATE_KEY_FILE=keys/" + ssh_keys[0])
    return " ".join(words)


def shell(argv) -> str:
    import shlex
    return " ".join(shlex.quote(a) for a in argv)


# ----------------------------------------------------------------------------------------------------------------
# Tampering (negative vectors)

ENC_RE = re.compile(r"ENC\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:([a-z]+)\]")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def flip(ch: str) -> str:
    return "B" if ch == "A" else "A"


def line_prefix(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1:pos]


def is_mac(text: str, pos: int) -> bool:
    return line_prefix(text, pos).strip().rstrip(':="\' ').endswith("mac")


def tampers(case: Case, text: str):
    """Yield (name, description, tampered text) for the encrypted file text."""
    encs = [m for m in ENC_RE.finditer(text)]
    values = [m for m in encs if not is_mac(text, m.start())]
    for i, m in enumerate(values, 1):
        s = m.start(1)
        if m.end(1) > s:
            yield (f"enc-{i:02d}-data", f"ENC value #{i} (type:{m.group(4)}): first base64 character of data flipped",
                   text[:s] + flip(text[s]) + text[s + 1:])
        if i == 1:
            s = m.start(2)
            yield ("enc-01-iv", "ENC value #1: first base64 character of iv flipped", text[:s] + flip(text[s]) + text[s + 1:])
            s = m.start(3)
            yield ("enc-01-tag", "ENC value #1: first base64 character of tag flipped", text[:s] + flip(text[s]) + text[s + 1:])
            s = m.start(4)
            other = "int" if m.group(4) != "int" else "str"
            yield ("enc-01-type", f"ENC value #1: type:{m.group(4)} replaced by type:{other}",
                   text[:s] + other + text[m.end(4):])
    macs = [m for m in encs if is_mac(text, m.start())]
    if macs:
        s = macs[0].start(1)
        yield ("mac-data", "MAC: first base64 character of its data flipped", text[:s] + flip(text[s]) + text[s + 1:])
    lm = re.search(r"lastmodified\W+(\d{4}-\d\d-\d\dT\d\d:\d\d:)(\d\d)Z", text)
    if lm:
        sec = (int(lm.group(2)) + 1) % 60
        yield ("lastmodified", "lastmodified: one second later", text[:lm.start(2)] + f"{sec:02d}" + text[lm.end(2):])
    # key name: the key of the first encrypted value that has its key on the same line
    for m in values:
        if m.group(4) == "comment":
            continue
        pre = line_prefix(text, m.start())
        km = list(re.finditer(r"[A-Za-z0-9_.-]+", pre))
        if km:
            k = km[-1]
            s = m.start() - len(pre) + k.start()
            e = m.start() - len(pre) + k.end()
            yield ("key-name", f"key {k.group(0)!r} of the first encrypted value renamed to {k.group(0) + 'x'!r}",
                   text[:e] + "x" + text[e:])
            break
    if case.plain_tamper and case.plain_tamper[0] in text:
        old, new = case.plain_tamper
        yield ("plain-value", f"unencrypted value {old!r} changed to {new!r} (MAC covers it)", text.replace(old, new, 1))
    begin = "-----BEGIN AGE ENCRYPTED FILE-----"
    b = text.find(begin)
    if b >= 0:
        yield ("age-armor-header", "age armor: BEGIN line of the first data key damaged",
               text[:b] + begin.replace("FILE", "FILX") + text[b + len(begin):])
        end = text.find("-----END AGE ENCRYPTED FILE-----", b)
        lines = list(re.finditer(r"(?:(?<=\\n)|(?<=\n)|(?<= ))[A-Za-z0-9+/=]{16,}", text[b:end]))
        if len(lines) >= 3:
            s = b + lines[1].start() + 10
            yield ("age-stanza", "age header of the first data key: 11th base64 character of armor line 2 (stanza) flipped",
                   text[:s] + flip(text[s]) + text[s + 1:])
            s = b + lines[-1].start() + 4
            yield ("age-payload", "age payload of the first data key: 5th base64 character of the last armor line flipped",
                   text[:s] + flip(text[s]) + text[s + 1:])


# ----------------------------------------------------------------------------------------------------------------


def legacy_cli(release: str) -> bool:
    """sops < 3.9 has no encrypt/decrypt subcommands: its form is `sops --encrypt|--decrypt [flags] file`."""
    major, minor = (int(x) for x in release.split(".")[:2])
    return (major, minor) < (3, 9)


def command(release: str, verb: str, global_flags, flags, file: str):
    if legacy_cli(release):
        return ["sops"] + global_flags + ["--" + verb] + flags + [file]
    return ["sops"] + global_flags + [verb] + flags + [file]


def generate(release: str, sops: str, case: Case, sandbox: Sandbox, out_dir: Path):
    """Run one case; return (vector record, None) or (None, unsupported record)."""
    ext = EXT[case.format]
    work = sandbox.root / f"work-{release}-{case.name}"
    work.mkdir()
    inp = f"input.{ext}"
    shutil.copyfile(INPUTS / case.input, work / inp)
    subst = {k: recipient(k) for k in KEY_FILES}
    config_text = case.config.format(**subst) if case.config else None
    if config_text:
        (work / ".sops.yaml").write_text(config_text)
    age = ["--age", ",".join(recipient(k) for k in case.recipients)] if case.recipients else []
    enc_argv = command(release, "encrypt", case.global_flags, age + case.encrypt_flags, inp)
    env0 = sandbox.env([])
    code, out, err = run([sops] + enc_argv[1:], work, env0)
    unsupported = {"sops_version": release, "case": case.name, "format": case.format, "features": case.features}
    if code != 0:
        return None, dict(unsupported, step="encrypt", argv=enc_argv, exit=code,
                          stderr=sandbox.normalise(err, work), reason="encrypt failed")
    text = out.decode("utf-8", "replace")
    for req in case.requires:
        if not re.search(req, text):
            return None, dict(unsupported, step="encrypt", argv=enc_argv, exit=code, stderr=sandbox.normalise(err, work),
                              reason=f"output lacks /{req}/: the release ignored the feature")
    enc_name = f"encrypted.{ext}"
    (work / enc_name).write_bytes(out)
    sets = case.identity_sets or [[case.recipients[0]]]
    dec_argv = command(release, "decrypt", case.decrypt_global_flags, [], enc_name)
    decrypted, own = None, None
    for ids in sets:
        dcode, dout, derr = run([sops] + dec_argv[1:], work, sandbox.env(ids))
        if own is None:
            own = {"exit": dcode, "stderr": sandbox.normalise(derr, work)}
        elif dcode != own["exit"]:
            raise SystemExit(f"{release}/{case.name}: identity set {ids} exits {dcode}, the first set {own['exit']}")
        if dcode != 0:
            continue
        if decrypted is None:
            decrypted = dout
        elif dout != decrypted:
            raise SystemExit(f"{release}/{case.name}: identity set {ids} decrypts differently")
    ignore_mac = None
    if own["exit"] != 0:
        # sops cannot read its own output (e.g. 3.13.2's sequence-comment MAC regression, getsops/sops#2243):
        # keep the vector, with the refusal as this release's outcome and its --ignore-mac output.
        argv = command(release, "decrypt", case.decrypt_global_flags, ["--ignore-mac"], enc_name)
        icode, iout, ierr = run([sops] + argv[1:], work, sandbox.env(sets[0]))
        ignore_mac = {"argv": argv, "exit": icode, "stderr": sandbox.normalise(ierr, work)}
        if icode == 0:
            ignore_mac["stdout"] = f"decrypted.ignore-mac.{ext}"
            ignore_mac["_bytes"] = iout
    # Every pinned release decrypts this release's output too (cross-release reading).
    cross = []
    for other in RELEASES_RUN:
        if other == release:
            continue
        osops = tool(f"sops-{other}")
        cargv = command(other, "decrypt", case.decrypt_global_flags, [], enc_name)
        ccode, cout, cerr = run([osops] + cargv[1:], work, sandbox.env(sets[0]))
        cross.append({"sops_version": other, "argv": cargv, "exit": ccode, "stderr": sandbox.normalise(cerr, work), "_bytes": cout if ccode == 0 else None})
    if decrypted is None:
        good = [c for c in cross if c["exit"] == 0]
        if not good:
            return None, dict(unsupported, step="decrypt", argv=dec_argv, identities=sets[0], exit=own["exit"],
                              stderr=own["stderr"], reason="no pinned release decrypts this output")
        decrypted_from = good[-1]["sops_version"]
        decrypted = good[-1]["_bytes"]
    else:
        decrypted_from = release
    # The vector directory.
    d = out_dir / case.name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    shutil.copyfile(work / inp, d / inp)
    (d / enc_name).write_bytes(out)
    dec_name = f"decrypted.{ext}"
    (d / dec_name).write_bytes(decrypted)
    if config_text:
        (d / "sops-config.yaml").write_text(config_text)
    commands = [f"# sops {release} ({sops_version_line(sops)}); cwd = a fresh directory holding {inp}"
                + (" and .sops.yaml (= sops-config.yaml)" if config_text else "")
                + "; HOME and XDG_CONFIG_HOME empty; SOPS_DISABLE_VERSION_CHECK=1",
                shell(enc_argv) + f" > {enc_name}",
                env_words(sets[0]) + " " + shell(dec_argv) + (f" > {dec_name}" if own["exit"] == 0 else f"  # exit {own['exit']}")]
    rec = {
        "id": f"{release}/{case.name}",
        "dir": f"{release}/{case.name}",
        "sops_version": release,
        "case": case.name,
        "format": case.format,
        "features": case.features,
        "input": inp,
        "source_input": f"inputs/{case.input}",
        "config": "sops-config.yaml" if config_text else None,
        "encrypt": {"argv": enc_argv, "stdout": enc_name, "exit": 0},
        "decrypt": dict({"argv": dec_argv, "indent": indent_of(case.decrypt_global_flags, config_text)}, **own),
        "expected_plaintext": dec_name,
        "expected_plaintext_from": decrypted_from,
        "ignore_mac_decrypt": None,
        "cross_decrypts": [],
        "identity_sets": [[KEY_FILES[k][0] for k in ids] for ids in sets],
        "extra_decrypts": [],
        "negatives": [],
    }
    if ignore_mac:
        if "_bytes" in ignore_mac:
            (d / ignore_mac["stdout"]).write_bytes(ignore_mac.pop("_bytes"))
        rec["ignore_mac_decrypt"] = ignore_mac
        commands.append(env_words(sets[0]) + " " + shell(ignore_mac["argv"]) + f"  # exit {ignore_mac['exit']}")
    for c in cross:
        b = c.pop("_bytes")
        if c["exit"] == 0:
            if b == decrypted:
                c["stdout"] = dec_name
            else:
                c["stdout"] = f"decrypted.by-{c['sops_version']}.{ext}"
                (d / c["stdout"]).write_bytes(b)
        rec["cross_decrypts"].append(c)
    for otype in case.extra_outputs:
        argv = command(release, "decrypt", case.decrypt_global_flags, ["--output-type", otype], enc_name)
        xcode, xout, xerr = run([sops] + argv[1:], work, sandbox.env(sets[0]))
        name = f"decrypted.as-{otype}.{EXT[otype]}"
        entry = {"argv": argv, "output_type": otype, "exit": xcode}
        if xcode == 0:
            (d / name).write_bytes(xout)
            entry["stdout"] = name
        else:
            entry["stderr"] = sandbox.normalise(xerr, work)
        if release != REFERENCE and REFERENCE in RELEASES_RUN:
            # How the reference release (the Flux pin jsops matches) renders this older/newer file.
            rargv = command(REFERENCE, "decrypt", case.decrypt_global_flags, ["--output-type", otype], enc_name)
            rcode, rout, rerr = run([tool(f"sops-{REFERENCE}")] + rargv[1:], work, sandbox.env(sets[0]))
            ref = {"sops_version": REFERENCE, "argv": rargv, "exit": rcode}
            if rcode == 0:
                if xcode == 0 and rout == xout:
                    ref["stdout"] = name
                else:
                    ref["stdout"] = f"decrypted.as-{otype}.by-{REFERENCE}.{EXT[otype]}"
                    (d / ref["stdout"]).write_bytes(rout)
            else:
                ref["stderr"] = sandbox.normalise(rerr, work)
            entry["reference"] = ref
        rec["extra_decrypts"].append(entry)
        commands.append(env_words(sets[0]) + " " + shell(argv) + (f" > {name}" if xcode == 0 else f"  # exit {xcode}"))
    negs = []
    if case.negatives:
        negs = [(n, desc, t.encode("utf-8"), sets[0]) for n, desc, t in tampers(case, text)]
    for n, ids in case.negative_identity_sets:
        negs.append((n, "decrypt with only " + ", ".join(KEY_FILES[k][0] for k in ids), None, ids))
    if negs:
        (d / "negative").mkdir()
    for n, desc, data, ids in negs:
        if data is not None:
            fname = f"negative/{n}.{ext}"
            (work / "negative").mkdir(exist_ok=True)
            (work / fname).write_bytes(data)
            (d / fname).write_bytes(data)
        else:
            fname = enc_name
        argv = command(release, "decrypt", case.decrypt_global_flags, [], fname)
        ncode, nout, nerr = run([sops] + argv[1:], work, sandbox.env(ids))
        entry = {"name": n, "tamper": desc, "file": fname, "argv": argv,
                 "identities": [KEY_FILES[k][0] for k in ids],
                 "expected": {"exit": ncode, "stderr": sandbox.normalise(nerr, work)}}
        if ncode == 0:
            oname = f"negative/{n}.decrypted.{ext}"
            (d / oname).write_bytes(nout)
            entry["expected"]["stdout"] = oname
        rec["negatives"].append(entry)
        commands.append(env_words(ids) + " " + shell(argv) + f"  # exit {ncode}")
    (d / "commands.txt").write_text("\n".join(commands) + "\n")
    return rec, None


def indent_of(flags, config_text):
    if "--indent" in flags:
        return int(flags[flags.index("--indent") + 1])
    return None


_versions = {}
RELEASES_RUN = RELEASES


def sops_version_line(sops: str) -> str:
    if sops not in _versions:
        p = subprocess.run([sops, "--version"], capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "SOPS_DISABLE_VERSION_CHECK": "1", "HOME": "/nonexistent"})
        _versions[sops] = p.stdout.splitlines()[0].strip()
    return _versions[sops]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--releases", default=",".join(RELEASES))
    ap.add_argument("--cases", default="")
    args = ap.parse_args()
    releases = args.releases.split(",")
    global RELEASES_RUN
    RELEASES_RUN = releases
    only = set(filter(None, args.cases.split(",")))
    cases = [c for c in CASES if not only or c.name in only]
    ensure_keys()
    t0 = time.time()
    manifest_path = VECTORS / "MANIFEST.json"
    old = json.loads(manifest_path.read_text()) if manifest_path.exists() and only else None
    vectors, unsupported = [], []
    with tempfile.TemporaryDirectory(prefix="jsops-vectors-") as tmp:
        sandbox = Sandbox(Path(tmp))
        for release in releases:
            sops = tool(f"sops-{release}")
            got = sops_version_line(sops)
            if release not in got.split():
                sys.exit(f"{sops} says {got!r}, expected {release}")
            out_dir = VECTORS / release
            if not only and out_dir.exists():
                shutil.rmtree(out_dir)
            out_dir.mkdir(parents=True, exist_ok=True)
            for case in cases:
                rec, uns = generate(release, sops, case, sandbox, out_dir)
                if rec:
                    vectors.append(rec)
                    print(f"{release:>7} {case.name:<40} ok ({len(rec['negatives'])} negative)")
                else:
                    shutil.rmtree(out_dir / case.name, ignore_errors=True)
                    unsupported.append(uns)
                    print(f"{release:>7} {case.name:<40} unsupported: {uns['reason']}: {uns['stderr'].strip()[:100]}")
    if old:  # partial run: keep the other records
        keep = lambda r: not (r["case"] in only and r["sops_version"] in releases)
        vectors = [r for r in old["vectors"] if keep(r)] + vectors
        unsupported = [r for r in old["unsupported"] if keep(r)] + unsupported
    order = {c.name: i for i, c in enumerate(CASES)}
    rel_order = {r: i for i, r in enumerate(RELEASES)}
    sort_key = lambda r: (rel_order.get(r["sops_version"], 99), order.get(r["case"], 999))
    vectors.sort(key=sort_key)
    unsupported.sort(key=sort_key)
    manifest = {
        "about": "Cross-tested vectors: upstream sops releases run on jsops's own inputs (testvectors/inputs) with "
                 "test-only keys (testvectors/src/test/resources/keys). Generated by testvectors/generate/generate.py; do not edit.",
        "releases": {r: sops_version_line(tool(f"sops-{r}")) for r in releases},
        "keys": {v[0]: {"kind": v[1], "recipient": recipient(k)} for k, v in KEY_FILES.items()},
        "conventions": {
            "argv": "argv[0] 'sops' is the release under test; relative paths are inside the vector's work directory "
                    "(input, encrypted and negative files copied there, sops-config.yaml copied to .sops.yaml)",
            "identities": "age identity files concatenated into one file named by SOPS_AGE_KEY_FILE; an ssh key file "
                          "named by SOPS_AGE_SSH_PRIVATE_KEY_FILE; HOME and XDG_CONFIG_HOME empty",
            "stderr": "paths normalised: the work dir removed, $HOME, $XDG_CONFIG_HOME, $TMP",
        },
        "vectors": vectors,
        "unsupported": unsupported,
    }
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    n_neg = sum(len(v["negatives"]) for v in vectors)
    print(f"{len(vectors)} vectors, {n_neg} negative vectors, {len(unsupported)} unsupported case/release pairs, "
          f"{time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
