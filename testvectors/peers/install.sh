#!/usr/bin/env bash
# Install the pinned upstream peer tools jsops is tested against:
# sops (several pins), age/age-keygen, kustomize, typage (npm age-encryption +
# our CLI wrapper), rage (optional) and hyperfine (optional).
#
#   testvectors/peers/install.sh [PEER...]
#
# PEER is any of: sops age kustomize typage rage hyperfine schemas (default: all).
# Everything goes to ${JSOPS_PEERS:-$HOME/.cache/jsops-peers}; binaries in
# $JSOPS_PEERS/bin with versioned names plus unversioned links for the
# default pins. Idempotent: a tool already installed at its pin is skipped.
# Go module and build caches are the normal ones (GOPATH/GOCACHE), so repeated
# runs are fast.
#
# Environment:
#   JSOPS_PEERS        install root (default ~/.cache/jsops-peers)
#   JSOPS_PEERS_JOBS   parallel Go builds (default 2)
#   JSOPS_PEERS_SKIP   space separated peers to skip (e.g. "rage hyperfine")
#   JSOPS_SOPS_NEWEST  force the "newest sops" version instead of resolving it
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$HERE/versions.env"

PEERS=${JSOPS_PEERS:-$HOME/.cache/jsops-peers}
BIN=$PEERS/bin
LOGS=$PEERS/logs
JOBS=${JSOPS_PEERS_JOBS:-2}
SKIP=" ${JSOPS_PEERS_SKIP:-} "
mkdir -p "$BIN" "$LOGS" "$PEERS/build"

# One installer at a time per cache dir.
exec 9>"$PEERS/.lock"
if ! flock -n 9; then
  echo "peers: waiting for another install.sh on $PEERS" >&2
  flock 9
fi

