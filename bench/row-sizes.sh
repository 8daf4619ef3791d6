#!/usr/bin/env bash
# Bytes per row of the tables that grow with traffic, measured on generated rows of realistic
# content: the inputs of docs/operations.md's "Sizes per month". Per table: the row as stored
# (avg pg_column_size) and the table with its indexes and TOAST per row (pg_total_relation_size / rows).
#
#   bench/row-sizes.sh
#
# Needs PostgreSQL on 127.0.0.1:5432 (user drip, CREATEDB). Each service's migrations are applied
# (in version order, as Flyway would) to a scratch database drip_rowsizes_<service>, dropped after.
# BENCH_ROWS (20000): rows generated per table.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=SCRIPTDIR/lib.sh
source "$repo/bench/lib.sh"
rows="${BENCH_ROWS:-20000}"
export PGOPTIONS="-c client_min_messages=warning"
kit="$repo/service-kit/src/main/resources/db"

# migrate SERVICE LOCATION...: a fresh database with the service's migrations, in version order
migrate() {
  local service="$1" db="drip_rowsizes_$1" file
  shift
  psql_db -d postgres -c "drop database if exists $db" -c "create database $db owner drip"
  for file in $(for dir in "$@"; do ls "$dir"/V*.sql; done \
      | awk -F/ '{ v = $NF; sub(/^V/, "", v); sub(/__.*/, "", v); gsub(/_/, ".", v); print v "\t" $0 }' \
      | sort -V | cut -f2); do
    psql_db -d "$db" -f "$file" >/dev/null
  done
}

# measure SERVICE TABLE...: one line per table
measure() {
  local db="drip_rowsizes_$1" table
  shift
  psql_db -d "$db" -c "vacuum analyze $(IFS=,; echo "$*")" >/dev/null
  for table in "$@"; do
    psql_db -d "$db" -F $'\t' -c "select '$table', count(*), round(avg(pg_column_size(t.*))),
        round(pg_total_relation_size('$table') / count(*)::numeric) from $table t"
  done
}

log "generating $rows rows per table"
printf 'table\trows\trow bytes\tbytes with indexes\n'

migrate journey "$kit/kit" "$kit/contacts" "$repo/journey-service/src/main/resources/db/migration"
psql_db -d drip_rowsizes_journey -v n="$rows" <<'SQL' >/dev/null
insert into journey_run (id, journey_id, journey_version, contact_id, status, step_index, next_at, trigger_event,
  entered_at, updated_at, variant, steps_taken, run_key, ended_at, traceparent)
select md5('run' || g)::uuid, 'cart-abandonment', 3, 'contact-' || lpad(g::text, 8, '0'), 'completed', 6, null,
  jsonb_build_object('type', 'track', 'event', 'Checkout Started', 'messageId', md5('event' || g),
    'userId', 'contact-' || g, 'timestamp', now(), 'properties', jsonb_build_object('value', 42.5, 'cart_id', md5('cart' || g))),
  now(), now(), 'A', 6, md5('cart' || g), now(), '00-' || md5('t' || g) || '-' || left(md5('s' || g), 16) || '-01'
from generate_series(1, :n) g;
insert into run_history (run_id, at, step_id, what, detail)
select md5('run' || g)::uuid, now(), 'reminder', 'sent', 'message ' || md5('m' || g) from generate_series(1, :n) g;
insert into message (message_id, run_id, journey_id, journey_version, step_id, variant, contact_id, created_at,
  sent_at, delivered_at)
select md5('m' || g), md5('run' || g)::uuid, 'cart-abandonment', 3, 'reminder', 'A', 'contact-' || lpad(g::text, 8, '0'),
  now(), now(), now() from generate_series(1, :n) g;
insert into processed_record (id) select md5('event' || g) from generate_series(1, :n) g;
SQL
measure journey journey_run run_history message processed_record

migrate dispatch "$kit/kit" "$kit/contacts" "$kit/suppression" "$repo/dispatch-service/src/main/resources/db/migration"
psql_db -d drip_rowsizes_dispatch -v n="$rows" <<'SQL' >/dev/null
insert into outgoing_message (message_id, idempotency_key, contact_id, journey_id, step_id, category, text, command,
  status, provider, provider_message_id, to_phone, created_at, sent_at, delivered_at, attempts, route, segments,
  sent_text, encoding, country, carrier, age_from, traceparent)
