# Helpers of the benchmark scripts in bench/ (sourced, not run).
export PGPASSWORD="${DRIP_DB_PASSWORD:-drip}"
psql_db() { psql -h 127.0.0.1 -U drip -v ON_ERROR_STOP=1 -qAt "$@"; }
# A query for the calls in dispatch's sandbox log that costs PostgreSQL next to nothing while
# fewer than $1 can be there: the log's last id (an index's last entry), counted only from then on.
# Counting a table of 100,000 rows every poll took PostgreSQL CPU the stage was charged with.
sandbox_calls_sql() { # target
  echo "select case when max(id) >= $1 then (select count(*) from sandbox_submission)
    else coalesce(max(id), 0) end from sandbox_submission"
}
log() { printf '[bench] %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# CPU time (user + system, all threads, in clock ticks) of the given processes, from /proc
ticks_of() { local t=0 pid; for pid; do [[ -r /proc/$pid/stat ]] && t=$((t + $(awk '{print $14 + $15}' /proc/$pid/stat))); done; echo "$t"; }
# The machine's CPU ticks so far: all of them and those stolen by the hypervisor (/proc/stat), so
# a figure can say how much of the machine another tenant took while it was measured
machine_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $9 }' /proc/stat; }
steal_report() { # the machine_ticks lines before and after
  awk -v x="$1" -v y="$2" 'BEGIN { split(x, p); split(y, q)
    printf "CPU stolen by the hypervisor meanwhile: %.1f %% of the machine\n", 100 * (q[2] - p[2]) / (q[1] - p[1] + 0.000001) }'
}
# PostgreSQL's CPU ticks: the postmaster's own and its exited children's (cutime, cstime), plus the
# live backends' (backends come and go between two readings)
pg_ticks() {
  local postmaster
  postmaster="$(pgrep -o -x postgres)"
  echo $(($(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat") + $(ticks_of $(pgrep -P "$postmaster"))))
}
# Where PostgreSQL's time goes, when the server has pg_stat_statements loaded
# (shared_preload_libraries); silent otherwise. Needs the superuser postgres over loopback.
pg_statements() { psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null; }
pg_statements_reset() {
  pg_statements -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null || true
}
pg_statements_top() { # prefix of the databases to report
  pg_statements -F $'\t' -c "select round(s.total_exec_time)::bigint, round((100 * s.total_exec_time / sum(s.total_exec_time) over ())::numeric, 1),
      s.calls, round(s.rows::numeric / greatest(s.calls, 1), 1), round(s.shared_blks_read::numeric / greatest(s.calls, 1), 1),
      d.datname, left(regexp_replace(s.query, '\s+', ' ', 'g'), 110)
    from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname like '$1%'
    order by s.total_exec_time desc limit 15" |
    awk -F'\t' 'BEGIN { printf "  %9s %6s %8s %8s %8s  %-20s %s\n", "ms", "%", "calls", "rows/c", "reads/c", "database", "statement" }
      { printf "  %9s %6s %8s %8s %8s  %-20s %s\n", $1, $2, $3, $4, $5, $6, $7 }' || true
}
# PostgreSQL's buffer traffic so far: blocks found in shared_buffers and blocks read (from the OS)
# by the databases named $1*, and buffers written by backends, the checkpointer and the background
# writer, and checkpoints (server-wide)
pg_buffers() { # prefix of the databases
  psql_db -d postgres -F ' ' -c "select (select coalesce(sum(blks_hit), 0) from pg_stat_database where datname like '$1%'),
      (select coalesce(sum(blks_read), 0) from pg_stat_database where datname like '$1%'),
      buffers_backend, buffers_checkpoint, buffers_clean, checkpoints_timed + checkpoints_req from pg_stat_bgwriter"
}
pg_buffers_report() { # the pg_buffers lines before and after
  awk -v x="$1" -v y="$2" -v sb="$(psql_db -d postgres -c 'show shared_buffers')" 'BEGIN { split(x, p); split(y, q)
    hit = q[1] - p[1]; read = q[2] - p[2]
    printf "PostgreSQL buffers (shared_buffers %s): %d hit, %d read from the OS (%.1f %%); written by backends %d, checkpointer %d, bgwriter %d; %d checkpoint(s)\n",
      sb, hit, read, 100 * read / (hit + read + 0.000001), q[3] - p[3], q[4] - p[4], q[5] - p[5], q[6] - p[6] }'
}
# The server settings a figure depends on, and a warning when autovacuum is off: without it the
# queue tables bloat and are never analyzed, which doubled PostgreSQL's CPU per event here
pg_settings_line() {
  local autovacuum
  autovacuum="$(psql_db -d postgres -c 'show autovacuum')"
  echo "PostgreSQL settings: autovacuum $autovacuum, shared_buffers $(psql_db -d postgres -c 'show shared_buffers')"
  [[ "$autovacuum" == on ]] || log "WARNING: autovacuum is off on this server; the figures are not those of a production database (docs/operations.md)"
}
# PostgreSQL's own rate on this machine now, the baseline of every figure: pgbench -N -c8 -j2 TPS
pgbench_baseline() { # seconds
  log "PostgreSQL's baseline: pgbench -N -c8 -j2 for ${1}s"
  psql_db -d postgres -c "drop database if exists drip_pgbench" -c "create database drip_pgbench owner drip"
  pgbench -h 127.0.0.1 -U drip -i -s 10 -q drip_pgbench >/dev/null 2>&1
  pgbench -h 127.0.0.1 -U drip -N -c8 -j2 -T "$1" drip_pgbench 2>/dev/null | awk '/^tps/ { printf "%.0f", $3; exit }'
  psql_db -d postgres -c "drop database drip_pgbench"
}
# Kafka's command-line tools, on the broker $kafka with the jars in $kafka_libs (set by the script)
topic() { # name: a topic of 6 partitions
  java -cp "$kafka_libs/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$kafka" --create --topic "$1" \
    --partitions 6 --replication-factor 1 >/dev/null
}
produce() { # topic < key<TAB>value lines
  java -cp "$kafka_libs/*" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$kafka" --topic "$1" \
    --property parse.key=true --property key.separator=$'\t' --producer-property linger.ms=5 2>/dev/null
}
# Polls until the number printed by the command "$1" reaches $2 (every $3 s, at most $4 times),
# while the service $service_pid lives (else its log $service_log is shown and the script fails);
# prints the last number.
await_count() {
  local n=0
  for _ in $(seq 1 "$4"); do
    n="$($1)"
    ((n >= $2)) && break
    kill -0 "$service_pid" 2>/dev/null || { tail -n 30 "$service_log" >&2; exit 1; }
    sleep "$3"
  done
  echo "$n"
}
# The phases every burst benchmark shares, for the service just started as $service_pid: the
# contacts of $work/contacts.tsv projected, $3 records to warm the JIT up, then $2 records
# produced at once on $burst_topic. The script defines burst_contacts_stored (prints the snapshots
# stored), burst_records FIRST LAST (prints those contacts' records, key<TAB>value), burst_done
# (prints the records through the stage, warm-up included) and burst_latency (prints p50 p95 p99
# in seconds). Prints the result line: label, seconds, rate, p50, p95, p99, the service's and
# PostgreSQL's CPU µs per record, the service's peak RSS in MB.
burst_measure() { # label n warmup
  local label="$1" n="$2" warmup="$3" through start end cpu_before cpu_after rss_mb latency
  produce "$burst_contacts_topic" <"$work/contacts.tsv"
  await_count burst_contacts_stored "$((n + warmup))" 0.2 3000 >/dev/null
  if ((warmup > 0)); then
    burst_records $((n + 1)) $((n + warmup)) | produce "$burst_topic"
    await_count burst_done "$warmup" 0.2 6000 >/dev/null
  fi
  sleep 2
  burst_records 1 "$n" >"$work/burst.tsv"
  # BENCH_JFR=dir: a flight recording of the service during the burst, to dir/label.jfr
  [[ -z "${BENCH_JFR:-}" ]] || jcmd "$service_pid" JFR.start name=burst settings=profile \
    filename="$BENCH_JFR/$label.jfr" >/dev/null
  cpu_before="$(ticks_of "$service_pid") $(pg_ticks)"
  start="$(date +%s.%N)"
  produce "$burst_topic" <"$work/burst.tsv"
  through=$(($(await_count burst_done "$((n + warmup))" 0.1 12000) - warmup))
  end="$(date +%s.%N)"
  cpu_after="$(ticks_of "$service_pid") $(pg_ticks)"
  [[ -z "${BENCH_JFR:-}" ]] || jcmd "$service_pid" JFR.stop name=burst >/dev/null
  rss_mb="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$service_pid/status")"
  ((through >= n)) || { log "$label: only $through of $n through in 20 minutes"; exit 1; }
  latency="$(burst_latency)"
  awk -v l="$label" -v a="$start" -v b="$end" -v n="$n" -v lat="$latency" -v rss="$rss_mb" \
    -v x="$cpu_before" -v y="$cpu_after" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(x, p); split(y, q); split(lat, s, " ")
      printf "%-8s %9.1f %10.0f %8s %8s %8s %10.0f %10.0f %8s", l, b - a, n / (b - a), s[1], s[2], s[3],
        1e6 * (q[1] - p[1]) / hz / n, 1e6 * (q[2] - p[2]) / hz / n, rss }'
}
# The builds to measure, into the array builds: the arguments after the service's name
# (label=path/to/quarkus-run.jar), else this tree's jar of that service (built if missing).
bench_builds() { # service [label=jar ...]
  local service="$1"
  shift
  builds=("$@")
  if ((${#builds[@]} == 0)); then
    local jar="$repo/$service/target/quarkus-app/quarkus-run.jar"
    [[ -f "$jar" ]] || (cd "$repo" && ./mvnw -B -q -pl "$service" -am package -DskipTests)
    builds=("this=$jar")
  fi
  [[ -d "$kafka_libs" ]] || { log "no Kafka jars in $kafka_libs: start a broker with deploy/local/kafka"; exit 1; }
}
# A scratch directory in $work, removed at exit (kept with BENCH_KEEP) with the service $service_pid stopped.
bench_workdir() { # name
  work="$(mktemp -d "/tmp/drip-$1-bench.XXXXXX")"
  service_pid=""
  trap bench_cleanup EXIT INT TERM
}
bench_cleanup() {
  [[ -z "$service_pid" ]] || { kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; }
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$work"
}
# Snapshots of contacts bench-0000001… (opted in to marketing, Dutch numbers), key<TAB>value lines.
bench_contacts() { # count traits-json
  awk -v n="$1" -v traits="$2" 'BEGIN {
    for (i = 1; i <= n; i++) {
      id = sprintf("bench-%07d", i)
      printf "%s\t{\"contactId\":\"%s\",\"version\":1,\"phone\":\"+3161%07d\",\"phoneStatus\":\"valid\",\"timezone\":\"Europe/Amsterdam\",\"locale\":\"nl-NL\",\"traits\":%s,\"consent\":{\"sms\":{\"marketing\":{\"state\":\"opted_in\",\"at\":\"2026-12-01T10:00:00Z\",\"source\":\"import\"}}},\"updatedAt\":\"2026-12-01T10:00:00Z\"}\n", id, id, i, traits
    }
  }'
}
# The redirect benchmarks' shared set-up (redirect-benchmark.sh, random-code-benchmark.sh): a
# scratch directory $work and the array pids of what they start, all stopped at exit; the script
# sets $jar before start_tracking.
redirect_bench_workdir() { # name
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  pids=()
  trap redirect_bench_cleanup EXIT INT TERM
}
redirect_bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$work"
}
# A wrk script asking for random codes of the file $BENCH_CODES, with an iPhone's user agent.
write_codes_lua() { # file
  cat >"$1" <<'LUA'
local codes = {}
for line in io.lines(os.getenv("BENCH_CODES")) do codes[#codes + 1] = line end
wrk.headers["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
request = function() return wrk.format("GET", "/" .. codes[math.random(#codes)]) end
LUA
}
ensure_wrk_nginx() {
  if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    log "Installing wrk and nginx (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
  fi
}
start_nginx_302() { # port: nginx answering `return 302` there, its pid in nginx_pid
  log "nginx: return 302 on 127.0.0.1:$1 (prefix $work)"
  mkdir -p "$work/logs"
  cat >"$work/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$1;
    location / { add_header Cache-Control no-store; return 302 https://shop.example/cart; }
  }
}
CONF
  nginx -p "$work" -c "$work/nginx.conf" &
  pids+=($!)
  nginx_pid=$!
  for _ in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
}
start_tracking() { # db kafka http-port management-port: tracking-service from $jar, its pid in tracking_pid, once ready
  psql_db -d postgres -c "select 1 from pg_database where datname = '$1'" | grep -q 1 \
    || psql_db -d postgres -c "create database $1 owner drip"
  log "tracking-service on 127.0.0.1:$3 (database $1, Kafka $2, log $work/tracking.log)"
  DRIP_HTTP_PORT="$3" DRIP_MANAGEMENT_PORT="$4" DRIP_DB_NAME="$1" \
    KAFKA_BOOTSTRAP_SERVERS="$2" DRIP_KAFKA_GROUP="bench-$$" QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$work/tracking.log" 2>&1 &
  pids+=($!)
  tracking_pid=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$4/q/health/ready" && return 0
    sleep 1
  done
  tail -n 40 "$work/tracking.log" >&2
  exit 1
}
register_links() { # db count journey created-interval expires-interval: link rows as SendConsumer writes them; prints their codes
  psql_db -d "$1" -c "insert into link (code, url, destination, message_id, contact_id, journey_id, journey_version,
      step_id, variant, created_at, expires_at)
    select substr(md5(random()::text || i), 1, 10), 'https://shop.example/cart',
      'https://shop.example/cart?utm_source=sms', '$3-m' || i, 'bench-c' || i, '$3', 1, 'step', 'A',
      now() - interval '$4', now() - interval '$4' + interval '$5'
    from generate_series(1, $2) i on conflict do nothing"
  psql_db -d "$1" -c "select code from link where journey_id = '$3'"
}
# journey-service from the jar $2 as the build labelled $1, on its own topics bench.<topic>.$3 and a
# fresh database $db, with the journeys of $work/journeys; sets service_pid and service_log.
journey_service_start() { # label jar run
  local t
  for t in events contacts deliveries clicks; do topic "bench.$t.$3"; done
  psql_db -d postgres -c "drop database if exists $db" -c "create database $db owner drip"
  DRIP_HTTP_PORT="$(free_port)" DRIP_MANAGEMENT_PORT="$(free_port)" DRIP_DB_NAME="$db" \
    KAFKA_BOOTSTRAP_SERVERS="$kafka" DRIP_KAFKA_GROUP="bench-$3" DRIP_JOURNEYS_DIR="$work/journeys" \
    MP_MESSAGING_INCOMING_EVENTS_TOPIC="bench.events.$3" MP_MESSAGING_INCOMING_CONTACTS_TOPIC="bench.contacts.$3" \
    MP_MESSAGING_INCOMING_DELIVERIES_TOPIC="bench.deliveries.$3" MP_MESSAGING_INCOMING_CLICKS_TOPIC="bench.clicks.$3" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    java -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$2" >"$work/$1.log" 2>&1 &
  service_pid=$! service_log="$work/$1.log"
}
# The journey of the burst benchmarks, into the folder $1: a sign-up's first step is a send.
welcome_journey() { # dir
  mkdir -p "$1"
  cat >"$1/bench.yaml" <<'YAML'
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
}
