#!/usr/bin/env bash
# Page-serving benchmark: Khabar rendering the home page and an article from
# SQLite on every request, against nginx serving the same article as a static
# file, measured in the same run with wrk on loopback.
#
#   bench/pages.sh                        # builds the release binary first
#   BIN=target/release/khabar bench/pages.sh   # or use a built one
#   DURATION=30s bench/pages.sh
#
# Needs wrk and nginx (apt-get install -y wrk nginx-light). Prints a Markdown
# table for bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
KHABAR_PORT=${KHABAR_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
UNCACHED_PORT=${UNCACHED_PORT:-18082}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/pages.sh: $tool is not installed" >&2; exit 1; }
done

if [[ -z "${BIN:-}" ]]; then
  cargo build --release -q
  BIN="${CARGO_TARGET_DIR:-target}/release/khabar"
fi
work=$(mktemp -d)
cleanup() {
  [[ -n "${khabar_pid:-}" ]] && kill "$khabar_pid" 2>/dev/null || true
  [[ -n "${uncached_pid:-}" ]] && kill "$uncached_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

RUST_LOG=warn "$BIN" serve --demo \
  --database "sqlite://$work/khabar.db" --listen "127.0.0.1:$KHABAR_PORT" &
khabar_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$KHABAR_PORT/healthz" >/dev/null && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$KHABAR_PORT/healthz" >/dev/null || { echo "khabar did not start" >&2; exit 1; }

# A second server over the same database with the in-memory page cache off:
# every request renders the page from SQLite. It needs a search folder of
# its own: the first one's is locked by the first server.
KHABAR_SITE__PAGE_CACHE_MS=0 KHABAR_SEARCH__INDEX_DIR="$work/search-uncached" RUST_LOG=warn "$BIN" serve \
  --database "sqlite://$work/khabar.db" --listen "127.0.0.1:$UNCACHED_PORT" &
uncached_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$UNCACHED_PORT/healthz" >/dev/null && break
  sleep 0.1
done

article=$(curl -fs "http://127.0.0.1:$KHABAR_PORT/api/v1/articles?limit=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["url"])')
article_path=${article#http://127.0.0.1:$KHABAR_PORT}
mkdir -p "$work/www"
curl -fs "$article" -o "$work/www/article.html"

cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
  }
}
CONF
mkdir -p "$work/tmp"
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf"
sleep 0.5

run() { # name url
  local out rps p50 p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${errors:-none}"
}

echo "wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| target | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
run "nginx, the article as a static file" "http://127.0.0.1:$NGINX_PORT/article.html"
run "khabar, article page (page cache on, the default)" "http://127.0.0.1:$KHABAR_PORT$article_path"
run "khabar, article page (rendered from SQLite per request)" "http://127.0.0.1:$UNCACHED_PORT$article_path"
run "khabar, home page (page cache on, the default)" "http://127.0.0.1:$KHABAR_PORT/"
run "khabar, home page (rendered from SQLite per request)" "http://127.0.0.1:$UNCACHED_PORT/"
run "khabar, /healthz" "http://127.0.0.1:$KHABAR_PORT/healthz"
echo
echo "khabar resident memory after the runs: $(( $(ps -o rss= -p "$khabar_pid") / 1024 )) MiB"
