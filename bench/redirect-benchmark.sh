#!/usr/bin/env bash
# Redirect throughput and latency of tracking-service against nginx answering `return 302`,
# on this machine, in the same run, with the same wrk settings (issue 6; docs/benchmarks.md).
#
#   bench/redirect-benchmark.sh
#
# Needs PostgreSQL on 127.0.0.1:5432 (user drip) and a Kafka broker (BENCH_KAFKA, default
# 127.0.0.1:29092; deploy/local/kafka start). Installs wrk and nginx from the Debian packages
# if missing. Settings: BENCH_DURATION (20s), BENCH_WARMUP (60s), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_LINKS (1000), BENCH_DB (drip_tracking_bench). Everything it starts listens on
# 127.0.0.1 only and is stopped by pid at the end; BENCH_KEEP=1 keeps its logs in /tmp.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
duration="${BENCH_DURATION:-20s}"
warmup="${BENCH_WARMUP:-60s}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
links="${BENCH_LINKS:-1000}"
db="${BENCH_DB:-drip_tracking_bench}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"
jar="$repo/tracking-service/target/quarkus-app/quarkus-run.jar"

ensure_wrk_nginx
[[ -f "$jar" ]] || (cd "$repo" && ./mvnw -B -q -pl tracking-service -am package -DskipTests)

redirect_bench_workdir drip-bench
nginx_port="$(free_port)"; http_port="$(free_port)"; management_port="$(free_port)"

start_nginx_302 "$nginx_port"
start_tracking "$db" "$kafka" "$http_port" "$management_port"

log "Registering $links links (rows as SendConsumer writes them)"
register_links "$db" "$links" bench "0 days" "90 days" >"$work/codes.txt"
# Diagnostic: expired links take the redirect's path (route, cache, expiry check) up to the click,
# then answer a 410 page and record nothing: what the HTTP path costs without the durable click.
register_links "$db" "$links" bench-expired "100 days" "90 days" >"$work/expired.txt"
clicks_before="$(psql_db -d "$db" -c "select count(*) from click")"

write_codes_lua "$work/paths.lua"
# Where the CPU goes during a run: CPU time of each part, read from /proc.
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
kafka_pid="$(ss -ltnpH "sport = :${kafka##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
cpu_sample() {
  echo "$(date +%s.%N) $(busy_ticks) $(ticks_of "$nginx_pid" $(pgrep -P "$nginx_pid")) $(ticks_of "$tracking_pid")" \
    "$(ticks_of $(pgrep -x postgres)) $(ticks_of $kafka_pid)"
}
cpu_report() { # $1 label, $2 sample before, $3 sample after, $4 wrk's output
  local requests; requests="$(awk '/requests in/ {print $1}' "$4")"
  awk -v label="$1" -v hz="$(getconf CLK_TCK)" -v a="$2" -v b="$3" -v n="$requests" 'BEGIN {
    split(a, x); split(b, y); secs = y[1] - x[1]
    for (i = 1; i <= 5; i++) { t[i] = (y[i + 1] - x[i + 1]) / hz; d[i] = t[i] / secs }
    printf "CPU during %-17s (cores busy): all %.2f = nginx %.2f, tracking-service %.2f, postgres %.2f, kafka %.2f, other (wrk, …) %.2f\n",
      label, d[1], d[2], d[3], d[4], d[5], d[1] - d[2] - d[3] - d[4] - d[5]
    printf "  CPU per request (µs): nginx %.1f, tracking-service %.1f, postgres %.1f, kafka %.1f\n",
      1e6 * t[2] / n, 1e6 * t[3] / n, 1e6 * t[4] / n, 1e6 * t[5] / n }'
}
run_wrk() { # $1 port, $2 duration, $3 the codes to request (default: the live links)
  BENCH_CODES="${3:-$work/codes.txt}" wrk -t"$threads" -c"$connections" -d"$2" --latency -s "$work/paths.lua" \
    "http://127.0.0.1:$1"
}

# the JVM's compilers need the longer warm-up: after 15 s of traffic, C2 still took a fifth of
# tracking-service's CPU during the measured run (async-profiler, 2026-12-03)
log "Warm-up (nginx 10s, tracking-service $warmup)"
run_wrk "$nginx_port" 10s >/dev/null
run_wrk "$http_port" "$warmup" >/dev/null
run_wrk "$http_port" 10s "$work/expired.txt" >/dev/null
warm_clicks="$(psql_db -d "$db" -c "select count(*) from click")"
# the warm-up's clicks are published before anything is measured, so their publishing runs in neither run
for _ in $(seq 1 120); do
  [[ "$(psql_db -d "$db" -c "select count(*) from click_batch")" == 0 ]] && break
  sleep 1
done

log "Measuring: wrk -t$threads -c$connections -d$duration --latency, random codes of $links"
before="$(cpu_sample)"; run_wrk "$nginx_port" "$duration" | tee "$work/nginx.txt"; after="$(cpu_sample)"
cpu_report "the nginx run" "$before" "$after" "$work/nginx.txt" >"$work/cpu.txt"
before="$(cpu_sample)"; run_wrk "$http_port" "$duration" | tee "$work/tracking.txt"; after="$(cpu_sample)"
cpu_report "the tracking run" "$before" "$after" "$work/tracking.txt" >>"$work/cpu.txt"
sleep 2
clicks_after="$(psql_db -d "$db" -c "select count(*) from click")"
log "Diagnostic: the same against expired links (410 page, no click recorded)"
before="$(cpu_sample)"; run_wrk "$http_port" "$duration" "$work/expired.txt" | tee "$work/expired-run.txt"; after="$(cpu_sample)"
cpu_report "the 410 run" "$before" "$after" "$work/expired-run.txt" >>"$work/cpu.txt"

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p() { awk -v q="$2" '$1 == q {print $2}' "$1"; }
non2xx() { awk '/Non-2xx or 3xx/ {print $NF}' "$1"; }
echo
echo "== Result ($(nproc) CPUs, $(date -u +%FT%TZ), wrk -t$threads -c$connections -d$duration) =="
printf '%-18s %12s %10s %10s %10s\n' "" "requests/s" "p50" "p99" "errors"
printf '%-18s %12s %10s %10s %10s\n' "nginx return 302" "$(rps "$work/nginx.txt")" "$(p "$work/nginx.txt" 50%)" \
  "$(p "$work/nginx.txt" 99%)" "$(non2xx "$work/nginx.txt" || true)"
printf '%-18s %12s %10s %10s %10s\n' "tracking-service" "$(rps "$work/tracking.txt")" "$(p "$work/tracking.txt" 50%)" \
  "$(p "$work/tracking.txt" 99%)" "$(non2xx "$work/tracking.txt" || true)"
printf '%-18s %12s %10s %10s %10s\n' "  410, no click" "$(rps "$work/expired-run.txt")" \
  "$(p "$work/expired-run.txt" 50%)" "$(p "$work/expired-run.txt" 99%)" "(diagnostic: 410 pages are expected)"
awk -v t="$(rps "$work/tracking.txt")" -v n="$(rps "$work/nginx.txt")" -v x="$(rps "$work/expired-run.txt")" \
  'BEGIN { printf "tracking / nginx: %.1f%% (target >= 50%%); without the click (410 run): %.1f%%\n", 100 * t / n, 100 * x / n }'
cat "$work/cpu.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these CPUs)"
echo "clicks recorded in PostgreSQL during the measured run: $((clicks_after - warm_clicks)) (warm-up: $((warm_clicks - clicks_before)))"