select md5('m' || g), 'cart-abandonment:' || md5('run' || g) || ':6', 'contact-' || lpad(g::text, 8, '0'),
  'cart-abandonment', 'reminder', 'marketing', t.text,
  jsonb_build_object('messageId', md5('m' || g), 'contactId', 'contact-' || g, 'journeyId', 'cart-abandonment',
    'journeyVersion', 3, 'stepId', 'reminder', 'variant', 'A', 'channel', 'sms', 'category', 'marketing',
    'text', t.text, 'links', jsonb_build_array(jsonb_build_object('code', left(md5('c' || g), 10),
    'url', 'https://shop.example/cart')), 'idempotencyKey', 'cart-abandonment:' || md5('run' || g) || ':6'),
  'delivered', 'twilio', 'SM' || md5('p' || g), '+4915112345678', now(), now(), now(), 1, 'default', 1,
  t.text || ' Reply STOP to opt out', 'GSM7', 'DE', 'Telefonica', now(), '00-' || md5('t' || g) || '-' || left(md5('s' || g), 16) || '-01'
from generate_series(1, :n) g,
  lateral (select 'Shop: Anna, your cart is waiting: https://drip.example/' || left(md5('c' || g), 10) as text) t;
insert into message_event (message_id, status, provider, at)
select md5('m' || g), 'delivered', 'twilio', now() from generate_series(1, :n) g;
insert into early_receipt (provider, provider_message_id, status, number_undeliverable, at)
select 'twilio', 'SM' || md5('p' || g), 'delivered', false, now() from generate_series(1, :n) g;
insert into processed_record (id) select 'cart-abandonment:' || md5('run' || g) || ':6' from generate_series(1, :n) g;
SQL
measure dispatch outgoing_message message_event early_receipt processed_record

migrate tracking "$kit/kit" "$repo/tracking-service/src/main/resources/db/migration"
psql_db -d drip_rowsizes_tracking -v n="$rows" <<'SQL' >/dev/null
insert into link (code, url, destination, message_id, contact_id, journey_id, journey_version, step_id, variant,
  created_at, expires_at, traceparent)
select left(md5('c' || g), 10), 'https://shop.example/cart',
  'https://shop.example/cart?utm_source=drip&utm_medium=sms&utm_campaign=cart-abandonment&utm_content=reminder',
  md5('m' || g), 'contact-' || lpad(g::text, 8, '0'), 'cart-abandonment', 3, 'reminder', 'A', now(),
  now() + interval '90 days', '00-' || md5('t' || g) || '-' || left(md5('s' || g), 16) || '-01'
from generate_series(1, :n) g;
insert into click (click_id, code, at, ip, user_agent, device, os, browser, country)
select gen_random_uuid(), left(md5('c' || g), 10), now(), '203.0.113.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Phone', 'iOS 17.4', 'Safari 17.4', 'DE'
from generate_series(1, :n) g;
insert into delivery (message_id, delivered_at) select md5('m' || g), now() from generate_series(1, :n) g;
insert into processed_record (id) select md5('m' || g) || ':delivered' from generate_series(1, :n) g;
SQL
measure tracking link click delivery processed_record

migrate contact "$kit/kit" "$kit/suppression" "$repo/contact-service/src/main/resources/db/migration"
psql_db -d drip_rowsizes_contact -v n="$rows" <<'SQL' >/dev/null
insert into order_event (message_id, contact_id, revenue, at)
select md5('o' || g), 'contact-' || lpad(g::text, 8, '0'), 59.90, now() from generate_series(1, :n) g;
insert into consent_event (contact_id, channel, category, state, source, message_id, ip, actor, at)
select 'contact-' || lpad(g::text, 8, '0'), 'sms', 'marketing', 'opted_in', 'api', 'signup-form-42', '203.0.113.7',
  'shop-backend', now() from generate_series(1, :n) g;
insert into processed_record (id) select md5('event' || g) from generate_series(1, :n) g;
SQL
measure contact order_event consent_event processed_record

for service in journey dispatch tracking contact; do
  psql_db -d postgres -c "drop database drip_rowsizes_$service"
done
