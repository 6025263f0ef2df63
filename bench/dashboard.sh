#!/usr/bin/env bash
# Dashboard query time over a synthetic history: HITS views over 365 days,
# then the 1-, 7-, 30-day and 12-month reports (each run 3 times; the best
# is kept), and the 12-month query before and after the monthly roll-ups.
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
# Where the 12-month time goes: the query the report used before the monthly
# roll-ups (top articles and top sections, each grouping every per-article
# daily row of the year) against the one it runs now (whole months from the
# monthly table, the partial months from the daily one), timed by sqlite3
# on the same file. Also their query plans.
if command -v sqlite3 >/dev/null; then
  today=$(( $(date +%s) / 86400 ))
  first=$(( today - 364 ))
  # The month split of first..today, as the report computes it.
  read -r h1 h2 m1 m2 t1 t2 < <(sqlite3 "$DIR/dash.db" "
    with d(first, last) as (select $first, $today),
    m(mf, ml) as (select
      (cast(strftime('%Y', first*86400, 'unixepoch') as int)-1970)*12 + cast(strftime('%m', first*86400, 'unixepoch') as int) - 1
        + (strftime('%d', first*86400, 'unixepoch') != '01'),
      (cast(strftime('%Y', last*86400, 'unixepoch') as int)-1970)*12 + cast(strftime('%m', last*86400, 'unixepoch') as int) - 1
        - (strftime('%d', (last+1)*86400, 'unixepoch') != '01') from d),
    b(mf, ml, ms, me) as (select mf, ml,
      cast(julianday(printf('%04d-%02d-01', 1970 + mf/12, mf%12 + 1)) - 2440587.5 as int),
      cast(julianday(printf('%04d-%02d-01', 1970 + (ml+1)/12, (ml+1)%12 + 1)) - 2440587.5 as int) from m)
    select first, ms - 1, mf, ml, me, last from d, b;" | tr '|' ' ')
  old_articles="select article_id, sum(views) as v from stats_article_days where day between $first and $today group by article_id order by v desc limit 10"
  old_sections="select s.id, sum(t.v) as total from (select article_id, sum(views) as v from stats_article_days where day between $first and $today group by article_id) t join articles a on a.id = t.article_id left join sections s on s.id = a.section_id group by s.id order by total desc limit 10"
  new_sums="select t.article_id, t.v from (select article_id, sum(views) as v from (select article_id, views from stats_article_days where day between $h1 and $h2 union all select article_id, views from stats_article_months where month between $m1 and $m2 union all select article_id, views from stats_article_days where day between $t1 and $t2) group by article_id) t left join articles a on a.id = t.article_id left join sections s on s.id = a.section_id"
  best_of_3() {
    local best=999 t
    for _ in 1 2 3; do
      t=$(printf '.timer on\n%s;\n' "$@" | sqlite3 "$DIR/dash.db" 2>&1 | awk '/^Run Time/ {s += $4} END {print s}')
      best=$(awk -v a="$t" -v b="$best" 'BEGIN{print (a<b)?a:b}')
    done
    echo "$best"
  }
  echo "12-month query, daily rows only (before): $(best_of_3 "$old_articles" "$old_sections") s (sqlite3, best of 3)"
  echo "12-month query, months + edge days (now): $(best_of_3 "$new_sums") s (sqlite3, best of 3)"
  echo "plan before:"; sqlite3 "$DIR/dash.db" "explain query plan $old_sections"
  echo "plan now:"; sqlite3 "$DIR/dash.db" "explain query plan $new_sums"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
