#!/usr/bin/env bash
# Builds and installs pgvector 0.8.x into Debian bookworm's PostgreSQL 15 from Debian trixie's
# *source* package (bookworm has no postgresql-15-pgvector; no prebuilt binaries are reachable).
# Run as root. Idempotent: exits at once when the extension is already installed.
# The trixie deb-src list is private to this script: the system's apt configuration is untouched.
# NOTE: installing postgresql-server-dev-15 also upgrades postgresql-15 to the matching point
# release if the machine has an older one, which restarts a running cluster: callers must check
# pg_isready afterwards (scripts/ci/start-postgres.sh does).
set -euo pipefail
PGVER=${PGVER:-15}
PG_CONFIG=/usr/lib/postgresql/$PGVER/bin/pg_config
CONTROL=/usr/share/postgresql/$PGVER/extension/vector.control

if [ -f "$CONTROL" ] && ls /usr/lib/postgresql/$PGVER/lib/vector.so >/dev/null 2>&1; then
  echo "pgvector already installed ($(grep default_version "$CONTROL"))"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then echo "install-pgvector.sh: must run as root" >&2; exit 1; fi

export DEBIAN_FRONTEND=noninteractive
# Reuse the Debian mirror this machine is configured with (first URIs: line of the bookworm sources).
MIRROR=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$MIRROR" ] && [ -f /etc/apt/sources.list ]; then
  MIRROR=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$MIRROR" > "$WORK/trixie-src.sources"
mkdir -p "$WORK/lists/partial"
APT_PRIV=(-o Dir::Etc::SourceList="$WORK/trixie-src.sources" -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists="$WORK/lists" -o APT::Sandbox::User=root)

echo "pgvector: fetching the trixie source package from $MIRROR"
apt-get "${APT_PRIV[@]}" update -qq
( cd "$WORK" && apt-get "${APT_PRIV[@]}" source --download-only -qq pgvector )
ls "$WORK"/pgvector_*.orig.tar.* >/dev/null

echo "pgvector: installing build dependencies (postgresql-server-dev-$PGVER, make, gcc)"
if ! dpkg -s "postgresql-server-dev-$PGVER" make gcc >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq "postgresql-server-dev-$PGVER" make gcc >/dev/null
fi

tar -xf "$WORK"/pgvector_*.orig.tar.* -C "$WORK"
cd "$WORK"/pgvector-*/
echo "pgvector: building $(basename "$PWD")"
make -s -j"$(nproc)" PG_CONFIG="$PG_CONFIG"
make -s install PG_CONFIG="$PG_CONFIG"
echo "pgvector installed: $(grep default_version "$CONTROL")"
