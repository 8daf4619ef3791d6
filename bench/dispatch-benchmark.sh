#!/usr/bin/env bash
# How fast dispatch-service turns send commands into SMS at the sandbox provider: N contacts are
# projected, then N marketing send commands (one per contact, opted in, no quiet hours) produced at
# once on a route of 100,000/s, so the route's rate is not the limit; measured from the first
# command produced to the last submission to the sandbox, and per message from the command's
# creation to its submission to the sandbox. Each build given is measured in the same run, after
# PostgreSQL's own baseline (pgbench -N -c8), as docs/benchmarks.md records.
#
#   bench/dispatch-benchmark.sh [label=path/to/quarkus-run.jar ...]
#
# Without arguments it measures this tree's dispatch-service (built if missing); compare with an
# older commit as bench/journey-benchmark.sh explains. Needs PostgreSQL on 127.0.0.1:5432 (user
# drip) and a broker from deploy/local/kafka (BENCH_KAFKA, default 127.0.0.1:29092:
# KAFKA_PORT=29092 deploy/local/kafka start). Settings: BENCH_SENDS (10000), BENCH_WARMUP (10000
# sends to other contacts first, for the JIT), BENCH_PGBENCH_SECONDS (20), BENCH_JAVA_OPTS (to the
# service only), BENCH_JFR (a directory: a flight recording of each build's burst there). Each run gets its own topics (6 partitions), a fresh database (drip_dispatch_bench)
# and consumer group; what it starts is stopped by pid.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
sends="${BENCH_SENDS:-10000}"
warmup="${BENCH_WARMUP:-10000}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"
pgbench_seconds="${BENCH_PGBENCH_SECONDS:-20}"
db=drip_dispatch_bench
kafka_libs="${DRIP_HOME:-$HOME/.drip}/kafka/${KAFKA_VERSION:-4.1.2}/libs"

bench_builds dispatch-service "$@"
bench_workdir dispatch

count() { psql_db -d "$db" -c "$1" 2>/dev/null || echo 0; }
commands() { # run first last: a marketing send command to each of those contacts, made now
  awk -v from="$2" -v to="$3" -v now="$(date -u +%FT%T.%3NZ)" -v run="$1" 'BEGIN {
    for (i = from; i <= to; i++) {
      id = sprintf("bench-%07d", i)
      printf "%s\t{\"messageId\":\"m-%s-%s\",\"idempotencyKey\":\"k-%s-%s\",\"contactId\":\"%s\",\"journeyId\":\"bench\",\"journeyVersion\":1,\"stepId\":\"hello\",\"channel\":\"sms\",\"category\":\"marketing\",\"text\":\"Hi there, welcome! https://t.drip.test/Ab3dE6gH9k\",\"links\":[],\"createdAt\":\"%s\"}\n", id, run, id, run, id, id, now
    }
  }'
}
# what burst_measure (lib.sh) asks of this stage
burst_contacts_stored() { count "select count(*) from contact_snapshot"; }
burst_records() { commands "$run" "$1" "$2"; }
burst_done() { count "$(sandbox_calls_sql $((sends + warmup)))"; }

bench_contacts "$((sends + warmup))" '{}' >"$work/contacts.tsv"

pgbench_tps="$(pgbench_baseline "$pgbench_seconds")"

results=()
for build in "${builds[@]}"; do
  label="${build%%=*}" jar="${build#*=}"
  run="$(date +%s%N)"
  for t in sends contacts; do topic "bench.$t.$run"; done
  burst_topic="bench.sends.$run" burst_contacts_topic="bench.contacts.$run"
  psql_db -d postgres -c "drop database if exists $db" -c "create database $db owner drip"
  http_port="$(free_port)"; management_port="$(free_port)"
  log "$label: $((sends + warmup)) contacts, $warmup sends to warm up, then $sends sends at once"
  DRIP_HTTP_PORT="$http_port" DRIP_MANAGEMENT_PORT="$management_port" DRIP_DB_NAME="$db" \
    KAFKA_BOOTSTRAP_SERVERS="$kafka" DRIP_KAFKA_GROUP="bench-$run" \
    MP_MESSAGING_INCOMING_SENDS_TOPIC="bench.sends.$run" MP_MESSAGING_INCOMING_CONTACTS_TOPIC="bench.contacts.$run" \
    DRIP_DEFAULT_ROUTE_RATE=100000 DRIP_SEND_WINDOW_FROM=00:00 DRIP_SEND_WINDOW_TO=00:00 \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$work/$label.log" 2>&1 &
  service_pid=$! service_log="$work/$label.log"

  burst_latency() { count "select string_agg(round(p::numeric, 2)::text, ' ') from unnest((select percentile_cont(array[0.5, 0.95, 0.99])
      within group (order by extract(epoch from s.created_at - o.created_at))
      from sandbox_message s join outgoing_message o using (message_id) where o.contact_id <= 'bench-$(printf %07d "$sends")')) as p"; }
  results+=("$(burst_measure "$label" "$sends" "$warmup")")
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
done

echo
echo "== dispatch-service: $sends send commands at once → SMS at the sandbox ($(nproc) CPUs, $(date -u +%FT%TZ)) =="
echo "PostgreSQL baseline in this run: pgbench -N -c8 -j2 -T $pgbench_seconds: $pgbench_tps TPS"
pg_settings_line
printf '%-8s %9s %10s %8s %8s %8s %10s %10s %8s\n' build seconds SMS/s "p50 s" "p95 s" "p99 s" "service µs" \
  "postgres µs" "RSS MB"
echo "(latency: from the command's creation to its submission to the sandbox; µs: CPU per SMS of the service and of PostgreSQL)"
printf '%s\n' "${results[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
