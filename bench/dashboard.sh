#!/usr/bin/env bash
# Dashboard query time over a synthetic history: HITS views over 365 days,
# then the 30-day and 12-month reports (each run 3 times; the best is kept).
#   bench/dashboard.sh [HITS]
set -euo pipefail
cd "$(dirname "$0")/.."
HITS=${1:-10000000}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/khabar}
[ -x "$BIN" ] || cargo build --release
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
DB="sqlite://$DIR/dash.db"
"$BIN" demo generate --database "$DB" --articles 2000 >/dev/null 2>&1
/usr/bin/time -f "generated $HITS views in %e s" "$BIN" demo generate-hits --database "$DB" --hits "$HITS" --days 365 2>&1 | tail -1
ls -la "$DIR"/dash.db | awk '{printf "database: %.0f MB\n", $5/1048576}'
for days in 1 7 30 365; do
  best=999
  for _ in 1 2 3; do
    t=$( { /usr/bin/time -f "%e" "$BIN" stats --database "$DB" --days "$days" --json >/dev/null; } 2>&1 )
    best=$(awk -v a="$t" -v b="$best" 'BEGIN{print (a<b)?a:b}')
  done
  echo "report over $days days: ${best} s (whole command, best of 3)"
done
