#!/usr/bin/env bash
# Documented check: build a small batch offline and photograph its review page in headless
# Chromium (Debian's `chromium` package: sudo apt-get install chromium), opened straight from
# disk as a reviewer would. Writes review.png next to review.html and prints both paths.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
cat > "$out/moved.csv" <<'CSV'
Name,Previous company,New company,New title,Owner,Agency
Jane Doe,Northwind Traders,Apple Inc.,Chief Marketing Officer,Sam Lee,TBWA\Media Arts Lab
Omar Haddad,Contoso,Apple Inc.,VP Marketing,Sam Lee,
<b>Zoë</b> Müller,Fabrikam,Apple Inc.,Head of Brand,Ana Ruiz,
Max Mustermann,Fabrikam,Qwzx Unfindable Holdings,CMO,Ana Ruiz,
CSV
.venv/bin/dossier batch "$out/moved.csv" --out "$out/out" --offline examples/apple-inc/snapshot --quiet || true
page="$out/out/moved/review.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$(mktemp -d)" --window-size=1280,1800 --hide-scrollbars \
  --screenshot="$out/out/moved/review.png" "file://$page" 2>/dev/null
echo "review page: $page"
echo "screenshot:  $out/out/moved/review.png"
