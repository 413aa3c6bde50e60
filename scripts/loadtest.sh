#!/usr/bin/env bash
# Load test of the report page (issue #7: p99 under 50 ms with 50 concurrent
# clients on loopback).
#
# Writes N variants of the Jilin sample (other departments and years, as in
# crates/cli/tests/import_kill.rs) under $WORK, imports them into a fresh
# SQLite library with `juesuan import` (timed), then twice starts
# `juesuan serve` afresh (nothing cached in memory) and runs wrk against
# /reports/{id} with a random id of the N per request: once as plain
# clients (wrk sends no Accept-Encoding), once with `Accept-Encoding: gzip`.
#
#   cargo build --release -p juesuan && scripts/loadtest.sh [N] [DURATION]
#
# N defaults to 1000, DURATION to 20s. Environment: JUESUAN (the binary,
# default target/release/juesuan), WORK (default /tmp/juesuan-loadtest),
# PORT (default 18088), CONNECTIONS (50), THREADS (2); DB (another library
# URL, e.g. an empty PostgreSQL database or schema: postgres://…); REUSE=1
# keeps the library of the last run (no generating, no import). Needs wrk
# and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
duration=${2:-20s}
bin=${JUESUAN:-target/release/juesuan}
work=${WORK:-/tmp/juesuan-loadtest}
port=${PORT:-18088}
connections=${CONNECTIONS:-50}
threads=${THREADS:-2}
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

# The ids, from the JSON API, into the wrk script.
serve
{
  echo "local ids = {"
  curl -fs "http://127.0.0.1:$port/api/reports" | grep -o '"id":"[0-9a-f]\{16\}"' |
    sed 's/"id":\("[0-9a-f]*"\)/  \1,/'
  cat <<'LUA'
}
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
  return wrk.format("GET", "/reports/" .. ids[math.random(#ids)])
end
LUA
} >"$work/random-report.lua"
stop
echo "ids: $(grep -c '^  "' "$work/random-report.lua")"

for mode in plain gzip; do
  serve # a new process: nothing in memory, every first view hits the library
  echo "== wrk, $mode: $connections connections, $threads threads, $duration"
  headers=()
  [ "$mode" = gzip ] && headers=(-H "Accept-Encoding: gzip")
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "${headers[@]}" \
    -s "$work/random-report.lua" "http://127.0.0.1:$port"
  stop
done
