#!/usr/bin/env bash
# The whole pipeline, as the demo runs it: N contacts identified over /v1/batch, then N sign-ups
# posted at once over /v1/batch to a journey whose first step is a send, through contact-service,
# journey-service and dispatch-service to the sandbox provider (tracking-service registers the
# links). Measured per stage: the ingest's rate (HTTP), the time until every message is a send
# command (journey), the time until every SMS is at the sandbox (dispatch), and per message the
# latency from the event's acceptance by contact-service to its submission to the sandbox
# (p50/p95/p99, share within 10 s); the CPU each process used per event, and each service's peak
# RSS. PostgreSQL's own `pgbench -N -c8 -j2` runs first in the same run as the baseline.
#
#   bench/pipeline-benchmark.sh          # BENCH_EVENTS (10000), BENCH_WARMUP (20000), BENCH_CLIENTS (8),
#                                        # BENCH_REPLICAS (1: replicas of journey and dispatch each)
#
# Needs the built jars (./mvnw package -DskipTests) and PostgreSQL on 127.0.0.1:5432 (user drip,
# as deploy/local/postgres sets it up). It starts its own Kafka broker (BENCH_KAFKA_PORT, 29492,
# data in the scratch directory), creates fresh databases drip_pipe_<service>, and stops what
# it started by pid. No time compression; quiet hours off and the sandbox route at 100,000/s, so
# the route's rate and the clock are not the limit. BENCH_JAVA_OPTS go to every service.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
events="${BENCH_EVENTS:-10000}"
# 20,000 sign-ups before the burst: with 2,000 the JIT compilers still took a fifth of the
# machine through the burst, a cost a service that has run for a while no longer pays
warmup="${BENCH_WARMUP:-20000}"
clients="${BENCH_CLIENTS:-8}"
kafka_port="${BENCH_KAFKA_PORT:-29492}"
pgbench_seconds="${BENCH_PGBENCH_SECONDS:-20}"
replicas="${BENCH_REPLICAS:-1}"
services=(contact journey dispatch tracking)
instances=("${services[@]}") # a replica beyond the first is journey2, dispatch2, …: same jar and database
for ((r = 2; r <= replicas; r++)); do instances+=("journey$r" "dispatch$r"); done
for svc in "${services[@]}"; do
  [[ -f "$repo/$svc-service/target/quarkus-app/quarkus-run.jar" ]] || { log "build first: ./mvnw package -DskipTests"; exit 1; }
done

work="$(mktemp -d /tmp/drip-pipeline-bench.XXXXXX)"
declare -A pids=() ports=() management=()
cleanup() {
  local svc
  for svc in "${!pids[@]}"; do { kill "${pids[$svc]}" && wait "${pids[$svc]}"; } 2>/dev/null || true; done
  KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$work/kafka" "$repo/deploy/local/kafka" stop >/dev/null 2>&1 || true
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT INT TERM
db() { psql_db -d "drip_pipe_$1" -c "$2" 2>/dev/null || echo 0; }

pgbench_tps="$(pgbench_baseline "$pgbench_seconds")"

log "Kafka on 127.0.0.1:$kafka_port"
KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$work/kafka" "$repo/deploy/local/kafka" start --fresh >"$work/kafka.log" 2>&1 ||
  { tail "$work/kafka.log" >&2; exit 1; }

welcome_journey "$work/journeys"
write_key="wk_bench$RANDOM$RANDOM" admin_key="ak_bench$RANDOM$RANDOM"
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
for svc in "${services[@]}"; do
  psql_db -d postgres -c "drop database if exists drip_pipe_$svc" -c "create database drip_pipe_$svc owner drip"
done
for svc in "${instances[@]}"; do ports[$svc]="$(free_port)" management[$svc]="$(free_port)"; done
# The heap deploy/local gives the services, so the RSS target (< 512 MB) is measured as they run;
# an OutOfMemoryError ends the process.
for svc in "${instances[@]}"; do
  base="${svc%%[0-9]*}"
  DRIP_HTTP_PORT="${ports[$svc]}" DRIP_MANAGEMENT_PORT="${management[$svc]}" DRIP_DB_NAME="drip_pipe_$base" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" DRIP_JOURNEYS_DIR="$work/journeys" \
    DRIP_API_KEYS="bench-admin:marketer+ops+viewer:$(sha "$admin_key")" DRIP_WRITE_KEYS="bench-shop:$(sha "$write_key")" \
    DRIP_TRACKING_BASE_URL="http://127.0.0.1:${ports[tracking]}" DRIP_LOG_JSON=false \
    DRIP_DEFAULT_ROUTE_RATE=100000 DRIP_SEND_WINDOW_FROM=00:00 DRIP_SEND_WINDOW_TO=00:00 \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java -Xmx256m -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-} -jar "$repo/$base-service/target/quarkus-app/quarkus-run.jar" \
    >"$work/$svc.log" 2>&1 &
  pids[$svc]=$!
