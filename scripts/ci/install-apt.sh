#!/usr/bin/env bash
# Installs the Debian packages CI needs, only those missing (no `apt-get update` when none is).
#   chromium                         Playwright's browser (never `npx playwright install`)
#   postgresql-15                    the real-PostgreSQL suite
#   postgresql-server-dev-15 make gcc  to build pgvector (scripts/ci/install-pgvector.sh)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PACKAGES=(chromium postgresql-15 postgresql-server-dev-15 make gcc)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if [ ${#missing[@]} = 0 ]; then
  echo "apt: all present (${PACKAGES[*]})"
else
  if [ "$(id -u)" != 0 ]; then echo "install-apt.sh: must run as root to install: ${missing[*]}" >&2; exit 1; fi
  echo "apt: installing ${missing[*]}"
  APT=(apt-get -o DPkg::Lock::Timeout=300 -o APT::Sandbox::User=root)
  "${APT[@]}" update -qq
  "${APT[@]}" install -y -qq "${missing[@]}" > /tmp/kith-ci-apt.log 2>&1 || {
    tail -n 40 /tmp/kith-ci-apt.log >&2; exit 1; }
  tail -n 3 /tmp/kith-ci-apt.log
fi
[ -x /usr/bin/chromium ] || { echo "apt: /usr/bin/chromium missing after install" >&2; exit 1; }
echo "apt: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?'); $(/usr/lib/postgresql/15/bin/postgres --version)"
