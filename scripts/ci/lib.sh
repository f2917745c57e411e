# Helpers for .ci/run (sourced). Needs OUT set.

_now() { date +%s; }
_stamp() { date '+%H:%M:%S'; }

# step LABEL CMD...: a setup step; prints a header and its duration; a failure ends CI at once
# (with the plain closing line, so the log's last line still says what happened).
step() {
  local label=$1; shift
  local t0; t0=$(_now)
  echo ""
  echo "=== [$(_stamp)] $label"
  local rc=0
  "$@" || rc=$?
  local secs=$(( $(_now) - t0 ))
  printf '  %-62s %5s s  %s\n' "$label" "$secs" "$([ $rc = 0 ] && echo ok || echo "FAILED (exit $rc)")" >> "$OUT/timings.txt"
  if [ $rc != 0 ]; then
    echo "=== [$(_stamp)] $label: FAILED (exit $rc) after ${secs}s — stopping CI"
    echo ""
    cat "$OUT/timings.txt"
    echo "0 passed, 1 failed"
    exit $rc
  fi
  echo "=== [$(_stamp)] $label: ok (${secs}s)"
}

# suite LABEL VAR TIMEOUT_SECONDS CMD...: a test suite; runs it under a time limit, keeps going on
# failure and stores its exit code in VAR (count-results.mjs reads the reports).
suite() {
  local label=$1 var=$2 limit=$3; shift 3
  local t0; t0=$(_now)
  echo ""
  echo "=== [$(_stamp)] $label (limit ${limit}s)"
  local rc=0
  timeout --kill-after=30 "$limit" "$@" || rc=$?
  local secs=$(( $(_now) - t0 ))
  local verdict="ok"
  if [ $rc = 124 ]; then verdict="TIMED OUT after ${limit}s"; elif [ $rc != 0 ]; then verdict="FAILED (exit $rc)"; fi
  printf '  %-62s %5s s  %s\n' "$label" "$secs" "$verdict" >> "$OUT/timings.txt"
  echo "=== [$(_stamp)] $label: $verdict (${secs}s)"
  printf -v "$var" '%s' "$rc"
}
