#!/usr/bin/env bash
# Load test of the web app's pages (issues #7 and #13: p99 under 50 ms with
# 50 concurrent clients on loopback, for every page whatever the library
# holds).
#
# Writes N variants of the Jilin sample (other departments and years, as in
# crates/cli/tests/import_kill.rs) under $WORK, imports them into a fresh
# library with `juesuan import` (timed), then runs wrk against each page,
# every request a random one of its kind:
#
#   report        /reports/{id}, plain clients (wrk sends no Accept-Encoding),
#                 on a server started afresh (nothing cached in memory)
#   report-gzip   the same with `Accept-Encoding: gzip`, on a fresh server
#   library       /?page=K, any page of the library
#   library-find  the library filtered: by year, status, department name
#                 (text search), sorted by error count, some past page 1
#   compare       /departments/{key}, one department across years
#   measure       /measures/{key}, by department, year or value, any page,
#                 some of one year
#
# and prints p50 and p99 per page at the end (wrk's own latency histogram,
# from its `done` hook).
#
#   cargo build --release -p juesuan && scripts/loadtest.sh [N] [DURATION]
#
# N defaults to 1000, DURATION to 20s. Environment: JUESUAN (the binary,
# default target/release/juesuan), WORK (default /tmp/juesuan-loadtest),
# PORT (default 18088), CONNECTIONS (50), THREADS (2); DB (another library
# URL, e.g. an empty PostgreSQL database or schema: postgres://…); REUSE=1
# keeps the library of the last run (no generating, no import); PAGES (the
# pages to run, default all: "report report-gzip library library-find
# compare measure"). Needs wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
duration=${2:-20s}
bin=${JUESUAN:-target/release/juesuan}
work=${WORK:-/tmp/juesuan-loadtest}
port=${PORT:-18088}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}
pages=${PAGES:-report report-gzip library library-find compare measure}
sample=tests/data/jilin-hrss-2024-final-accounts.txt
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "需要 $tool（Debian：apt-get install -y $tool）" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "找不到 $bin：先运行 cargo build --release -p juesuan" >&2; exit 2; }

db=${DB:-sqlite:$work/lib.db}
if [ "${REUSE:-}" = 1 ]; then
  echo "== reusing $db"
else
  rm -rf "$work"
  mkdir -p "$work/in"
  for ((i = 0; i < n; i++)); do
    sed -e "s/吉林省人力资源和社会保障厅/吉林省第${i}测试厅/g" \
        -e "s/2024 年度/$((2015 + i % 10)) 年度/g" "$sample" >"$work/in/v$(printf %04d "$i").txt"
  done
  echo "== import: $n files"
  start=$(date +%s%N)
  "$bin" import "$work/in" --db "$db" | tail -n 1
  echo "import wall time: $((($(date +%s%N) - start) / 1000000)) ms"
fi

server=""
stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  server=""
}
trap stop EXIT
serve() {
  "$bin" serve --db "$db" --addr "127.0.0.1:$port" 2>>"$work/serve.log" &
  server=$!
  for _ in $(seq 100); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/api/openapi.json" && return
    sleep 0.1
  done
  echo "服务未能启动（见 $work/serve.log）" >&2
  exit 2
}
base="http://127.0.0.1:$port"

# The ids and department keys, from the JSON API, a slice at a time.
serve
ids=$work/ids.txt keys=$work/keys.txt
: >"$ids"
: >"$keys"
offset=0
while :; do
  body=$(curl -fs "$base/api/reports?limit=500&offset=$offset")
  # (A slice past the end holds nothing: grep finds nothing, and that is fine.)
  got=$({ grep -o '"id":"[0-9a-f]\{16\}"' <<<"$body" || true; } | sed 's/"id":"\([0-9a-f]*\)"/\1/' | tee -a "$ids" | wc -l)
  { grep -o '"dept_key":"[^"]*"' <<<"$body" || true; } | sed 's/"dept_key":"\(.*\)"/\1/' >>"$keys"
  [ "$got" -lt 500 ] && break
  offset=$((offset + 500))
