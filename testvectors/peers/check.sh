#!/usr/bin/env bash
# Print the version of each jsops peer tool installed by install.sh.
# With CI=true, exit non-zero if a required peer is missing or broken
# (sops pins incl. the resolved newest, age, age-keygen, age-inspect,
# age-plugin-batchpass, kustomize, typage, the report schemas).
# rage and hyperfine are optional.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$HERE/versions.env"
PEERS=${JSOPS_PEERS:-$HOME/.cache/jsops-peers}
BIN=$PEERS/bin

missing=()
# show LABEL REQUIRED CMD... : print "LABEL  <first line of CMD's output>"
show() {
  local label=$1 required=$2 out; shift 2
  if [[ $1 != */* ]] && ! command -v "$1" >/dev/null 2>&1 || [[ $1 == */* && ! -x $1 ]]; then
    printf '%-22s %s\n' "$label" "MISSING$([[ $required == req ]] || echo ' (optional)')"
    [[ $required == req ]] && missing+=("$label")
    return 0
  fi
  if out=$(timeout 30 "$@" </dev/null 2>&1); then
    printf '%-22s %s\n' "$label" "$(head -n 1 <<<"$out")"
  else
    printf '%-22s %s\n' "$label" "BROKEN: $(head -n 1 <<<"$out")"
    [[ $required == req ]] && missing+=("$label")
  fi
}

newest=$(cat "$PEERS/sops-newest.version" 2>/dev/null || echo "$SOPS_NEWEST_FALLBACK")
echo "jsops peers in $BIN"
# shellcheck disable=SC2086 # SOPS_PINS is a space separated list
for v in $(printf '%s\n' $SOPS_PINS "$newest" | sort -u -V); do
  show "sops-$v" req "$BIN/sops-$v" --disable-version-check --version
done
show "sops -> $(readlink "$BIN/sops" 2>/dev/null || echo '?')" req "$BIN/sops" --disable-version-check --version
show "sops-newest" req "$BIN/sops-newest" --disable-version-check --version
show "age" req "$BIN/age" --version
show "age-keygen" req "$BIN/age-keygen" --version
show "age-inspect" req "$BIN/age-inspect" --version
show "age-plugin-batchpass" req "$BIN/age-plugin-batchpass" --version
show "kustomize" req "$BIN/kustomize" version
show "typage" req "$BIN/typage" --version
for f in sarif-2.1.0.json junit-10.xsd; do
  if [[ -f $PEERS/schemas/$f ]]; then printf '%-22s %s\n' "schema $f" "$(sha256sum "$PEERS/schemas/$f" | cut -c1-16)"
  else printf '%-22s %s\n' "schema $f" MISSING; missing+=("schema $f"); fi
done
show "rage" opt "$BIN/rage" --version
show "rage-keygen" opt "$BIN/rage-keygen" --version
show "hyperfine" opt hyperfine --version

if ((${#missing[@]})); then
  echo "missing or broken required peers: ${missing[*]} (run $HERE/install.sh)" >&2
  [[ ${CI:-} == true ]] && exit 1
fi
exit 0
