#!/usr/bin/env bash
# Beacon throughput against /healthz on the same server in the same run, then
# a graceful stop and a count of what reached the database.
#   bench/hits.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNECTIONS=${2:-64}
PORT=${PORT:-8102}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/khabar}
[ -x "$BIN" ] || cargo build --release
DIR=$(mktemp -d)
DB="sqlite://$DIR/bench.db"
# One machine sends every beacon: lift the per-address cap for the run.
export KHABAR_STATS__ADDRESS_CAP_PER_HOUR=1000000000
"$BIN" serve --demo --database "$DB" --listen "127.0.0.1:$PORT" 2>"$DIR/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
ARTICLE=$(curl -s "http://127.0.0.1:$PORT/api/v1/articles?limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
echo "== /healthz"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/healthz" | tee "$DIR/healthz.txt"
echo "== POST /api/v1/hits (article $ARTICLE)"
ARTICLE=$ARTICLE wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/hits.lua "http://127.0.0.1:$PORT" | tee "$DIR/hits.txt"
kill -TERM $SERVER
wait $SERVER || true
VIEWS=$("$BIN" stats --database "$DB" --article "$ARTICLE" --days 2 --json | grep '"views"' | tail -1 | tr -dc 0-9)
ANSWERED=$(grep 'beacons answered 204' "$DIR/hits.txt" | awk '{print $NF}')
H=$(grep 'Requests/sec' "$DIR/healthz.txt" | awk '{print $2}')
B=$(grep 'Requests/sec' "$DIR/hits.txt" | awk '{print $2}')
echo "== summary"
echo "healthz req/s: $H"
echo "beacon req/s:  $B"
echo "ratio:         $(awk -v b="$B" -v h="$H" 'BEGIN{printf "%.2f", b/h}')"
echo "beacons answered 204: $ANSWERED; views stored after SIGTERM: $VIEWS"
if [ "$VIEWS" -lt "$ANSWERED" ]; then echo "LOST $((ANSWERED - VIEWS)) views"; exit 1; fi
