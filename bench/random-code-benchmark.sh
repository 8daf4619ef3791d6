#!/usr/bin/env bash
# Real short links' latency while someone scans random codes (issue 19; docs/benchmarks.md):
# p50/p99 of real codes alone and while a second wrk asks for random codes, against nginx
# answering `return 302` (the same-run baseline, scanned the same way) and tracking-service.
#
#   bench/random-code-benchmark.sh [label=path/to/quarkus-run.jar ...]
#
# Without arguments, this tree's tracking-service jar (built if missing); with several, each is
# measured in turn against the same links (e.g. before=/tmp/main/...jar after=tracking-service/...).
# The scan comes from one client (which runs out of its budget of unknown codes) and then from
# many (a random X-Forwarded-For of 198.18.0.0/15, the benchmarking range, per request; the
# service trusts loopback's X-Forwarded-For in this run). A scan alone first counts the link
# table's index scans per scanned code (pg_stat_user_tables; no clicks then, so no foreign-key checks).
#
# Needs PostgreSQL on 127.0.0.1:5432 (user drip) and a Kafka broker (BENCH_KAFKA, default
# 127.0.0.1:29092; deploy/local/kafka start). Installs wrk and nginx from the Debian packages if
# missing. Settings: BENCH_DURATION (20s), BENCH_WARMUP (30s), BENCH_CONNECTIONS (8, real
# clicks), BENCH_SCAN_CONNECTIONS (32), BENCH_LINKS (1000), BENCH_DB (drip_tracking_bench), BENCH_ROUNDS (1:
# how many times alone / one client / many addresses are measured in turn; the service's GC pauses
# in each phase are counted from its GC log), BENCH_JAVA_OPTS (to the service).
# Everything it starts listens on 127.0.0.1 only and is stopped by pid; BENCH_KEEP=1 keeps /tmp logs.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-30s}"
connections="${BENCH_CONNECTIONS:-8}"
scan_connections="${BENCH_SCAN_CONNECTIONS:-32}"
links="${BENCH_LINKS:-1000}"
db="${BENCH_DB:-drip_tracking_bench}"
rounds="${BENCH_ROUNDS:-1}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"

ensure_wrk_nginx
builds=("$@")
if ((${#builds[@]} == 0)); then
  jar="$repo/tracking-service/target/quarkus-app/quarkus-run.jar"
  [[ -f "$jar" ]] || (cd "$repo" && ./mvnw -B -q -pl tracking-service -am package -DskipTests)
  builds=("this=$jar")
fi

redirect_bench_workdir drip-random-code-bench

write_codes_lua "$work/real.lua"
# random codes of the short-code alphabet; each thread its own sequence
cat >"$work/scan.lua" <<'LUA'
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
local alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
local spread = os.getenv("BENCH_SPREAD") == "many"
function init() math.randomseed(os.time() * 1000 + id) end
request = function()
  local code = {}
  for i = 1, 10 do local k = math.random(#alphabet); code[i] = alphabet:sub(k, k) end
  local headers = {}
  if spread then headers["X-Forwarded-For"] = string.format("198.%d.%d.%d", 18 + math.random(0, 1),
    math.random(0, 255), math.random(1, 254)) end
  return wrk.format("GET", "/" .. table.concat(code), headers)
end
LUA
real() { # port duration output
  BENCH_CODES="$work/codes.txt" wrk -t1 -c"$connections" -d"$2" --latency -s "$work/real.lua" "http://127.0.0.1:$1" >"$3"
}
scan() { # port duration one|many output: a long timeout, as an unknown code may wait for its registration
  BENCH_SPREAD="$3" wrk -t1 -c"$scan_connections" -d"$2" --timeout 10s -s "$work/scan.lua" "http://127.0.0.1:$1" >"$4"
}
real_under_scan() { # port mode label
  scan "$1" "$duration" "$2" "$work/$3-scan.txt" &
  local scanner=$!
  sleep 1
  real "$1" "$duration" "$work/$3.txt"
  wait "$scanner"
}
outcomes() { # management-port: redirect outcomes so far, "not_found limited"
  curl -fs "http://127.0.0.1:$1/q/metrics" | awk '/^drip_redirect_seconds_count\{/ {
      if ($0 ~ /outcome="not_found"/) n = $NF; if ($0 ~ /outcome="limited"/) l = $NF }
    END { printf "%d %d", n, l }'
}
link_index_scans() { psql_db -d "$db" -c "select coalesce(idx_scan, 0) from pg_stat_user_tables where relname = 'link'"; }
rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
p() { awk -v q="$2" '$1 == q {print $2}' "$1"; }
errors() { awk '/Socket errors|Non-2xx/ {sub(/^ +/, ""); printf "%s; ", $0}' "$1"; }
mode_name() { case "$1" in alone) echo "real codes alone" ;; one) echo "scan from one client" ;; many) echo "scan from many addresses" ;; esac; }
# Each measured phase's wall-clock span (seconds since the epoch), to count the service's GC pauses in it.
at() { # phase command...
  local from; from="$(date -u +%s.%N)"
  "${@:2}"
  echo "$from $(date -u +%s.%N)" >"$work/$1.span"
}
gc_pauses() { # phase: the tracking JVM's stop-the-world GC pauses within the phase's span
  read -r from to <"$work/$1.span"
  awk -v from="$from" -v to="$to" '/Pause/ && /ms$/ {
      t = $1; gsub(/[\[\]ms]/, "", t); ms = $NF; sub(/ms$/, "", ms)
      if (t / 1000 >= from && t / 1000 <= to) { n++; sum += ms; if (ms > max) max = ms } }
    END { printf "GC pauses: %d, longest %.1f ms, together %.1f ms", n, max, sum }' "$work/gc-$label.log"
}
row() { # label file
  printf '%-42s %10s %10s %10s  %s\n' "$1" "$(rps "$2")" "$(p "$2" 50%)" "$(p "$2" 99%)" "$(errors "$2")"
}

