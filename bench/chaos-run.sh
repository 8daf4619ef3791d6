#!/usr/bin/env bash
# The chaos run: the demo store's traffic against the whole system on this machine while a
# driver injects faults, then a ledger built from the databases, the topics and the sandbox's
# log of every submission. Exits 1 when a promise was broken.
#
#   bench/chaos-run.sh [--minutes 10] [--faults 20] [--signups-per-second 2]
#
# Everything runs apart from the machine's own Drip: a PostgreSQL instance the script creates
# (port CHAOS_PG_PORT, 25432) behind a TCP proxy whose connections it cuts, a Kafka broker
# (CHAOS_KAFKA_PORT, 29392), contact-service and tracking-service once, journey-service and
# dispatch-service twice (ports 8281..8294, management +1000), all from the built jars
# (./mvnw package -DskipTests first). The faults, in turn: kill -9 of each service (then it is
# started again), a Kafka restart, a PostgreSQL restart, connections cut for 10 s, the sandbox
# provider failing for a minute. Logs and the ledger in CHAOS_DIR (/tmp/drip-chaos); the
# services' JVMs take CHAOS_JAVA_OPTS (none; the e2e test's run: C1 alone). The ledger
# prints "lost", "sent twice", "after STOP", "in quiet hours" and "transient dead-letters",
# each of which must be 0 (docs/reliability.md).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../deploy/local/lib.sh
source "$repo/deploy/local/lib.sh"
_log_prefix="[chaos]"

minutes=10 faults=20 signups=2
while (($#)); do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --faults) faults="$2"; shift 2 ;;
    --signups-per-second) signups="$2"; shift 2 ;;
    *) die "usage: bench/chaos-run.sh [--minutes N] [--faults N] [--signups-per-second R]" ;;
  esac
done

dir="${CHAOS_DIR:-/tmp/drip-chaos}"
pg_port="${CHAOS_PG_PORT:-25432}"
kafka_port="${CHAOS_KAFKA_PORT:-29392}"
suppression_key="chaos-suppression-key"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[[ -x "$pg_bin/initdb" ]] || die "PostgreSQL's server binaries are missing: deploy/local/postgres ensure installs them"
for jar in contact journey dispatch tracking; do
  [[ -f "$repo/$jar-service/target/quarkus-app/quarkus-run.jar" ]] || die "build first: ./mvnw package -DskipTests"
done
demo_jar="$repo/demo-store/target/demo-store.jar"
proxy_jar="$(ls "$repo"/test-support/target/test-support-*.jar 2>/dev/null | grep -v sources | head -1)"
[[ -f "$demo_jar" && -f "$proxy_jar" ]] || die "build first: ./mvnw package -DskipTests"

as_postgres() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
declare -A pids=()
proxy_pid=""
cleanup() {
  local name
  for name in "${!pids[@]}"; do { kill -9 "${pids[$name]}" && wait "${pids[$name]}"; } 2>/dev/null || true; done
  [[ -n "$proxy_pid" ]] && kill "$proxy_pid" 2>/dev/null || true
  KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$dir/kafka" "$repo/deploy/local/kafka" stop >/dev/null 2>&1 || true
  [[ -f "$dir/pg/postmaster.pid" ]] && as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" stop -m immediate >/dev/null 2>&1 || true
}
trap cleanup EXIT