done
sort -u -o "$keys" "$keys"
years=$(curl -fs "$base/api/reports?limit=500" | grep -o '"year":[0-9]*' | cut -d: -f2 | sort -un | tr '\n' ' ')
stop
count=$(wc -l <"$ids")
library_pages=$(((count + 49) / 50))
measure_pages=$library_pages
echo "reports: $count, departments: $(wc -l <"$keys"), library pages: $library_pages, years: $years"

# A wrk script requesting a random path of `paths` (a Lua table body read
# from stdin); its `done` hook appends "page rps p50 p99 errors" to the
# results.
lua_script() {
  local name=$1 file=$work/$1.lua
  {
    echo "local paths = {"
    cat
    cat <<LUA
}
-- Percent-encodes a path segment (department keys are Chinese).
local function pct(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end
for i, p in ipairs(paths) do
  paths[i] = p:gsub("{{(.-)}}", pct)
end
-- Each wrk thread has its own Lua state: a seed of its own.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + (thread_no or 0))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  local f = io.open("$work/results.txt", "a")
  f:write(string.format("%-13s %9.1f %9.2f %9.2f %7d %7d\n", "$name",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, errors))
  f:close()
end
LUA
  } >"$file"
  echo "$file"
}

run() {
  local name=$1 script=$2
  shift 2
  echo "== $name: wrk, $connections connections, $threads threads, $duration"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" -s "$script" "$base" |
    grep -E "Requests/sec|Latency|Non-2xx|Socket errors|    (50|99)%" || true
}

: >"$work/results.txt"
for page in $pages; do
  case $page in
    report | report-gzip)
      script=$(sed 's|.*|  "/reports/&",|' "$ids" | lua_script "$page")
      serve # a new process: nothing in memory, every first view hits the library
      if [ "$page" = report-gzip ]; then
        run "$page" "$script" -H "Accept-Encoding: gzip"
      else
        run "$page" "$script"
      fi
      stop
      ;;
    library)
      script=$(seq "$library_pages" | sed 's|.*|  "/?page=&",|' | lua_script "$page")
      serve
      run "$page" "$script"
      stop
      ;;
    library-find)
      script=$(
        {
          for y in $years; do
            echo "  \"/?year=$y\","
            echo "  \"/?year=$y&sort=errors&page=2\","
          done
          echo '  "/?status=errors",'
          echo '  "/?status=clean",'
          echo '  "/?status=warnings&sort=year&page=3",'
          for p in 1 2 5 $((library_pages / 2 + 1)) "$library_pages"; do
            echo "  \"/?sort=errors&page=$p\","
          done
          shuf -n 20 "$keys" | sed 's|.*|  "/?dept={{&}}",|'
          for k in 1 12 123 4567; do
            echo "  \"/?q={{第${k}测试}}\","
          done
        } | lua_script "$page"
      )
      serve
      run "$page" "$script"
      stop
      ;;
    compare)
      script=$(sed 's|.*|  "/departments/{{&}}",|' "$keys" | lua_script "$page")
      serve
      run "$page" "$script"
      stop
      ;;
    measure)
      script=$(
        {
          for m in sangong abroad jiguan; do
            for p in $(seq "$measure_pages"); do
              echo "  \"/measures/$m?page=$p\","
              echo "  \"/measures/$m?sort=value&order=desc&page=$p\","
              echo "  \"/measures/$m?sort=year&page=$p\","
            done
          done
          for y in $years; do
            echo "  \"/measures/sangong?year=$y&sort=value\","
          done
        } | lua_script "$page"
      )
      serve
      run "$page" "$script"
      stop
      ;;
    *)
      echo "未知的页面：$page" >&2
      exit 2
      ;;
  esac
done

echo
echo "== summary: $count reports (${db%%:*}), $connections connections, $threads wrk threads, $duration each"
printf "%-13s %9s %9s %9s %7s %7s\n" page "req/s" "p50 ms" "p99 ms" requests errors
cat "$work/results.txt"