T0=$SECONDS
log() { printf 'peers: [%4ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

want() { # want PEER -> selected on the command line (or all) and not skipped
  [[ $SKIP == *" $1 "* ]] && return 1
  [[ ${#SELECTED[@]} -eq 0 ]] && return 0
  local s; for s in "${SELECTED[@]}"; do [[ $s == "$1" ]] && return 0; done
  return 1
}
SELECTED=("$@")
for s in "${SELECTED[@]}"; do
  case $s in sops|age|kustomize|typage|rage|hyperfine|schemas) ;; *) die "unknown peer '$s' (sops age kustomize typage rage hyperfine schemas)";; esac
done

link() { ln -sfn "$1" "$BIN/$2"; } # link TARGET NAME (TARGET relative to bin/)

# ---------------------------------------------------------------- Go tools ---
# Module version embedded in a Go binary, e.g. "v3.8.1" ("" if none).
go_bin_version() {
  [[ -x $1 ]] || return 0
  go version -m "$1" 2>/dev/null | awk '$1 == "mod" { print $3; exit }'
}

# go_job NAME MODULE VERSION PKG:OUT... : build PKGs of MODULE@vVERSION with
# go install into a scratch GOBIN, then move each PKG's binary to bin/OUT.
go_job() {
  local name=$1 module=$2 version=$3; shift 3
  local scratch=$PEERS/build/$name spec pkg out
  local need=0
  for spec in "$@"; do
    out=${spec#*:}
    [[ $(go_bin_version "$BIN/$out") == "v$version" ]] || need=1
  done
  if [[ $need == 0 ]]; then
    echo "$name: already installed"
    return 0
  fi
  rm -rf "$scratch"; mkdir -p "$scratch"
  local pkgs=()
  for spec in "$@"; do pkgs+=("${spec%%:*}@v$version"); done
  local t=$SECONDS
  if ! GOBIN=$scratch CGO_ENABLED=0 go install -ldflags="-s -w" "${pkgs[@]}" >"$LOGS/$name.log" 2>&1; then
    echo "$name: FAILED after $((SECONDS - t))s, see $LOGS/$name.log"
    tail -n 20 "$LOGS/$name.log" | sed 's/^/    /'
    return 1
  fi
  for spec in "$@"; do
    pkg=${spec%%:*}; out=${spec#*:}
    pkg=${pkg%/v[0-9]*}   # go names .../kustomize/v5 "kustomize"
    mv -f "$scratch/${pkg##*/}" "$BIN/$out" || { echo "$name: FAILED: no binary ${pkg##*/} from go install"; return 1; }
  done
  rm -rf "$scratch"
  echo "$name: built in $((SECONDS - t))s"
}

resolve_sops_newest() {
  local recorded=$PEERS/sops-newest.version v
  if [[ -n ${JSOPS_SOPS_NEWEST:-} ]]; then
    echo "${JSOPS_SOPS_NEWEST#v}" | tee "$recorded"; return
  fi
  # The proxy's version list can be incomplete, so also ask for @latest and
  # take the highest plain v3.x.y of both.
  v=$( { timeout 120 go list -m -versions github.com/getsops/sops/v3 2>/dev/null | tr ' ' '\n'
         timeout 120 go list -m github.com/getsops/sops/v3@latest 2>/dev/null | awk '{print $2}'
       } | grep -E '^v3\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1 || true)
  if [[ -n $v ]]; then
    echo "${v#v}" > "$recorded"
    echo "${v#v}"
  elif [[ -s $recorded ]]; then
    log "could not resolve newest sops; using recorded $(cat "$recorded")"
    cat "$recorded"
  else
    log "could not resolve newest sops; using fallback $SOPS_NEWEST_FALLBACK"
    echo "$SOPS_NEWEST_FALLBACK"
  fi
}

# Job order = priority: the small age build and the default sops first, so
# the most-used peers are ready (or fail) early; each sops build takes minutes.
GO_JOBS=()      # "name|module|version|pkg:out ..."
POST_LINKS=()   # "target name"
AGE_CMDS="age age-keygen age-inspect age-plugin-batchpass"
KUSTOMIZE_JOB="kustomize-$KUSTOMIZE_VERSION|sigs.k8s.io/kustomize/kustomize/v5|$KUSTOMIZE_VERSION|sigs.k8s.io/kustomize/kustomize/v5:kustomize-$KUSTOMIZE_VERSION"
if want age; then
  command -v go >/dev/null || die "go not found (needed for age)"
  specs=""
  for c in $AGE_CMDS; do
    specs+=" filippo.io/age/cmd/$c:$c-$AGE_VERSION"
    POST_LINKS+=("$c-$AGE_VERSION $c")
  done
  GO_JOBS+=("age-$AGE_VERSION|filippo.io/age|$AGE_VERSION|${specs# }")
fi
if want sops; then
  command -v go >/dev/null || die "go not found (needed for sops)"
  SOPS_NEWEST=$(resolve_sops_newest)
  log "sops pins: $SOPS_PINS; newest resolved to $SOPS_NEWEST"
  # shellcheck disable=SC2086 # SOPS_PINS is a space separated list
  for v in $SOPS_DEFAULT $(printf '%s\n' $SOPS_PINS "$SOPS_NEWEST" | sort -u -V | grep -vxF "$SOPS_DEFAULT"); do
    GO_JOBS+=("sops-$v|github.com/getsops/sops/v3|$v|github.com/getsops/sops/v3/cmd/sops:sops-$v")
    if [[ $v == "$SOPS_DEFAULT" ]] && want kustomize; then # kustomize right after the default sops
      GO_JOBS+=("$KUSTOMIZE_JOB")
    fi
  done
  POST_LINKS+=("sops-$SOPS_DEFAULT sops" "sops-$SOPS_NEWEST sops-newest")
elif want kustomize; then
  GO_JOBS+=("$KUSTOMIZE_JOB")
fi
if want kustomize; then
  command -v go >/dev/null || die "go not found (needed for kustomize)"
  POST_LINKS+=("kustomize-$KUSTOMIZE_VERSION kustomize")
fi

FAILED=()
STATUS=$PEERS/build/status
: >"$STATUS"

run_go_jobs() {
  local job name module version specs running=0
  for job in "${GO_JOBS[@]}"; do
    IFS='|' read -r name module version specs <<<"$job"
    # shellcheck disable=SC2086
    ( if go_job "$name" "$module" "$version" $specs; then echo "$name ok" >>"$STATUS"
      else echo "$name FAILED" >>"$STATUS"; fi ) 2>&1 | sed -u "s/^/peers: [go] /" >&2 &
    running=$((running + 1))
    if (( running >= JOBS )); then wait -n || true; running=$((running - 1)); fi
  done
  wait || true
}

# ------------------------------------------------------------------- typage ---
install_typage() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then log "typage: node/npm not found"; return 1; fi
  local dir=$PEERS/node stamp want_stamp t=$SECONDS
  want_stamp=$(cat "$HERE/typage/package.json" "$HERE/typage/package-lock.json" | sha256sum | cut -c1-16)
  stamp=$(cat "$dir/.stamp" 2>/dev/null || true)
  mkdir -p "$dir"
  if [[ $stamp == "$want_stamp" && -f $dir/node_modules/age-encryption/package.json ]]; then
    log "typage: age-encryption already installed"
  else
    cp "$HERE/typage/package.json" "$HERE/typage/package-lock.json" "$dir/"
    if ! (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >"$LOGS/typage.log" 2>&1; then
      log "typage: npm ci FAILED, see $LOGS/typage.log"; tail -n 20 "$LOGS/typage.log" >&2; return 1
    fi
    echo "$want_stamp" >"$dir/.stamp"
    log "typage: npm ci done in $((SECONDS - t))s"
  fi
  local got
  got=$(node -p 'require(process.argv[1]).version' "$dir/node_modules/age-encryption/package.json")
  [[ $got == "$TYPAGE_VERSION" ]] || { log "typage: installed age-encryption $got != pin $TYPAGE_VERSION"; return 1; }
  install -m 0755 "$HERE/typage-cli.mjs" "$dir/typage-cli.mjs"
  link ../node/typage-cli.mjs "typage-$TYPAGE_VERSION"
  link "typage-$TYPAGE_VERSION" typage
}

# ------------------------------------------------------------------ schemas ---
# fetch_schema NAME SHA256 FETCH-FUNCTION: install $PEERS/schemas/NAME unless it
# is already there with the pinned digest; FETCH-FUNCTION writes it to $1.
fetch_schema() {
  local name=$1 sum=$2 fetch=$3 dest=$PEERS/schemas/$1 tmp
  if [[ -f $dest ]] && [[ $(sha256sum "$dest" | cut -d' ' -f1) == "$sum" ]]; then
    log "schemas: $name already installed"; return 0
  fi
  tmp=$(mktemp -d "$PEERS/build/schema.XXXXXX")
  if ! (cd "$tmp" && "$fetch" "$tmp/$name") >"$LOGS/schema-$name.log" 2>&1; then
    log "schemas: $name FAILED, see $LOGS/schema-$name.log"; rm -rf "$tmp"; return 1
  fi
  if [[ $(sha256sum "$tmp/$name" | cut -d' ' -f1) != "$sum" ]]; then
    log "schemas: $name digest mismatch (expected $sum)"; rm -rf "$tmp"; return 1
  fi
  mkdir -p "$PEERS/schemas"
  mv -f "$tmp/$name" "$dest"
  rm -rf "$tmp"
  log "schemas: $name installed"
}
sarif_from_npm() {
  npm pack --silent --loglevel=error "$SARIF_NPM_PACKAGE" >/dev/null
  tar xzf ./*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json
  mv package/lib/schemas/sarif-2.1.0-rtm.5.json "$1"
}
junit_from_pypi() {
  # The sdist straight from the simple index: pip download would build its metadata first (slow when cold).
  local name=${JUNIT_PYPI_SDIST%%==*} version=${JUNIT_PYPI_SDIST##*==} url
  url=$(curl -fsSL "https://pypi.org/simple/$name/" | grep -o "href=\"[^\"]*/$name-$version\.tar\.gz[^\"]*\"" | head -n 1 | cut -d'"' -f2)
  [[ -n $url ]] || { echo "no $name-$version sdist on the index"; return 1; }
  curl -fsSL -o sdist.tar.gz "${url%%#*}"
  [[ $url != *"#sha256="* ]] || echo "${url##*#sha256=}  sdist.tar.gz" | sha256sum -c --quiet
  tar xzf sdist.tar.gz "$name-$version/testing/example_scripts/junit-10.xsd"
  mv "$name-$version/testing/example_scripts/junit-10.xsd" "$1"
}
install_schemas() {
  local rc=0
  if command -v npm >/dev/null; then fetch_schema sarif-2.1.0.json "$SARIF_SCHEMA_SHA256" sarif_from_npm || rc=1
  else log "schemas: npm not found (needed for the SARIF schema)"; rc=1; fi
  if command -v curl >/dev/null; then fetch_schema junit-10.xsd "$JUNIT_SCHEMA_SHA256" junit_from_pypi || rc=1
  else log "schemas: curl not found (needed for the JUnit schema)"; rc=1; fi
  return $rc
}

# --------------------------------------------------------------------- rage ---
install_rage() { # optional: failures are reported, never fatal
  local root=$PEERS/cargo t=$SECONDS
  if ! command -v cargo >/dev/null; then
    log "rage: OPTIONAL, SKIPPED: cargo not found"; return 0
  fi
  if [[ -x $root/bin/rage ]] && "$root/bin/rage" --version 2>/dev/null | grep -qF " $RAGE_VERSION"; then
    log "rage: already installed"
  else
    log "rage: cargo install rage $RAGE_VERSION (a few minutes)"
    if ! cargo install rage --locked --version "$RAGE_VERSION" --root "$root" >"$LOGS/rage.log" 2>&1; then
      log "rage: OPTIONAL, NOT INSTALLED: cargo install failed after $((SECONDS - t))s (see $LOGS/rage.log):"
      grep -E '^error' "$LOGS/rage.log" | head -n 5 | sed 's/^/    /' >&2 || true
      return 0
    fi
    log "rage: built in $((SECONDS - t))s"
  fi
  local b
  for b in rage rage-keygen; do
    [[ -x $root/bin/$b ]] || continue
    link "../cargo/bin/$b" "$b-$RAGE_VERSION"
    link "$b-$RAGE_VERSION" "$b"
  done
}

# ---------------------------------------------------------------- hyperfine ---
install_hyperfine() { # optional
  if command -v hyperfine >/dev/null; then log "hyperfine: present ($(command -v hyperfine))"; return 0; fi
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    log "hyperfine: OPTIONAL, SKIPPED: not root or no apt-get"; return 0
  fi
  local t=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -q hyperfine >"$LOGS/hyperfine.log" 2>&1 \
     || { apt-get update -q >>"$LOGS/hyperfine.log" 2>&1 && apt-get install -y -q hyperfine >>"$LOGS/hyperfine.log" 2>&1; }; then
    log "hyperfine: installed from apt in $((SECONDS - t))s"
  else
    log "hyperfine: OPTIONAL, NOT INSTALLED: apt-get failed (see $LOGS/hyperfine.log)"
  fi
  return 0
}

# ---------------------------------------------------------------------- run ---
log "installing into $PEERS (go jobs: $JOBS)"
want hyperfine && install_hyperfine
run_go_jobs &            # Go builds in the background ...
GO_PID=$!
if want typage; then     # ... while npm (network-bound) runs in the foreground
  install_typage || FAILED+=(typage)
fi
if want schemas; then
  install_schemas || FAILED+=(schemas)
fi
wait "$GO_PID" || true
wait || true
while read -r name st; do
  [[ $st == ok ]] || FAILED+=("$name")
done <"$STATUS"
for l in "${POST_LINKS[@]}"; do
  read -r target name <<<"$l"
  if [[ -x $BIN/$target ]]; then link "$target" "$name"; fi
done
# rage last: it is optional and CPU-heavy, so it does not delay the required peers.
want rage && install_rage

{
  echo "# written by install.sh $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "sops_newest=$(cat "$PEERS/sops-newest.version" 2>/dev/null || echo "${SOPS_NEWEST:-?}")"
  echo "sops_pins=$SOPS_PINS"
  echo "age=$AGE_VERSION kustomize=$KUSTOMIZE_VERSION typage=$TYPAGE_VERSION rage=$RAGE_VERSION"
} >"$PEERS/versions.txt"

if ((${#FAILED[@]})); then
  log "FAILED: ${FAILED[*]} (logs in $LOGS)"
  exit 1
fi
log "done in $((SECONDS - T0))s; put $BIN on PATH with: source $HERE/env.sh"