# --- PostgreSQL: an instance of our own, so restarting it touches nothing else -------------
port_closed 127.0.0.1 "$pg_port" || die "port $pg_port is taken (an earlier run's PostgreSQL?); set CHAOS_PG_PORT"
port_closed 127.0.0.1 "$kafka_port" || die "port $kafka_port is taken (an earlier run's Kafka?); set CHAOS_KAFKA_PORT"
rm -rf "$dir" && mkdir -p "$dir/logs"
chmod 777 "$dir"
mkdir -p "$dir/pg" && chown postgres "$dir/pg" 2>/dev/null || true
as_postgres "$pg_bin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 >"$dir/logs/initdb.log"
pg_ctl_() { as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" "$@"; }
pg_ctl_ -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=300" -w start >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_ -c "create role drip login password 'drip'"
for db in contact journey dispatch tracking; do psql_ -c "create database drip_$db owner drip"; done
psql_ -d drip_dispatch -c "create extension pgcrypto"
log "PostgreSQL on 127.0.0.1:$pg_port ($dir/pg)"

# --- the TCP proxy every service reaches PostgreSQL through ---------------------------------
mkfifo "$dir/proxy.ctl"
java -cp "$proxy_jar" io.drip.testing.TcpProxy 127.0.0.1 "$pg_port" <"$dir/proxy.ctl" >"$dir/logs/proxy.log" 2>&1 &
proxy_pid=$!
exec 3>"$dir/proxy.ctl"
wait_for 30 "the TCP proxy" grep -q '^port ' "$dir/logs/proxy.log"
proxy_port="$(awk '/^port / { print $2 }' "$dir/logs/proxy.log")"
log "TCP proxy on 127.0.0.1:$proxy_port"

# --- Kafka ----------------------------------------------------------------------------------
kafka_() { KAFKA_PORT="$kafka_port" KAFKA_DATA_DIR="$dir/kafka" "$repo/deploy/local/kafka" "$@"; }
kafka_ start --fresh >"$dir/logs/kafka-start.log" 2>&1 || { tail "$dir/logs/kafka-start.log"; die "Kafka did not start"; }

# --- the services ---------------------------------------------------------------------------
new_key() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
write_key="wk_$(new_key)" admin_key="ak_$(new_key)"
declare -A ports=([contact]=8281 [journey-a]=8282 [journey-b]=8292 [dispatch-a]=8283 [dispatch-b]=8293 [tracking]=8284)
names=(contact journey-a dispatch-a tracking journey-b dispatch-b)

start_service() { # name
  local name="$1" svc="${1%-[ab]}" port="${ports[$1]}"
  DRIP_HTTP_PORT="$port" DRIP_MANAGEMENT_PORT="$((port + 1000))" DRIP_DB_PORT="$proxy_port" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" DRIP_DB_NAME="drip_$svc" \
    DRIP_API_KEYS="chaos-admin:marketer+ops+viewer:$(sha "$admin_key")" DRIP_WRITE_KEYS="chaos-shop:$(sha "$write_key")" \
    DRIP_JOURNEYS_DIR="$repo/deploy/journeys" DRIP_TRACKING_BASE_URL="http://127.0.0.1:${ports[tracking]}" \
    DRIP_SUPPRESSION_KEY="$suppression_key" DRIP_TIME_COMPRESSION=17280 \
    DRIP_CAP_PER_DAY=6 DRIP_CAP_PER_30_DAYS=10 DRIP_CAP_MIN_GAP=PT2S DRIP_LOG_JSON=false \
    QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=8 \
    setsid java -Xmx384m ${CHAOS_JAVA_OPTS:-} -jar "$repo/$svc-service/target/quarkus-app/quarkus-run.jar" \
    >>"$dir/logs/$name.log" 2>&1 </dev/null &
  pids[$name]=$!
}
ready() { curl -fs -o /dev/null "http://127.0.0.1:$((ports[$1] + 1000))/q/health/ready"; }
await_ready() { wait_for 180 "$1 to be ready" ready "$1" || { tail -n 30 "$dir/logs/$1.log" >&2; die "$1 did not start"; }; }
for name in "${names[@]}"; do start_service "$name"; done
for name in "${names[@]}"; do await_ready "$name"; done
log "Services ready: ${names[*]}"

# --- the faults -----------------------------------------------------------------------------
schedule=(kill:contact kill:journey-a kafka kill:dispatch-a cut kill:tracking postgres kill:journey-b provider
  kill:dispatch-b)
fault() { # what
  case "$1" in
    kill:*)
      local name="${1#kill:}"
      { kill -9 "${pids[$name]}" && wait "${pids[$name]}"; } 2>/dev/null || true
      start_service "$name"
      await_ready "$name" ;;
    kafka) kafka_ stop >>"$dir/logs/kafka-start.log" 2>&1; kafka_ start >>"$dir/logs/kafka-start.log" 2>&1 ;;
    postgres) pg_ctl_ -m fast -w restart >/dev/null ;;
    cut) echo cut >&3; sleep 10; echo restore >&3 ;;
    provider)
      local name
      for name in dispatch-a dispatch-b; do
        curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $admin_key" \
          "http://127.0.0.1:${ports[$name]}/v1/sandbox/outage?seconds=60"
      done ;;
  esac
}

