#!/usr/bin/env bash
# How fast a service's projection of drip.contacts.v1 catches up with a burst of snapshots (what a
# bulk import puts on the topic): one snapshot per transaction (DRIP_CONTACTS_BATCH_SIZE=1, the
# baseline) against the default batches, in the same run (docs/benchmarks.md).
#
#   bench/projection-benchmark.sh
#
# Needs PostgreSQL on 127.0.0.1:5432 (user drip) and a Kafka broker started by deploy/local/kafka
# (BENCH_KAFKA, default 127.0.0.1:29092; its jars produce the snapshots). Settings:
# BENCH_SNAPSHOTS (20000), BENCH_BATCH_SIZES ("1 500"), BENCH_SERVICE (dispatch-service; journey-service
# runs the same projection code). Each run gets a new topic of 6 partitions, a fresh database
# (drip_projection_bench) and its own consumer group; what it starts is stopped by pid.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
snapshots="${BENCH_SNAPSHOTS:-20000}"
batch_sizes="${BENCH_BATCH_SIZES:-1 500}"
service="${BENCH_SERVICE:-dispatch-service}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"
db=drip_projection_bench
kafka_libs="${DRIP_HOME:-$HOME/.drip}/kafka/${KAFKA_VERSION:-4.1.2}/libs"
jar="$repo/$service/target/quarkus-app/quarkus-run.jar"

[[ -d "$kafka_libs" ]] || { log "no Kafka jars in $kafka_libs: start a broker with deploy/local/kafka"; exit 1; }
[[ -f "$jar" ]] || (cd "$repo" && ./mvnw -B -q -pl "$service" -am package -DskipTests)

work="$(mktemp -d /tmp/drip-projection-bench.XXXXXX)"
service_pid=""
cleanup() {
  [[ -z "$service_pid" ]] || { kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; }
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

# contact snapshots as contact-service writes them: key <tab> value, one contact each
awk -v n="$snapshots" 'BEGIN {
  for (i = 1; i <= n; i++) {
    id = sprintf("bench-%07d", i)
    printf "%s\t{\"contactId\":\"%s\",\"version\":1,\"phone\":\"+3161%07d\",\"phoneStatus\":\"valid\",\"timezone\":\"Europe/Amsterdam\",\"locale\":\"nl-NL\",\"traits\":{\"first_name\":\"Bench\"},\"consent\":{\"sms\":{\"marketing\":{\"state\":\"opted_in\",\"at\":\"2026-12-01T10:00:00Z\",\"source\":\"import\"}}},\"updatedAt\":\"2026-12-01T10:00:00Z\"}\n", id, id, i
  }
}' >"$work/snapshots.tsv"

results=()
for batch in $batch_sizes; do
  topic="bench.contacts.$(date +%s%N)"
  log "batches of $batch: $snapshots snapshots on $topic (6 partitions)"
  java -cp "$kafka_libs/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$kafka" --create --topic "$topic" \
    --partitions 6 --replication-factor 1 >/dev/null
  java -cp "$kafka_libs/*" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$kafka" --topic "$topic" \
    --property parse.key=true --property key.separator=$'\t' <"$work/snapshots.tsv" 2>/dev/null

  psql_db -d postgres -c "drop database if exists $db" -c "create database $db owner drip"
  http_port="$(free_port)"; management_port="$(free_port)"
  DRIP_HTTP_PORT="$http_port" DRIP_MANAGEMENT_PORT="$management_port" DRIP_DB_NAME="$db" \
    KAFKA_BOOTSTRAP_SERVERS="$kafka" DRIP_KAFKA_GROUP="bench-$batch-$$" DRIP_CONTACTS_BATCH_SIZE="$batch" \
    MP_MESSAGING_INCOMING_CONTACTS_TOPIC="$topic" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java -Xmx512m -jar "$jar" >"$work/$service-$batch.log" 2>&1 &
  service_pid=$!

  # from the first snapshot applied to the last: the service's start-up is not counted
  first="" applied=0
  for _ in $(seq 1 6000); do
    applied="$(psql_db -d "$db" -c "select count(*) from contact_snapshot" 2>/dev/null || echo 0)"
    if [[ -z "$first" && "$applied" -gt 0 ]]; then
      first="$(date +%s.%N)" first_count="$applied"
      cpu_before="$(ticks_of "$service_pid") $(ticks_of $(pgrep -x postgres))"
    fi
    [[ "$applied" -ge "$snapshots" ]] && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$work/$service-$batch.log"; exit 1; }
    sleep 0.2
  done
  last="$(date +%s.%N)"
  cpu_after="$(ticks_of "$service_pid") $(ticks_of $(pgrep -x postgres))"
  [[ "$applied" -ge "$snapshots" ]] || { log "only $applied of $snapshots applied in 20 minutes"; exit 1; }
  results+=("$(awk -v c="$batch" -v a="$first" -v b="$last" -v n="$snapshots" -v f="$first_count" \
    -v x="$cpu_before" -v y="$cpu_after" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(x, p); split(y, q)
      printf "%-10s %10.1f %14.0f %12.0f %12.0f", c, b - a, (n - f) / (b - a), 1e6 * (q[1] - p[1]) / hz / (n - f),
        1e6 * (q[2] - p[2]) / hz / (n - f) }')")
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
done

echo
echo "== $service applies $snapshots snapshots ($(nproc) CPUs, $(date -u +%FT%TZ)) =="
printf '%-10s %10s %14s %12s %12s\n' "batch size" seconds snapshots/s "service µs" "postgres µs"
echo "(µs: CPU time per snapshot applied, of the service and of PostgreSQL)"
printf '%s\n' "${results[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
