#!/usr/bin/env bash
# Make sure the system libraries WeasyPrint needs are present (Debian/Ubuntu).
# Installs them when we can (root, or passwordless sudo); otherwise prints the one command to run.
set -euo pipefail
PKGS="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
else
  echo "system-deps: not a Debian/Ubuntu system; make sure Pango >= 1.44 and HarfBuzz are installed." >&2
  exit 0
fi
[ -z "$missing" ] && exit 0
echo "system-deps: installing:$missing"
if [ "$(id -u)" = "0" ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "system-deps: missing:$missing" >&2
  echo "Run this once, then try again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
