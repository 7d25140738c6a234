#!/usr/bin/env bash
# Whole-process timings of the jsops CLI against the upstream binaries, each pair in one hyperfine run on the
# same inputs. Prints Markdown tables (hyperfine --export-markdown) for docs/BENCHMARKS.md.
#
# Usage: testvectors/bench/process.sh [WHICH…]    WHICH: startup sops age verify (default: all)
# Needs hyperfine and the pinned peers (testvectors/peers/install.sh; env.sh puts them on PATH).
# JSOPS selects the command under test (default: the ./jsops launcher, which picks the newest JDK).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
[ -f "$root/testvectors/peers/env.sh" ] && source "$root/testvectors/peers/env.sh"
jsops=${JSOPS:-$root/jsops}
which=${*:-startup sops age verify}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

"$jsops" --version >/dev/null    # builds the jar and, on JDK 25, trains the AOT cache outside the timings
age-keygen -o key.txt 2>/dev/null
recipient=$(age-keygen -y key.txt)
export SOPS_AGE_KEY_FILE=$work/key.txt
md() { echo; echo "### $1"; echo; cat "$2"; }

# A Kubernetes Secret like the ones in a Flux repository, and a 1 MiB YAML file of 16,384 string values.
cat > secret.yaml <<'EOF'
apiVersion: v1
kind: Secret
metadata:
    name: app
    namespace: default
type: Opaque
stringData:
    username: admin
    password: correct horse battery staple
EOF
python3 - <<'EOF'
with open("big.yaml", "w") as f:
    for i in range(16384):
        f.write(f"key{i:05d}: {'v' * 52}{i:05d}\n")
EOF
sops encrypt --age "$recipient" --encrypted-regex '^(data|stringData)$' secret.yaml > secret.sops.yaml
sops encrypt --age "$recipient" big.yaml > big.sops.yaml

if [[ $which == *startup* ]]; then
  hyperfine -N -w 3 -r 20 --export-markdown startup.md \
    -n 'jsops --version' "$jsops --version" -n 'sops --version' 'sops --version --disable-version-check'
  md "Start-up" startup.md
fi

if [[ $which == *sops* ]]; then
  hyperfine -N -w 3 -r 20 --export-markdown decrypt-small.md \
    -n 'jsops decrypt secret.sops.yaml' "$jsops decrypt secret.sops.yaml" \
    -n 'sops decrypt secret.sops.yaml' 'sops decrypt secret.sops.yaml'
  md "Decrypt a Kubernetes Secret" decrypt-small.md
  hyperfine -N -w 3 -r 20 --export-markdown encrypt-small.md \
    -n 'jsops encrypt secret.yaml' "$jsops encrypt --age $recipient --encrypted-regex ^(data|stringData)$ secret.yaml" \
    -n 'sops encrypt secret.yaml' "sops encrypt --age $recipient --encrypted-regex ^(data|stringData)$ secret.yaml"
  md "Encrypt a Kubernetes Secret" encrypt-small.md
  hyperfine -N -w 2 -r 10 --export-markdown big.md \
    -n 'jsops decrypt 1 MiB YAML' "$jsops decrypt big.sops.yaml" \
    -n 'sops decrypt 1 MiB YAML' 'sops decrypt big.sops.yaml' \
    -n 'jsops encrypt 1 MiB YAML' "$jsops encrypt --age $recipient big.yaml" \
    -n 'sops encrypt 1 MiB YAML' "sops encrypt --age $recipient big.yaml"
  md "1 MiB YAML (16,384 values)" big.md
fi

if [[ $which == *age* ]]; then
  head -c $((256 * 1024 * 1024)) /dev/urandom > payload.bin
  age -r "$recipient" -o payload.age payload.bin
  rm payload.bin
  hyperfine -N -w 1 -r 5 --export-markdown age.md \
    -n 'jsops age -d (256 MiB)' "$jsops age -d -i key.txt -o /dev/null payload.age" \
    -n 'age -d (256 MiB)' 'age -d -i key.txt -o /dev/null payload.age'
  md "age: decrypt 256 MiB" age.md
  rm payload.age
fi

if [[ $which == *verify* ]]; then
  # 1,000 encrypted Secrets in a Flux-like tree with a .sops.yaml, all reached from one kustomization.
  mkdir -p repo/kubernetes/apps
  printf 'creation_rules:\n  - path_regex: kubernetes/.*\\.sops\\.ya?ml$\n    encrypted_regex: ^(data|stringData)$\n    age: %s\n' \
    "$recipient" > repo/.sops.yaml
  # Distinct files, each with its own data key, encrypted by sops itself (about 20 ms each).
  for i in $(seq -w 0 999); do
    d=repo/kubernetes/apps/app$i
    mkdir -p "$d"
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - secret.sops.yaml\n' \
      > "$d/kustomization.yaml"
    sed "s/name: app\$/name: app$i/" secret.yaml > "$d/secret.sops.yaml"
    (cd repo && sops encrypt -i "kubernetes/apps/app$i/secret.sops.yaml")
  done
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n' > repo/kubernetes/apps/kustomization.yaml
  for i in $(seq -w 0 999); do echo "  - app$i" >> repo/kubernetes/apps/kustomization.yaml; done
  files=$(find repo -name 'secret.sops.yaml' | sort)  # not repo/.sops.yaml
  printf '%s\n' $files > list.txt
  hyperfine -N -w 1 -r 5 --export-markdown verify.md \
    -n 'jsops verify (1,000 Secrets)' "$jsops verify repo" \
    -n 'jsops verify --no-keys (1,000 Secrets)' "$jsops verify --no-keys repo"
  hyperfine -w 0 -r 3 --export-markdown verify-sops.md \
    -n 'shell loop: sops decrypt each of 1,000' 'while read -r f; do sops decrypt "$f" > /dev/null || exit 1; done < list.txt'
  md "verify: 1,000 encrypted Secrets" verify.md
  md "sops decrypt in a shell loop over the same 1,000 files" verify-sops.md
fi