done
for svc in "${instances[@]}"; do
  for _ in $(seq 1 180); do
    curl -fs -o /dev/null "http://127.0.0.1:${management[$svc]}/q/health/ready" && break
    kill -0 "${pids[$svc]}" 2>/dev/null || { tail -n 30 "$work/$svc.log" >&2; exit 1; }
    sleep 1
  done
done
log "Services ready: ${instances[*]}"

# /v1/batch bodies of 100 messages, one file per request; posted by $clients curl processes at once
batches() { # kind first last: identify (traits) or track (Bench Signed Up) messages of those contacts
  rm -rf "$work/batches" && mkdir -p "$work/batches"
  awk -v kind="$1" -v from="$2" -v to="$3" -v dir="$work/batches" -v run="$RANDOM$RANDOM" 'BEGIN {
    for (i = from; i <= to; i++) {
      id = sprintf("bench-%07d", i); file = sprintf("%s/%07d.json", dir, int((i - from) / 100))
      if (kind == "identify")
        m = sprintf("{\"type\":\"identify\",\"messageId\":\"i-%s-%s\",\"userId\":\"%s\",\"traits\":{\"first_name\":\"Bench\",\"phone\":\"+3161%07d\",\"timezone\":\"Europe/Amsterdam\"}}", run, id, id, i)
      else
        m = sprintf("{\"type\":\"track\",\"messageId\":\"t-%s-%s\",\"userId\":\"%s\",\"event\":\"Bench Signed Up\",\"properties\":{}}", run, id, id)
      printf "%s%s", (file in open ? "," : "{\"batch\":["), m > file
      open[file] = 1
    }
    for (file in open) printf "]}" > file
  }'
}
post_batches() { # prints the seconds the posting took; fails on any non-2xx answer
  local start end
  start="$(date +%s.%N)"
  find "$work/batches" -name '*.json' | sort | xargs -P "$clients" -I{} curl -fsS -o /dev/null \
    -u "$write_key:" -H 'Content-Type: application/json' --data-binary @{} "http://127.0.0.1:${ports[contact]}/v1/batch"
  end="$(date +%s.%N)"
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
await() { # what target command: polls the command until it prints at least target
  local n=0
  # every 0.5 s: a count over 100,000 rows (journey's messages, once its outbox is empty) costs
  # PostgreSQL CPU that would count as the pipeline's
  for _ in $(seq 1 2400); do
    n="$($3)"
    ((n >= $2)) && { echo "$n"; return; }
    sleep 0.5
  done
  log "$1: only $n of $2 after 20 minutes"; exit 1
}
snapshots() { echo $(($(db journey "select count(*) from contact_snapshot") + $(db dispatch "select count(*) from contact_snapshot"))); }
commands() { db journey "select count(*) from message where not exists (select 1 from outbox)"; }
submitted() { db dispatch "$(sandbox_calls_sql "$total")"; }
cpu_now() { local svc; for svc in "${instances[@]}"; do printf '%s ' "$(ticks_of "${pids[$svc]}")"; done; pg_ticks; }

total=$((events + warmup))
log "Identifying $total contacts over /v1/batch ($clients clients, 100 per request)"
batches identify 1 "$total"
identify_seconds="$(post_batches)"
await "contact snapshots in journey and dispatch" $((2 * total)) snapshots >/dev/null
log "Warm-up: $warmup sign-ups"
batches track $((events + 1)) "$total"
post_batches >/dev/null
await "warm-up SMS" "$warmup" submitted >/dev/null
sleep 2

log "Burst: $events sign-ups at once"
batches track 1 "$events"
pg_statements_reset
buffers_before="$(pg_buffers drip_pipe_)" machine_before="$(machine_ticks)"
cpu_before="$(cpu_now)"
start="$(date +%s.%N)"
ingest_seconds="$(post_batches)"
await "send commands" "$total" commands >/dev/null
journey_end="$(date +%s.%N)"
await "SMS at the sandbox" "$total" submitted >/dev/null
end="$(date +%s.%N)"
cpu_after="$(cpu_now)"
buffers_after="$(pg_buffers drip_pipe_)" machine_after="$(machine_ticks)"

# latency per message: the trigger's acceptance (receivedAt) to the sandbox's submission
db journey "select m.message_id, r.trigger_event ->> 'receivedAt' from message m join journey_run r on r.id = m.run_id
  where m.contact_id <= 'bench-$(printf %07d "$events")'" | tr '|' '\t' >"$work/accepted.tsv"
db dispatch "create table bench_accepted (message_id text primary key, accepted_at timestamptz)" >/dev/null
psql -h 127.0.0.1 -U drip -qAt -d drip_pipe_dispatch -c "\copy bench_accepted from '$work/accepted.tsv'"
latency="$(db dispatch "select concat_ws(' ', round(percentile_cont(0.5) within group (order by l)::numeric, 2),
    round(percentile_cont(0.95) within group (order by l)::numeric, 2), round(percentile_cont(0.99) within group (order by l)::numeric, 2),
    round(100.0 * count(*) filter (where l <= 10) / count(*), 1), count(*))
  from (select extract(epoch from min(s.submitted_at) - a.accepted_at) as l
        from bench_accepted a join sandbox_submission s using (message_id) group by a.message_id, a.accepted_at) t")"
rss() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/${pids[$1]}/status"; }

echo
echo "== the pipeline: $events sign-ups at once over /v1/batch → SMS at the sandbox, $replicas replica(s) of journey and dispatch ($(nproc) CPUs, $(date -u +%FT%TZ)) =="
echo "PostgreSQL baseline in this run: pgbench -N -c8 -j2 -T $pgbench_seconds: $pgbench_tps TPS"
pg_settings_line
awk -v n="$total" -v s="$identify_seconds" 'BEGIN { printf "identify over /v1/batch: %d contacts in %.1f s: %.0f messages/s\n", n, s, n / s }'
awk -v n="$events" -v i="$ingest_seconds" -v a="$start" -v j="$journey_end" -v b="$end" 'BEGIN {
  printf "burst ingest (track over /v1/batch): %.1f s, %.0f messages/s\n", i, n / i
  printf "to send commands (journey): %.1f s after the first post, %.0f events/s\n", j - a, n / (j - a)
  printf "to SMS at the sandbox (dispatch): %.1f s after the first post, %.0f SMS/s end to end\n", b - a, n / (b - a) }'
