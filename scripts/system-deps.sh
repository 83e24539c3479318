#!/usr/bin/env bash
# Installs the Debian packages that the test suite runs for real (Redis, Chromium) when they are missing.
# Called by `pnpm test:all` (and so by .ci/run). Needs root and apt-get; elsewhere it says what to install.
set -euo pipefail

# binary:package pairs; one line per real component the tests start.
NEEDED=(
  "redis-server:redis-server"
  "chromium:chromium"
)

missing=()
for pair in "${NEEDED[@]}"; do
  bin="${pair%%:*}"
  pkg="${pair#*:}"
  command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]} (Debian packages the tests run)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "system-deps: the tests need these Debian packages: ${missing[*]}" >&2
echo "system-deps: install them as root with: apt-get update && apt-get install -y ${missing[*]}" >&2
exit 1
