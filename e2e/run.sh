#!/usr/bin/env bash
# Browser tests: builds khabar (unless KHABAR_BIN names a built one — the
# test script passes the binary `cargo test` just built, since a lone
# `cargo build --bin khabar` resolves features differently and would compile
# much of the tree again), creates an admin with the CLI over a fresh
# database, serves it on a free port, and runs the Playwright tests (node's
# test runner) against it with Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
if [ -n "${KHABAR_BIN:-}" ]; then
  bin="$KHABAR_BIN"
else
  (cd "$root" && cargo build --quiet --bin khabar)
  bin="$target/debug/khabar"
fi
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite://$work/khabar.db"
export KHABAR_E2E_EMAIL="editor-in-chief@example.com"
export KHABAR_E2E_PASSWORD="حبر وورق 2026"
printf '%s\n' "$KHABAR_E2E_PASSWORD" | RUST_LOG=warn "$bin" user add --database "$db" \
  --email "$KHABAR_E2E_EMAIL" --name "رئيسة التحرير" --role admin --password-stdin >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KHABAR_NEWSROOM__SCHEDULER_INTERVAL_SECS=1 RUST_LOG=warn "$bin" serve --database "$db" \
  --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
export KHABAR_E2E_BASE="http://127.0.0.1:$port"
# An external process: wait for it to answer, for at most 30 seconds.
for _ in $(seq 1 300); do
  if curl -fsS "$KHABAR_E2E_BASE/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
curl -fsS "$KHABAR_E2E_BASE/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }
export KHABAR_BIN="$bin" CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
node --test tests/
