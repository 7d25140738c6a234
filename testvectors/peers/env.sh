# shellcheck shell=sh
# Source this to put the jsops peer tools first on PATH:
#   source testvectors/peers/env.sh
# (install them first with testvectors/peers/install.sh)
export JSOPS_PEERS="${JSOPS_PEERS:-$HOME/.cache/jsops-peers}"
case ":$PATH:" in
  *":$JSOPS_PEERS/bin:"*) ;;
  *) export PATH="$JSOPS_PEERS/bin:$PATH" ;;
esac
# sops <3.9 ignores this (check.sh passes --disable-version-check instead);
# newer versions would otherwise try to reach the network on --version.
export SOPS_DISABLE_VERSION_CHECK=1
