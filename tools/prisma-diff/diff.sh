#!/usr/bin/env bash
# tools/prisma-diff/diff.sh <from.prisma|empty> <to.prisma>  -> migration SQL on stdout.
# Prisma 7's `migrate diff` needs a native engine that cannot be downloaded offline; Prisma 6.19's
# WASM engine can diff two schema files. Prisma 6 requires a datasource url, Prisma 7 forbids it,
# and Prisma 6 knows only the `prisma-client-js` generator: patch temporary copies.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
[ -d "$HERE/node_modules/prisma" ] || (cd "$HERE" && npm install --no-audit --no-fund >/dev/null)
inject() {
  sed -e 's|^\(\s*\)provider\(\s*\)=\(\s*\)"postgresql"|&\n\1url = "postgresql://unused@localhost/unused"|' \
      -e 's|"prisma-client"|"prisma-client-js"|' -e '/^\s*output\s*=/d' "$1" > "$2"
}
if [ "$1" = "empty" ]; then FROM=(--from-empty); else inject "$1" "$TMP/from.prisma"; FROM=(--from-schema-datamodel "$TMP/from.prisma"); fi
inject "$2" "$TMP/to.prisma"
cd "$HERE"
PRISMA_QUERY_ENGINE_LIBRARY=/bin/false PRISMA_SCHEMA_ENGINE_BINARY=/bin/false CHECKPOINT_DISABLE=1 \
  node node_modules/prisma/build/index.js migrate diff --config prisma.config.ts "${FROM[@]}" --to-schema-datamodel "$TMP/to.prisma" --script