shoppers=$(awk -v m="$minutes" -v r="$signups" 'BEGIN { printf "%d", m * 60 * r * 0.8 }')
log "Traffic: $shoppers shoppers at $signups sign-ups/s, phones reacting for $minutes min; $faults faults"
java -Xmx256m -jar "$demo_jar" shop --shoppers "$shoppers" --signups-per-second "$signups" --duration "PT${minutes}M" \
  --kafka "127.0.0.1:$kafka_port" --admin-key "$admin_key" --write-key "$write_key" \
  --contact-url "http://127.0.0.1:${ports[contact]}" --journey-url "http://127.0.0.1:${ports[journey-a]}" \
  --dispatch-url "http://127.0.0.1:${ports[dispatch-b]}" --tracking-url "http://127.0.0.1:${ports[tracking]}" \
  >"$dir/logs/demo-store.log" 2>&1 &
traffic_pid=$!

started=$SECONDS
interval=$((minutes * 60 / (faults + 1)))
: >"$dir/faults.tsv"
for ((i = 0; i < faults; i++)); do
  sleep $((started + (i + 1) * interval - SECONDS > 0 ? started + (i + 1) * interval - SECONDS : 0))
  what="${schedule[i % ${#schedule[@]}]}"
  at=$((SECONDS - started))
  log "fault $((i + 1))/$faults at ${at}s: $what"
  fault "$what"
  printf '%d\t%d\t%s\t%d\n' "$((i + 1))" "$at" "$what" "$((SECONDS - started - at))" >>"$dir/faults.tsv"
done
wait "$traffic_pid" || warn "the demo store met errors (the services were down at times): $(grep -c . "$dir/logs/demo-store.log") log lines"

