#!/usr/bin/env bash
# Batch benchmark: one generated day of events in ClickHouse (10M by default), then, side by side in
# the same run:
#   job      wall time of each batch job for that day (infra/tally batch <job> --date D --json:
#            the job's own duration, and the whole command including JVM and Spring start)
#   bare SQL the same aggregation, deduplicated from the raw rows, as hand-written ClickHouse
#            INSERT ... SELECTs into scratch tables (one per output table): the limit
#   PL/pgSQL the seed's calculate_daily_revenue over the day's orders loaded into PostgreSQL, and over
#            the same raw rows (all of the day's rows as its orders table)
# Usage: infra/bench/batch-bench.sh [events]     (needs infra/tally up; takes a few minutes)
# Then a 30-day backfill of BACKFILL_EVENTS_PER_DAY (200k) events a day against the next single day
# (BACKFILL_EVENTS_PER_DAY=0 skips it: the single-day figures in about 4 minutes).
# 100 organizations, each with up to 2,000 users and 10 agents; 10% of events have no user.
# The day is 2039-06-15 (its own year: tests and real data never use it); it is removed at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
EVENTS=${1:-10000000}
DAY=2039-06-15
START=$(date -u -d "$DAY" +%s); END=$((START + 86400))
TALLY_HOME=${TALLY_HOME:-$ROOT/.tally}
set -a; source "$TALLY_HOME/local.env"; set +a
ch() { clickhouse-client --port "$TALLY_CH_TCP_PORT" -u "$TALLY_CH_USER" --password "$TALLY_CH_PASSWORD" -d "$TALLY_CH_DATABASE" "$@"; }
pg() { PGOPTIONS=--client-min-messages=warning PGPASSWORD=$TALLY_PG_PASSWORD psql -q -X -v ON_ERROR_STOP=1 -h "$TALLY_PG_HOST" -p "$TALLY_PG_PORT" -U "$TALLY_PG_USER" -d "$TALLY_PG_DATABASE" "$@"; }
now_ms() { date +%s%3N; }
SQL=$ROOT/batch-jobs/src/main/resources/dev/tally/batch
fill() { sed -e "s/:start/$START/g; s/:end/$END/g; s/toDate(:day)/toDate('$DAY')/g; s/:day/'$DAY'/g; s/:currency/'USD'/g" \
  -e "s/toDate(:week_start)/toMonday(toDate('$DAY'))/g; s/toDate(:month_start)/toStartOfMonth(toDate('$DAY'))/g" \
  -e '/^--/d; s/;$//' "$1"; }

clean() {
  ch -q "ALTER TABLE events DELETE WHERE toYear(occurred_at) = 2039"
  ch -q "ALTER TABLE duplicate_corrections DELETE WHERE toYear(day) = 2039"
  ch -q "ALTER TABLE closed_days DELETE WHERE toYear(day) = 2039"
  ch -q "ALTER TABLE user_daily_activity DELETE WHERE toYear(day) = 2039"
  for t in daily_metrics agent_metrics revenue_analytics; do
    ch -q "ALTER TABLE $t DELETE WHERE toYear(date) = 2039"
    pg -c "DELETE FROM $t WHERE extract(year FROM date) = 2039"
  done
  ch -q "ALTER TABLE cohort_analytics DELETE WHERE toYear(cohort_date) = 2039"
  pg -c "DELETE FROM cohort_analytics WHERE extract(year FROM cohort_date) = 2039"
  ch -q "ALTER TABLE partner_revenue DELETE WHERE toYear(period_start) = 2039"
  pg -c "DELETE FROM partner_revenue WHERE extract(year FROM period_start) = 2039"
  pg -c "DELETE FROM partners WHERE name = 'bench-2039'"
  ch -q "DROP DATABASE IF EXISTS tally_bench"
  while [[ $(ch -q "SELECT count() FROM system.mutations WHERE database = currentDatabase() AND is_done = 0") != 0 ]]; do sleep 0.2; done
}