nginx_port="$(free_port)"
start_nginx_302 "$nginx_port"
# nginx answers every path alike: any codes do until the links are registered
awk -v n="$links" 'BEGIN { srand(); for (i = 0; i < n; i++) printf "%010d\n", int(rand() * 1e10) }' >"$work/codes.txt"
log "nginx: real codes alone, then under a scan"
real "$nginx_port" 5s /dev/null
real "$nginx_port" "$duration" "$work/nginx-alone.txt"
real_under_scan "$nginx_port" one nginx-scan

export DRIP_TRUST_PROXY=true DRIP_TRUSTED_PROXIES=127.0.0.1
results=()
for build in "${builds[@]}"; do
  label="${build%%=*}"
  jar="${build#*=}"
  http_port="$(free_port)"; management_port="$(free_port)"
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Xlog:gc:file=$work/gc-$label.log:timemillis" \
    start_tracking "$db" "$kafka" "$http_port" "$management_port"
  register_links "$db" "$links" bench "0 days" "90 days" >"$work/codes.txt"
  log "$label: warm-up ($warmup of real codes, 10s of scanning)"
  real "$http_port" "$warmup" /dev/null
  scan "$http_port" 10s many /dev/null
  sleep 5 # the warm-up's waits end and its clicks are written before anything is counted

  log "$label: a scan alone from many addresses, counting the link table's index scans"
  scans_before="$(link_index_scans)"
  scan "$http_port" "$duration" many "$work/$label-scan-alone.txt"
  sleep 4 # the last waits end; PostgreSQL's statistics are flushed about every second
  scans_after="$(link_index_scans)"

  log "$label: $rounds round(s) of real codes alone, then under a scan from one client, then from many"
  for round in $(seq 1 "$rounds"); do
    at "$label-alone-$round" real "$http_port" "$duration" "$work/$label-alone-$round.txt"
    before_one="$(outcomes "$management_port")"
    at "$label-one-$round" real_under_scan "$http_port" one "$label-one-$round"
    after_one="$(outcomes "$management_port")"
    at "$label-many-$round" real_under_scan "$http_port" many "$label-many-$round"
    after_many="$(outcomes "$management_port")"
    echo "$before_one $after_one $after_many" >"$work/$label-outcomes-$round.txt"
  done

  kill "$tracking_pid"; wait "$tracking_pid" 2>/dev/null || true
  {
    for round in $(seq 1 "$rounds"); do
      for mode in alone one many; do
        row "$label: $(mode_name "$mode") #$round" "$work/$label-$mode-$round.txt"
        echo "    $(gc_pauses "$label-$mode-$round")"
      done
    done
    # wrk counts the answered codes; each of its connections still had one waiting when it stopped
    awk -v n="$(requests "$work/$label-scan-alone.txt")" -v c="$scan_connections" -v r="$(rps "$work/$label-scan-alone.txt")" \
      -v s="$((scans_after - scans_before))" 'BEGIN { printf "  scan alone (many addresses): %d codes answered at %s/s + %d waiting at the end, link index scans %d = %.1f per code\n", n, r, c, s, s / (n + c) }'
    for round in $(seq 1 "$rounds"); do
      read -r n1 l1 n2 l2 n3 l3 <"$work/$label-outcomes-$round.txt"
      echo "  #$round scan from one client: $(requests "$work/$label-one-$round-scan.txt") codes at $(rps "$work/$label-one-$round-scan.txt")/s: $((n2 - n1)) answered 404, $((l2 - l1)) answered 429"
      echo "  #$round scan from many addresses: $(requests "$work/$label-many-$round-scan.txt") codes at $(rps "$work/$label-many-$round-scan.txt")/s: $((n3 - n2)) answered 404, $((l3 - l2)) answered 429"
    done
  } >"$work/$label-result.txt"
  results+=("$work/$label-result.txt")
done

echo
echo "== Result ($(nproc) CPUs, $(date -u +%FT%TZ); real clicks wrk -t1 -c$connections -d$duration, scan wrk -t1 -c$scan_connections) =="
printf '%-42s %10s %10s %10s  %s\n' "" "requests/s" "p50" "p99" "errors"
row "nginx: real codes alone" "$work/nginx-alone.txt"
row "nginx: real codes, scan running" "$work/nginx-scan.txt"
echo "  nginx scan: $(requests "$work/nginx-scan-scan.txt") requests at $(rps "$work/nginx-scan-scan.txt")/s"
cat "${results[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these CPUs)"