# --- drain: nothing due, nothing in flight, every outbox empty, every consumer caught up -----
db() { psql -h 127.0.0.1 -p "$pg_port" -U drip -v ON_ERROR_STOP=1 -qAt -d "drip_$1" -c "$2"; }
kafka_libs="$(ls -d "$DRIP_HOME"/kafka/*/libs | sort -V | tail -1)"
printf 'request.timeout.ms=60000\ndefault.api.timeout.ms=120000\n' >"$dir/offsets.properties"
# records not yet read by the services' consumer groups: a consumer paused after a fault (the
# database cut, its retries backing off) still holds send commands that no table shows yet
unread() {
  java -cp "$kafka_libs/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "127.0.0.1:$kafka_port" \
    --command-config "$dir/offsets.properties" --describe --all-groups 2>>"$dir/logs/offsets.log" |
    awk '$3 ~ /^[0-9]+$/ && $5 ~ /^[0-9]+$/ { lag += ($4 ~ /^[0-9]+$/ ? $5 - $4 : $5) } END { print lag + 0 }'
}
busy() {
  local n
  n=$(($(db dispatch "select count(*) from outgoing_message where status = 'sending'
          or (status = 'pending' and next_attempt_at < now())")
    + $(db journey "select count(*) from journey_run where status = 'active' and next_at < now() - interval '2 seconds'")))
  for svc in contact journey dispatch tracking; do n=$((n + $(db "$svc" "select count(*) from outbox"))); done
  echo "$((n + $(unread)))"
}
log "Draining: waiting until nothing is due, in flight or unread"
for _ in $(seq 1 180); do (($(busy) == 0)) && break; sleep 2; done
if (($(busy) > 0)); then
  # what is stuck, for the post-mortem: the sessions that are not idle, and every service's threads
  warn "Still busy after draining: sessions and thread dumps in $dir/logs/stuck-*"
  psql_ -x -c "select pid, datname, application_name, state, wait_event_type, wait_event, now() - xact_start as in_transaction,
    left(query, 200) as query from pg_stat_activity where state <> 'idle' and pid <> pg_backend_pid()" \
    >"$dir/logs/stuck-sessions.txt" 2>&1 || true
  for name in "${!pids[@]}"; do jcmd "${pids[$name]}" Thread.print >"$dir/logs/stuck-$name.threads" 2>&1 || true; done
fi

# --- the ledger -----------------------------------------------------------------------------
db journey "select message_id from message" >"$dir/issued.txt"
db dispatch "create table chaos_issued (message_id text primary key)"
psql -h 127.0.0.1 -p "$pg_port" -U drip -qAt -d drip_dispatch -c "\copy chaos_issued from '$dir/issued.txt'"
offsets="$(java -cp "$kafka_libs/*" org.apache.kafka.tools.GetOffsetShell --bootstrap-server "127.0.0.1:$kafka_port" \
  --command-config "$dir/offsets.properties" --topic '.*\.dlq' 2>"$dir/logs/offsets.log")" ||
  die "cannot read the dead-letter topics' offsets: $(head -3 "$dir/logs/offsets.log")"
dlq=0
while IFS=: read -r _ _ offset; do dlq=$((dlq + offset)); done <<<"$offsets"
[[ -n "$offsets" ]] || die "no dead-letter topic found on the broker"
issued="$(db dispatch "select count(*) from chaos_issued")"
submitted="$(db dispatch "select count(*) from sandbox_submission")"
lost="$(db dispatch "select count(*) from chaos_issued i left join outgoing_message o using (message_id)
  where o.message_id is null or o.status = 'sending' or (o.status = 'pending' and o.next_attempt_at < now())")"
twice="$(db dispatch "select count(*) from (select message_id from sandbox_submission group by message_id
  having count(*) > 1) t")"
after_stop="$(db dispatch "select count(*) from sandbox_submission s join outgoing_message o using (message_id)
  join suppressed_number n on n.number_hash = hmac(s.to_phone, '$suppression_key', 'sha256')
  where o.category = 'marketing' and n.category = 'marketing' and s.submitted_at > n.at")"
quiet="$(db dispatch "select count(*) from (
  select (s.submitted_at at time zone coalesce(c.snapshot ->> 'timezone', 'UTC'))::time as local,
         coalesce(o.window_from, '09:00')::time as f, coalesce(o.window_to, '20:30')::time as t
  from sandbox_submission s join outgoing_message o using (message_id) left join contact_snapshot c on c.id = o.contact_id
  where o.category = 'marketing') m
  where not (case when f <= t then local >= f and local < t else local >= f or local < t end)")"
outcomes="$(db dispatch "select coalesce(o.status, 'none') || coalesce('/' || o.reason, '') as outcome, count(*)
  from chaos_issued i left join outgoing_message o using (message_id) group by 1 order by 2 desc" | tr '|' ' ')"

{
  printf 'faults\t%d\t(%s)\n' "$faults" "$(cut -f3 "$dir/faults.tsv" | sort | uniq -c | awk '{ printf "%s%s x%d", sep, $2, $1; sep=", " }')"
  printf 'send commands issued\t%d\n' "$issued"
  printf 'SMS submitted\t%d\n' "$submitted"
  printf 'lost\t%d\n' "$lost"
  printf 'sent twice\t%d\n' "$twice"
  printf 'sent after STOP\t%d\n' "$after_stop"
  printf 'sent in quiet hours\t%d\n' "$quiet"
  printf 'transient dead-letters\t%d\n' "$dlq"
} | tee "$dir/ledger.tsv"
log "Outcomes of the send commands:"
sed 's/^/    /' <<<"$outcomes" >&2
grep -h "what the shoppers did" "$dir/logs/demo-store.log" >&2 || true
((lost + twice + after_stop + quiet + dlq == 0)) || { warn "promises broken: see above and $dir/logs"; exit 1; }
log "Every promise held; ledger in $dir/ledger.tsv, fault schedule in $dir/faults.tsv"
