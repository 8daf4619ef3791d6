#!/usr/bin/env bash
# How fast journey-service turns a burst of trigger events into send commands: N contacts are
# projected, then N sign-ups posted at once to a journey whose first step is a send; measured from
# the first event produced to the last send command stored with its outbox row, and per message
# from the event's timestamp to its send command. Each build given is measured in the same run,
# after PostgreSQL's own baseline (pgbench -N -c8), as docs/benchmarks.md records.
#
#   bench/journey-benchmark.sh [label=path/to/quarkus-run.jar ...]
#
# Without arguments it measures this tree's journey-service (built if missing). To compare with
# an older commit, build it in a worktree and pass both, e.g.
#   git worktree add --detach /tmp/old 41300de && (cd /tmp/old && ./mvnw -q -pl journey-service -am package -DskipTests)
#   bench/journey-benchmark.sh old=/tmp/old/journey-service/target/quarkus-app/quarkus-run.jar \
#     new=journey-service/target/quarkus-app/quarkus-run.jar
#
# Needs PostgreSQL on 127.0.0.1:5432 (user drip) and a broker from deploy/local/kafka (BENCH_KAFKA,
# default 127.0.0.1:29092: KAFKA_PORT=29092 deploy/local/kafka start). Settings: BENCH_EVENTS
# (10000), BENCH_WARMUP (10000 sign-ups of other contacts first, so the JIT has compiled the path; a
# fresh JVM spends most of its first seconds compiling), BENCH_PGBENCH_SECONDS (20). Each run gets its own topics (6 partitions), a fresh database
# (drip_journey_bench) and consumer groups; what it starts is stopped by pid. BENCH_JAVA_OPTS go to the
# service only; BENCH_JFR=dir records each build's burst to dir/label.jfr (JFR's profile settings).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
events="${BENCH_EVENTS:-10000}"
warmup="${BENCH_WARMUP:-10000}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"
pgbench_seconds="${BENCH_PGBENCH_SECONDS:-20}"
db=drip_journey_bench
kafka_libs="${DRIP_HOME:-$HOME/.drip}/kafka/${KAFKA_VERSION:-4.1.2}/libs"

bench_builds journey-service "$@"
bench_workdir journey

count() { psql_db -d "$db" -c "$1" 2>/dev/null || echo 0; }
sign_ups() { # run first last: sign-ups of those contacts, all with the same timestamp (now)
  awk -v from="$2" -v to="$3" -v now="$(date -u +%FT%T.%3NZ)" -v run="$1" 'BEGIN {
    for (i = from; i <= to; i++) {
      id = sprintf("bench-%07d", i)
      printf "%s\t{\"type\":\"track\",\"messageId\":\"m-%s-%s\",\"userId\":\"%s\",\"event\":\"Bench Signed Up\",\"properties\":{},\"timestamp\":\"%s\"}\n", id, run, id, id, now
    }
  }'
}
# what burst_measure (lib.sh) asks of this stage
burst_contacts_stored() { count "select count(*) from contact_snapshot"; }
burst_records() { sign_ups "$run" "$1" "$2"; }
burst_done() { count "select count(*) from message where not exists (select 1 from outbox)"; }

welcome_journey "$work/journeys"
bench_contacts "$((events + warmup))" '{"first_name":"Bench"}' >"$work/contacts.tsv"

pgbench_tps="$(pgbench_baseline "$pgbench_seconds")"

results=()
for build in "${builds[@]}"; do
  label="${build%%=*}" jar="${build#*=}"
  run="$(date +%s%N)"
  burst_topic="bench.events.$run" burst_contacts_topic="bench.contacts.$run"
  log "$label: $((events + warmup)) contacts, $warmup sign-ups to warm up, then $events sign-ups at once"
  journey_service_start "$label" "$jar" "$run"

  burst_latency() { count "select string_agg(round(p::numeric, 2)::text, ' ') from unnest((select percentile_cont(array[0.5, 0.95, 0.99])
      within group (order by extract(epoch from m.created_at - (r.trigger_event->>'timestamp')::timestamptz))
      from message m join journey_run r on r.id = m.run_id where r.contact_id <= 'bench-$(printf %07d "$events")')) as p"; }
  results+=("$(burst_measure "$label" "$events" "$warmup")")
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
done

echo
echo "== journey-service: $events sign-ups at once → send commands ($(nproc) CPUs, $(date -u +%FT%TZ)) =="
echo "PostgreSQL baseline in this run: pgbench -N -c8 -j2 -T $pgbench_seconds: $pgbench_tps TPS"
pg_settings_line
printf '%-8s %9s %10s %8s %8s %8s %10s %10s %8s\n' build seconds events/s "p50 s" "p95 s" "p99 s" "service µs" \
  "postgres µs" "RSS MB"
echo "(latency: from the event's timestamp to its send command; µs: CPU per event of the service and of PostgreSQL)"
printf '%s\n' "${results[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
