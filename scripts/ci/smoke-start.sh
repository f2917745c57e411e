#!/usr/bin/env bash
# Runs `npm start` (which builds Kith first when the sources changed) on a spare port with a
# throw-away embedded database, waits for GET /api/health = 200, and stops it again. In CI this
# is the build step, so the e2e suite's own `npm start` finds the build ready.
#   smoke-start.sh [LOGFILE]
set -euo pipefail
LOG=${1:-$(mktemp)}
PORT=${SMOKE_PORT:-3197}
LIMIT=${SMOKE_LIMIT:-300}
DATA=$(mktemp -d)
cleanup() {
  if [ -n "${PID:-}" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM -- "-$PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT
health() {
  node -e "fetch('http://127.0.0.1:$PORT/api/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"
}
if health; then echo "smoke: port $PORT is already in use" >&2; exit 1; fi

t0=$(date +%s)
# setsid: its own process group, so npm, tsx, next and their children stop together.
KITH_DATA_DIR="$DATA" PORT="$PORT" KITH_SEED_DEMO=0 setsid npm start > "$LOG" 2>&1 &
PID=$!
while :; do
  if health; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "smoke: npm start exited before /api/health answered; its log:" >&2
    tail -n 60 "$LOG" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - t0 )) -ge "$LIMIT" ]; then
    echo "smoke: /api/health did not answer 200 within ${LIMIT}s; log:" >&2
    tail -n 60 "$LOG" >&2
    exit 1
  fi
  sleep 1
done
echo "smoke: npm start → /api/health 200 after $(( $(date +%s) - t0 ))s (build included when needed)"
grep -E 'Compiled|Route|Ready|ready|Kith is ready|✓' "$LOG" | head -n 8 | sed 's/^/  | /' || true