read -r p50 p95 p99 within measured <<<"$latency"
echo "latency, acceptance → sandbox, $measured messages: p50 $p50 s, p95 $p95 s, p99 $p99 s; within 10 s: $within %"
awk -v x="$cpu_before" -v y="$cpu_after" -v n="$events" -v hz="$(getconf CLK_TCK)" -v names="${instances[*]} postgres" 'BEGIN {
  split(x, p); split(y, q); k = split(names, name)
  printf "CPU per event:"; for (i = 1; i <= k; i++) printf " %s %.0f µs", name[i], 1e6 * (q[i] - p[i]) / hz / n; print "" }'
printf 'peak RSS:'; for svc in "${instances[@]}"; do printf ' %s %s MB' "$svc" "$(rss "$svc")"; done; echo
steal_report "$machine_before" "$machine_after"
pg_buffers_report "$buffers_before" "$buffers_after"
echo "PostgreSQL's statements during the burst by execution time (pg_stat_statements, if loaded):"
pg_statements_top drip_pipe_
echo "records per batch a consumer received (mean over the whole run, drip_records_batch_records):"
for svc in "${instances[@]}"; do
  curl -fs "http://127.0.0.1:${management[$svc]}/q/metrics" | awk -v svc="$svc" '
    /^drip_records_batch_records_(sum|count)\{/ { match($0, /topic="[^"]*"/); t = substr($0, RSTART + 7, RLENGTH - 8)
      if ($0 ~ /_sum\{/) sum[t] = $NF; else count[t] = $NF }
    END { printf "  %s:", svc; for (t in count) if (count[t] > 0) printf " %s %.1f (%d batches)", t, sum[t] / count[t], count[t]; print "" }'
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
