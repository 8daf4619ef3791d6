#!/usr/bin/env bash
# How fast journey-service fires durable timers: BENCH_PENDING runs (1,000,000) wait at a
# `wait: 1d` before a send, and BENCH_DUE of them (100,000) come due spread over one minute.
# Measured: runs fired per second (a fired run is its send step's message stored with its
# outbox row, in the transaction that walks it) and each run's lateness, from its due time to
# that commit (p50/p95/p99), plus the service's and PostgreSQL's CPU per run. Each build given
# is measured in the same run, after PostgreSQL's own baseline (pgbench -N -c8).
#
#   bench/timer-benchmark.sh [label=path/to/quarkus-run.jar ...]
#
# One real sign-up enters one run through the service; the other runs are copies of it made in
# SQL (only its id, contact and due time differ), with the contacts' snapshots beside them, so
# what is measured is the timer alone. Needs PostgreSQL on 127.0.0.1:5432 (user drip) and a
# broker from deploy/local/kafka (BENCH_KAFKA, default 127.0.0.1:29092). Settings: BENCH_PENDING,
# BENCH_DUE, BENCH_SPREAD_MS (60000; 0: all due at the same instant, which measures the most the
# timer fires per second), BENCH_TIMEOUT (600 s: a build that has not fired every due run by then is reported
# with what it fired), BENCH_PGBENCH_SECONDS (20). What it starts is stopped by pid.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
pending="${BENCH_PENDING:-1000000}"
due="${BENCH_DUE:-100000}"
spread_ms="${BENCH_SPREAD_MS:-60000}"
timeout="${BENCH_TIMEOUT:-600}"
kafka="${BENCH_KAFKA:-127.0.0.1:29092}"
pgbench_seconds="${BENCH_PGBENCH_SECONDS:-20}"
db=drip_timer_bench
kafka_libs="${DRIP_HOME:-$HOME/.drip}/kafka/${KAFKA_VERSION:-4.1.2}/libs"

bench_builds journey-service "$@"
bench_workdir timer
count() { psql_db -d "$db" -c "$1" 2>/dev/null || echo 0; }

mkdir -p "$work/journeys"
cat >"$work/journeys/bench.yaml" <<'YAML'
journey: bench-timer
name: Timer (benchmark)
trigger:
  event: Bench Signed Up
steps:
  - wait: 1d
  - id: hello
    send:
      channel: sms
      category: marketing
      text: "Hi {{ contact.traits.first_name | default: 'there' }}, still there? {{ 'https://shop.example/back' | track }}"
YAML

pgbench_tps="$(pgbench_baseline "$pgbench_seconds")"

# The due runs' messages: fired (stored), their lateness percentiles and the span they were fired over
fired() { count "select count(*) from message m join bench_due d on d.id = m.run_id"; }
snapshots() { count "select count(*) from contact_snapshot"; }
waiting() { count "select count(*) from journey_run where next_at > now()"; }
results=()
for build in "${builds[@]}"; do
  label="${build%%=*}" jar="${build#*=}"
  run="$(date +%s%N)"
  journey_service_start "$label" "$jar" "$run"

  log "$label: one sign-up through the service, the template of $pending waiting runs"
  bench_contacts 1 '{"first_name":"Bench"}' | produce "bench.contacts.$run"
  await_count snapshots 1 0.2 3000 >/dev/null
  printf 'bench-0000001\t{"type":"track","messageId":"m-%s","userId":"bench-0000001","event":"Bench Signed Up","properties":{},"timestamp":"%s"}\n' \
    "$run" "$(date -u +%FT%T.%3NZ)" | produce "bench.events.$run"
  await_count waiting 1 0.2 3000 >/dev/null

  log "$label: $pending waiting runs and $due contacts' snapshots copied in SQL"
  # every column of the build's journey_run but the two that differ, so one script fits each schema
  columns="$(count "select string_agg(column_name, ', ') from information_schema.columns
    where table_name = 'journey_run' and column_name not in ('id', 'contact_id')")"
  psql_db -d "$db" <<SQL
insert into journey_run (id, contact_id, $columns)
select gen_random_uuid(), format('bench-%s', lpad(g::text, 7, '0')), $columns
from journey_run r, generate_series(2, $pending) g where r.contact_id = 'bench-0000001';
insert into contact_snapshot (id, version, snapshot, updated_at)
select format('bench-%s', lpad(g::text, 7, '0')), s.version,
       s.snapshot || jsonb_build_object('contactId', format('bench-%s', lpad(g::text, 7, '0')),
                                        'phone', format('+3161%s', lpad(g::text, 7, '0'))), s.updated_at
from contact_snapshot s, generate_series(2, $due) g where s.id = 'bench-0000001';
vacuum analyze journey_run;
SQL
  # the due runs: spread evenly over the BENCH_SPREAD_MS that start 5 s from now
  psql_db -d "$db" -c "create table bench_due as
    with due as (update journey_run set next_at = now() + interval '5 s'
                   + (substr(contact_id, 7)::int % greatest($spread_ms, 1)) * interval '1 ms'
                 where contact_id <= format('bench-%s', lpad('$due', 7, '0')) returning id, next_at)
    select * from due"
  cpu_before="$(ticks_of "$service_pid") $(pg_ticks)"
  start="$(date +%s.%N)"
  through=0
  for _ in $(seq 1 $((timeout * 5))); do
    through="$(fired)"
    ((through >= due)) && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$service_log" >&2; exit 1; }
    sleep 0.2
  done
  cpu_after="$(ticks_of "$service_pid") $(pg_ticks)"
  ((through >= due)) || log "$label: only $through of $due fired in $timeout s"
  figures="$(count "select concat_ws(' ', round(count(*) / greatest(extract(epoch from max(m.created_at) - min(m.next_at)), 0.001)),
      round(percentile_cont(0.5) within group (order by l)::numeric, 2), round(percentile_cont(0.95) within group (order by l)::numeric, 2),
      round(percentile_cont(0.99) within group (order by l)::numeric, 2))
    from (select m.created_at, d.next_at, extract(epoch from m.created_at - d.next_at) as l
          from message m join bench_due d on d.id = m.run_id) m")"
  rss_mb="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$service_pid/status")"
  results+=("$(awk -v l="$label" -v n="$through" -v f="$figures" -v x="$cpu_before" -v y="$cpu_after" -v hz="$(getconf CLK_TCK)" \
    -v rss="$rss_mb" 'BEGIN { split(f, s, " "); split(x, p); split(y, q)
      printf "%-8s %8d %10s %8s %8s %8s %10.0f %10.0f %8s", l, n, s[1], s[2], s[3], s[4],
        1e6 * (q[1] - p[1]) / hz / n, 1e6 * (q[2] - p[2]) / hz / n, rss }')")
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
done

echo
echo "== journey-service timers: $pending waiting runs, $due due over $spread_ms ms ($(nproc) CPUs, $(date -u +%FT%TZ)) =="
echo "PostgreSQL baseline in this run: pgbench -N -c8 -j2 -T $pgbench_seconds: $pgbench_tps TPS"
pg_settings_line
printf '%-8s %8s %10s %8s %8s %8s %10s %10s %8s\n' build fired runs/s "p50 s" "p95 s" "p99 s" "service µs" \
  "postgres µs" "RSS MB"
echo "(runs/s: fired runs over the span from the first due time to the last message; lateness: due time to"
echo " the message's commit; µs: CPU per fired run of the service and of PostgreSQL)"
printf '%s\n' "${results[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
