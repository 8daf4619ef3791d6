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
# (10000), BENCH_WARMUP (2000 sign-ups of other contacts first, so the JIT has compiled the path; a
# fresh JVM spends most of its first seconds compiling), BENCH_PGBENCH_SECONDS (20). Each run gets its own topics (6 partitions), a fresh database
# (drip_journey_bench) and consumer groups; what it starts is stopped by pid. BENCH_JAVA_OPTS go to the
# service only (e.g. -XX:StartFlightRecording=filename=/tmp/journey.jfr,settings=profile).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
events="${BENCH_EVENTS:-10000}"
warmup="${BENCH_WARMUP:-2000}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"
pgbench_seconds="${BENCH_PGBENCH_SECONDS:-20}"
db=drip_journey_bench
kafka_libs="${DRIP_HOME:-$HOME/.drip}/kafka/${KAFKA_VERSION:-4.1.2}/libs"

builds=("$@")
if ((${#builds[@]} == 0)); then
  jar="$repo/journey-service/target/quarkus-app/quarkus-run.jar"
  [[ -f "$jar" ]] || (cd "$repo" && ./mvnw -B -q -pl journey-service -am package -DskipTests)
  builds=("this=$jar")
fi
[[ -d "$kafka_libs" ]] || { log "no Kafka jars in $kafka_libs: start a broker with deploy/local/kafka"; exit 1; }

work="$(mktemp -d /tmp/drip-journey-bench.XXXXXX)"
service_pid=""
cleanup() {
  [[ -z "$service_pid" ]] || { kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; }
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

topic() {
  java -cp "$kafka_libs/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$kafka" --create --topic "$1" \
    --partitions 6 --replication-factor 1 >/dev/null
}
produce() { # topic < key<TAB>value lines
  java -cp "$kafka_libs/*" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$kafka" --topic "$1" \
    --property parse.key=true --property key.separator=$'\t' --producer-property linger.ms=5 2>/dev/null
}
count() { psql_db -d "$db" -c "$1" 2>/dev/null || echo 0; }
sign_ups() { # run first last: sign-ups of those contacts, all with the same timestamp (now)
  awk -v from="$2" -v to="$3" -v now="$(date -u +%FT%T.%3NZ)" -v run="$1" 'BEGIN {
    for (i = from; i <= to; i++) {
      id = sprintf("bench-%07d", i)
      printf "%s\t{\"type\":\"track\",\"messageId\":\"m-%s-%s\",\"userId\":\"%s\",\"event\":\"Bench Signed Up\",\"properties\":{},\"timestamp\":\"%s\"}\n", id, run, id, id, now
    }
  }'
}
# PostgreSQL's CPU ticks: the postmaster's own and its exited children's (cutime, cstime), plus the
# live backends' (backends come and go between two readings)
pg_ticks() {
  local postmaster
  postmaster="$(pgrep -o -x postgres)"
  echo $(($(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat") + $(ticks_of $(pgrep -P "$postmaster"))))
}
sent_when_published() { count "select count(*) from message where not exists (select 1 from outbox)"; }

mkdir -p "$work/journeys"
cat >"$work/journeys/bench.yaml" <<'YAML'
journey: bench-welcome
name: Welcome (benchmark)
trigger:
  event: Bench Signed Up
steps:
  - id: hello
    send:
      channel: sms
      category: marketing
      text: "Hi {{ contact.traits.first_name | default: 'there' }}, welcome! {{ 'https://shop.example/welcome' | track }}"
YAML
awk -v n="$((events + warmup))" 'BEGIN {
  for (i = 1; i <= n; i++) {
    id = sprintf("bench-%07d", i)
    printf "%s\t{\"contactId\":\"%s\",\"version\":1,\"phone\":\"+3161%07d\",\"phoneStatus\":\"valid\",\"timezone\":\"Europe/Amsterdam\",\"locale\":\"nl-NL\",\"traits\":{\"first_name\":\"Bench\"},\"consent\":{\"sms\":{\"marketing\":{\"state\":\"opted_in\",\"at\":\"2026-12-01T10:00:00Z\",\"source\":\"import\"}}},\"updatedAt\":\"2026-12-01T10:00:00Z\"}\n", id, id, i
  }
}' >"$work/contacts.tsv"

log "PostgreSQL's baseline: pgbench -N -c8 -j2 for ${pgbench_seconds}s"
psql_db -d postgres -c "drop database if exists drip_pgbench" -c "create database drip_pgbench owner drip"
pgbench -h 127.0.0.1 -U drip -i -s 10 -q drip_pgbench >/dev/null 2>&1
pgbench_tps="$(pgbench -h 127.0.0.1 -U drip -N -c8 -j2 -T "$pgbench_seconds" drip_pgbench 2>/dev/null \
  | awk '/^tps/ { printf "%.0f", $3; exit }')"
psql_db -d postgres -c "drop database drip_pgbench"

results=()
for build in "${builds[@]}"; do
  label="${build%%=*}" jar="${build#*=}"
  run="$(date +%s%N)"
  for t in events contacts deliveries clicks; do topic "bench.$t.$run"; done
  psql_db -d postgres -c "drop database if exists $db" -c "create database $db owner drip"
  http_port="$(free_port)"; management_port="$(free_port)"
  log "$label: $((events + warmup)) contacts, $warmup sign-ups to warm up, then $events sign-ups at once"
  DRIP_HTTP_PORT="$http_port" DRIP_MANAGEMENT_PORT="$management_port" DRIP_DB_NAME="$db" \
    KAFKA_BOOTSTRAP_SERVERS="$kafka" DRIP_KAFKA_GROUP="bench-$run" DRIP_JOURNEYS_DIR="$work/journeys" \
    MP_MESSAGING_INCOMING_EVENTS_TOPIC="bench.events.$run" MP_MESSAGING_INCOMING_CONTACTS_TOPIC="bench.contacts.$run" \
    MP_MESSAGING_INCOMING_DELIVERIES_TOPIC="bench.deliveries.$run" MP_MESSAGING_INCOMING_CLICKS_TOPIC="bench.clicks.$run" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$work/$label.log" 2>&1 &
  service_pid=$!

  produce "bench.contacts.$run" <"$work/contacts.tsv"
  for _ in $(seq 1 3000); do
    [[ "$(count "select count(*) from contact_snapshot")" -ge "$((events + warmup))" ]] && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$work/$label.log"; exit 1; }
    sleep 0.2
  done
  if ((warmup > 0)); then
    sign_ups "$run" $((events + 1)) $((events + warmup)) | produce "bench.events.$run"
    for _ in $(seq 1 6000); do
      [[ "$(sent_when_published)" -ge "$warmup" ]] && break
      kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$work/$label.log"; exit 1; }
      sleep 0.2
    done
  fi
  sleep 2
  sign_ups "$run" 1 "$events" >"$work/events.tsv"
  cpu_before="$(ticks_of "$service_pid") $(pg_ticks)"
  start="$(date +%s.%N)"
  produce "bench.events.$run" <"$work/events.tsv"
  sent=0
  for _ in $(seq 1 12000); do
    sent=$(($(sent_when_published) - warmup))
    [[ "$sent" -ge "$events" ]] && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$work/$label.log"; exit 1; }
    sleep 0.1
  done
  end="$(date +%s.%N)"
  cpu_after="$(ticks_of "$service_pid") $(pg_ticks)"
  rss_mb="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$service_pid/status")"
  [[ "$sent" -ge "$events" ]] || { log "$label: only $sent of $events send commands in 20 minutes"; exit 1; }
  latency="$(count "select string_agg(round(p::numeric, 2)::text, ' ') from unnest((select percentile_cont(array[0.5, 0.95, 0.99])
      within group (order by extract(epoch from m.created_at - (r.trigger_event->>'timestamp')::timestamptz))
      from message m join journey_run r on r.id = m.run_id where r.contact_id <= 'bench-$(printf %07d "$events")')) as p")"
  results+=("$(awk -v l="$label" -v a="$start" -v b="$end" -v n="$events" -v lat="$latency" -v rss="$rss_mb" \
    -v x="$cpu_before" -v y="$cpu_after" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(x, p); split(y, q); split(lat, s, " ")
      printf "%-8s %9.1f %10.0f %8s %8s %8s %10.0f %10.0f %8s", l, b - a, n / (b - a), s[1], s[2], s[3],
        1e6 * (q[1] - p[1]) / hz / n, 1e6 * (q[2] - p[2]) / hz / n, rss }')")
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
done

echo
echo "== journey-service: $events sign-ups at once → send commands ($(nproc) CPUs, $(date -u +%FT%TZ)) =="
echo "PostgreSQL baseline in this run: pgbench -N -c8 -j2 -T $pgbench_seconds: $pgbench_tps TPS"
printf '%-8s %9s %10s %8s %8s %8s %10s %10s %8s\n' build seconds events/s "p50 s" "p95 s" "p99 s" "service µs" \
  "postgres µs" "RSS MB"
echo "(latency: from the event's timestamp to its send command; µs: CPU per event of the service and of PostgreSQL)"
printf '%s\n' "${results[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