echo "== generating $EVENTS events of $DAY (1% inserted twice) in ClickHouse"
clean
t0=$(now_ms)
# gen_sql FIRST_EPOCH_SECOND DAYS EVENTS ID_OFFSET: the events, spread evenly over DAYS days from the first second
gen_sql() { local start=$1 days=$2 events=$3 offset=$4; echo "SELECT
  concat('00000000-0000-4000-8000-', toString(100000000000 + n % 100)) AS organization_id,
  toString(n + $offset) AS event_id,
  multiIf(n % 100 < 40, 'message_sent', n % 100 < 50, 'conversation_started', n % 100 < 55, 'workflow_executed',
          n % 100 < 65, 'order_completed', n % 100 < 67, 'order_refunded', n % 100 < 68, 'signed_up',
          n % 100 < 69, 'invoice_paid', 'page_viewed') AS event_type,
  'bench' AS category,
  toDateTime($start + n % $days * 86400 + intHash32(n) % 86400) AS occurred_at,
  toUInt64(($start + n % $days * 86400 + intHash32(n) % 86400) * 1000 + n % 1000) AS occurred_at_ms,
  toDateTime($start + n % $days * 86400 + intHash32(n) % 86400) AS received_at,
  toUInt64(($start + n % $days * 86400 + intHash32(n) % 86400) * 1000 + n % 1000) AS received_at_ms,
  if(n % 10 = 0, NULL, concat('u', toString(intHash32(n * 7 + 3) % 2000))) AS user_id,
  if(n % 100 >= 55 AND n % 100 < 67 OR n % 100 = 68, multiIf(n % 100 < 65, 'sale', n % 100 < 67, 'refund', 'sale'), NULL) AS revenue_kind,
  if(n % 100 >= 55 AND n % 100 < 67 OR n % 100 = 68, toInt64(if(n % 100 < 65 OR n % 100 = 68, 1000 + n % 9000, 500)), NULL) AS revenue_amount_minor,
  if(n % 100 >= 55 AND n % 100 < 67 OR n % 100 = 68, arrayElement(['USD', 'EUR', 'JPY', 'BHD'], n % 4 + 1), NULL) AS revenue_currency,
  if(n % 100 >= 55 AND n % 100 < 67, concat('o', if(n % 100 < 65, toString(n), toString(n - 10))), NULL) AS revenue_order_id,
  if(n % 100 = 68, concat('i', toString(n)), NULL) AS revenue_invoice_id,
  if(n % 100 >= 55 AND n % 100 < 65, toInt64(n % 100), NULL) AS revenue_tax_minor,
  if(n % 100 >= 55 AND n % 100 < 65, toInt64(500), NULL) AS revenue_shipping_minor,
  if(n % 100 >= 55 AND n % 100 < 65, toInt64(n % 50), NULL) AS revenue_discount_minor,
  if(n % 100 < 50, toInt64(n % 500), NULL) AS usage_tokens,
  if(n % 100 < 50, n % 2000 + 0.5, NULL) AS usage_response_time_ms,
  if(n % 100 < 50, concat('a', toString(intHash32(n) % 10)), NULL) AS usage_agent_id,
  if(n % 100 < 50, if(n % 50 = 0, 'error', 'ok'), NULL) AS usage_status,
  if(n % 100 < 50 AND n % 7 = 0, toUInt8(n % 5 + 1), NULL) AS usage_rating
FROM (SELECT number AS n FROM system.numbers LIMIT $events)"; }
cols="organization_id, event_id, event_type, category, occurred_at, occurred_at_ms, received_at, received_at_ms, user_id,
  revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_invoice_id, revenue_tax_minor,
  revenue_shipping_minor, revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating"
# load_events FIRST_EPOCH_SECOND DAYS EVENTS ID_OFFSET: the events, then 1% of them (the lowest ids) a second time
load_events() {
  local gen; gen=$(gen_sql "$@")
  ch -q "INSERT INTO events ($cols) $gen"
  ch -q "INSERT INTO events ($cols) SELECT * FROM ($gen) WHERE toUInt64(event_id) < $(($4 + $3 / 100))"
}
load_events "$START" 1 "$EVENTS" 0
rows=$(ch -q "SELECT count() FROM events WHERE toYear(occurred_at) = 2039")
echo "   $rows rows in $(( $(now_ms) - t0 )) ms"
# partner links, one per organization, for partner-revenue
pg -c "INSERT INTO partners (id, name, type, commission_rate) VALUES ('00000000-0000-4000-8000-0000b0000039', 'bench-2039', 'reseller', 0.1500)"
pg -c "INSERT INTO shop_partners (shop_id, partner_id, activated_at) SELECT ('00000000-0000-4000-8000-' || (100000000000 + g))::uuid,
  '00000000-0000-4000-8000-0000b0000039', '2039-01-01' FROM generate_series(0, 99) g"

declare -A JOB_MS CMD_MS BARE_MS
declare -A STEPS
run_job() { # name, args...
  local name=$1; shift
  local t=$(now_ms) out
  out=$("$ROOT/infra/tally" batch "$name" "$@" --json)
  CMD_MS[$name]=$(( $(now_ms) - t ))
  JOB_MS[$name]=$(python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["exit_code"]==0, r; print(r["runs"][0]["duration_ms"])' <<<"$out")
  STEPS[$name]=$(python3 -c 'import json,sys; r=json.load(sys.stdin); print(", ".join("%s %d" % (s["name"], s["duration_ms"]) for s in r["runs"][0]["steps"]))' <<<"$out")
}
timed_batch() { # prints the wall time in ms of infra/tally batch ARGS (which must exit 0)
  local t=$(now_ms)
  "$ROOT/infra/tally" batch "$@" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["exit_code"]==0, r'
  echo $(( $(now_ms) - t ))
}
bare() { # name, sql...
  local name=$1; shift
  ch -q "CREATE DATABASE IF NOT EXISTS tally_bench"
  local t=$(now_ms) i=0 q
  for q in "$@"; do
    i=$((i + 1))
    ch -q "DROP TABLE IF EXISTS tally_bench.${name//-/_}_$i"
    ch -q "CREATE TABLE tally_bench.${name//-/_}_$i ENGINE = Memory AS $q"
  done
  BARE_MS[$name]=$(( $(now_ms) - t ))
}

echo "== jobs (warm-up run of daily-metrics first, to build the jar and warm the caches)"
"$ROOT/infra/tally" batch daily-metrics --date 2039-06-14 --json >/dev/null
run_job daily-metrics --date "$DAY"
run_job revenue-analytics --date "$DAY"
run_job cohort-analytics --date "$DAY"
run_job partner-revenue --period-type monthly --period 2039-06

echo "== bare ClickHouse SQL"
RAW="FROM events WHERE occurred_at >= toDateTime($START) AND occurred_at < toDateTime($END)"
bare daily-metrics "SELECT organization_id, countIf(event_type = 'message_sent') AS total_messages,
    countIf(event_type = 'conversation_started') AS total_conversations, ifNull(sum(usage_tokens), 0) AS total_tokens,
    uniqExact(user_id) AS unique_users, count(usage_response_time_ms) AS rt_count, ifNull(sum(usage_response_time_ms), 0) AS rt_sum,
    uniqExact(usage_agent_id) AS agent_count, countIf(event_type = 'workflow_executed') AS workflow_executions
  FROM (SELECT organization_id, event_id, event_type, user_id, usage_tokens, usage_response_time_ms, usage_agent_id $RAW
        LIMIT 1 BY organization_id, event_id)
  GROUP BY organization_id" \
  "SELECT organization_id, assumeNotNull(usage_agent_id) AS agent_id, countIf(event_type = 'conversation_started') AS c,
    countIf(event_type = 'message_sent') AS m, count(usage_response_time_ms) AS rt_count, ifNull(sum(usage_response_time_ms), 0) AS rt_sum,
    ifNull(sum(usage_tokens), 0) AS tokens, countIf(usage_status = 'error') AS errors, count(usage_rating) AS ratings,
    ifNull(sum(usage_rating), 0) AS rating_sum
  FROM (SELECT organization_id, event_id, event_type, usage_agent_id, usage_response_time_ms, usage_tokens, usage_status, usage_rating
        $RAW AND usage_agent_id IS NOT NULL LIMIT 1 BY organization_id, event_id)
  GROUP BY organization_id, agent_id"
bare revenue-analytics "SELECT organization_id, currency, sumIf(amount, kind = 'sale') AS gross, sumIf(amount, kind = 'refund') AS refunds,
    uniqExactIf(order_id, kind = 'sale' AND order_id != '') AS orders, uniqExactIf(order_id, kind = 'refund' AND order_id != '') AS returns,
    sumIf(discount, kind = 'sale') AS discounts, sumIf(shipping, kind = 'sale') AS shipping, sumIf(tax, kind = 'sale') AS tax
  FROM (SELECT organization_id, event_id, assumeNotNull(revenue_currency) AS currency, assumeNotNull(revenue_kind) AS kind,
          ifNull(revenue_amount_minor, 0) AS amount, ifNull(revenue_order_id, '') AS order_id, ifNull(revenue_discount_minor, 0) AS discount,
          ifNull(revenue_shipping_minor, 0) AS shipping, ifNull(revenue_tax_minor, 0) AS tax
        $RAW AND revenue_kind IS NOT NULL AND revenue_currency IS NOT NULL LIMIT 1 BY organization_id, event_id)
  GROUP BY organization_id, currency"
bare cohort-analytics "SELECT organization_id, user_id, toDate('$DAY') AS day, minIf(occurred_at_ms, event_type = 'signed_up') AS signed_up_at_ms,
    sum(multiIf(kind = 'sale' AND cur = 'USD', amount, kind = 'refund' AND cur = 'USD', -amount, 0)) AS net_revenue_minor
  FROM (SELECT organization_id, event_id, assumeNotNull(user_id) AS user_id, event_type, occurred_at_ms, ifNull(revenue_kind, '') AS kind,
          ifNull(revenue_currency, '') AS cur, ifNull(revenue_amount_minor, 0) AS amount
        $RAW AND user_id IS NOT NULL LIMIT 1 BY organization_id, event_id)
  GROUP BY organization_id, user_id" \
  "$(fill "$SQL/cohort/signup-days.sql")"
bare partner-revenue "SELECT organization_id, currency, sum(if(event_type = 'invoice_paid', amount, -amount)) AS net_minor
  FROM (SELECT organization_id, event_id, event_type, assumeNotNull(revenue_currency) AS currency, ifNull(revenue_amount_minor, 0) AS amount
        FROM events WHERE event_type IN ('invoice_paid', 'invoice_refunded')
          AND occurred_at >= toDateTime($(date -u -d 2039-06-01 +%s)) AND occurred_at < toDateTime($(date -u -d 2039-07-01 +%s))
        ORDER BY organization_id, event_id, received_at_ms, occurred_at_ms LIMIT 1 BY organization_id, event_id)
  GROUP BY organization_id, currency"

echo "== PL/pgSQL baseline (seed's calculate_daily_revenue over the day's orders, then over its raw rows, in PostgreSQL)"
pg -f "$ROOT/batch-jobs/src/test/resources/seed/calculate_daily_revenue.sql" >/dev/null
# plpgsql_over CLICKHOUSE_SELECT: loads the select's rows as seed_reference.orders, then times the
# function over them; sets PG_ROWS, PG_LOAD_MS and PG_FUNCTION_MS
plpgsql_over() {
  pg -c "TRUNCATE seed_reference.orders" -c "DELETE FROM seed_reference.revenue_analytics WHERE extract(year FROM date) = 2039"
  local t=$(now_ms)
  ch -q "$1 FORMAT TabSeparated" | pg -c "\\copy seed_reference.orders FROM STDIN"
  pg -c "ANALYZE seed_reference.orders"
  PG_ROWS=$(pg -At -c "SELECT count(*) FROM seed_reference.orders")
  PG_LOAD_MS=$(( $(now_ms) - t ))
  t=$(now_ms)
  pg -c "SELECT seed_reference.calculate_daily_revenue('$DAY')" >/dev/null
  PG_FUNCTION_MS=$(( $(now_ms) - t ))
  pg -c "TRUNCATE seed_reference.orders"
}
# The day's orders, as the seed's table holds them: each sale once, with its refunds joined.
plpgsql_over "SELECT s.organization_id, s.currency, s.total, ifNull(r.refund, 0), s.discount, s.shipping, s.tax, 'paid',
         toString(s.occurred_at)
       FROM (SELECT organization_id, revenue_order_id AS order_id, revenue_currency AS currency, revenue_amount_minor AS total,
               revenue_discount_minor AS discount, revenue_shipping_minor AS shipping, revenue_tax_minor AS tax, occurred_at
             FROM events WHERE toYear(occurred_at) = 2039 AND event_type = 'order_completed'
             LIMIT 1 BY organization_id, event_id) AS s
       ANY LEFT JOIN (SELECT organization_id, revenue_order_id AS order_id, sum(revenue_amount_minor) AS refund
             FROM (SELECT organization_id, revenue_order_id, revenue_amount_minor FROM events
                   WHERE toYear(occurred_at) = 2039 AND event_type = 'order_refunded' LIMIT 1 BY organization_id, event_id)
             GROUP BY organization_id, order_id) AS r USING (organization_id, order_id)"
orders=$PG_ROWS; load_ms=$PG_LOAD_MS; PLPGSQL_MS=$PG_FUNCTION_MS
# The same raw rows as ClickHouse: every row of the day (duplicates included) as an orders row, sales
# 'paid' and the rest not, so PostgreSQL reads all of them (it deduplicates nothing and joins no
# refunds: a lower bound for PostgreSQL doing the job's work).
plpgsql_over "SELECT organization_id, ifNull(revenue_currency, ''), ifNull(revenue_amount_minor, 0),
         if(revenue_kind = 'refund', revenue_amount_minor, NULL), revenue_discount_minor, revenue_shipping_minor,
         revenue_tax_minor, multiIf(revenue_kind = 'sale', 'paid', revenue_kind = 'refund', 'refunded', 'none'),
         toString(occurred_at)
       $RAW"
all_rows=$PG_ROWS; all_load_ms=$PG_LOAD_MS; PLPGSQL_ALL_MS=$PG_FUNCTION_MS

BF_PER_DAY=${BACKFILL_EVENTS_PER_DAY:-200000}
declare -A BACKFILL_MS ONE_DAY_MS
if (( BF_PER_DAY > 0 )); then
echo "== 30-day backfill: 31 days of $BF_PER_DAY events (+1% duplicates) from 2039-08-01"
load_events "$(date -u -d 2039-08-01 +%s)" 31 $((BF_PER_DAY * 31)) 1000000000
for j in daily-metrics revenue-analytics cohort-analytics; do
  BACKFILL_MS[$j]=$(timed_batch "$j" --from 2039-08-01 --to 2039-08-30)
  ONE_DAY_MS[$j]=$(timed_batch "$j" --date 2039-08-31)   # the next night, same size: what one scheduled run costs
done
fi

echo
echo "Batch benchmark: $rows raw rows ($EVENTS events + 1% duplicates) on $DAY, $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-20s %10s %12s %10s %8s\n' job "job ms" "command ms" "bare ms" "ratio"
total_job=0; total_cmd=0; total_bare=0
for j in daily-metrics revenue-analytics cohort-analytics partner-revenue; do
  printf '%-20s %10d %12d %10d %8.2f\n' "$j" "${JOB_MS[$j]}" "${CMD_MS[$j]}" "${BARE_MS[$j]}" \
    "$(python3 -c "print(${JOB_MS[$j]} / max(1, ${BARE_MS[$j]}))")"
  total_job=$((total_job + JOB_MS[$j])); total_cmd=$((total_cmd + CMD_MS[$j])); total_bare=$((total_bare + BARE_MS[$j]))
done
printf '%-20s %10d %12d %10d %8.2f\n' "all four" "$total_job" "$total_cmd" "$total_bare" "$(python3 -c "print($total_job / max(1, $total_bare))")"
echo "PL/pgSQL calculate_daily_revenue over $orders orders: $PLPGSQL_MS ms (loading them: $load_ms ms);" \
  "revenue-analytics job is $(python3 -c "print(round($PLPGSQL_MS / max(1, ${JOB_MS[revenue-analytics]}), 2))")x faster"
echo "PL/pgSQL calculate_daily_revenue over the same $all_rows raw rows: $PLPGSQL_ALL_MS ms (loading them: $all_load_ms ms);" \
  "revenue-analytics job is $(python3 -c "print(round($PLPGSQL_ALL_MS / max(1, ${JOB_MS[revenue-analytics]}), 2))")x faster," \
  "its bare SQL $(python3 -c "print(round($PLPGSQL_ALL_MS / max(1, ${BARE_MS[revenue-analytics]}), 2))")x"
echo "where each job's time went (step ms):"
for j in daily-metrics revenue-analytics cohort-analytics partner-revenue; do echo "  $j: ${STEPS[$j]}"; done
if (( BF_PER_DAY > 0 )); then
echo "30-day backfill ($BF_PER_DAY events a day), whole commands:"
printf '%-20s %12s %12s %14s %8s\n' job "30 days ms" "1 day ms" "30 x 1 day ms" ratio
for j in daily-metrics revenue-analytics cohort-analytics; do
  printf '%-20s %12d %12d %14d %8.2f\n' "$j" "${BACKFILL_MS[$j]}" "${ONE_DAY_MS[$j]}" $((30 * ONE_DAY_MS[$j])) \
    "$(python3 -c "print(${BACKFILL_MS[$j]} / max(1, 30 * ${ONE_DAY_MS[$j]}))")"
done
fi
clean
