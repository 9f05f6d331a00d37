# infra/tally demo: the whole pipeline on generated data, with local defaults. Sourced by infra/tally.
# Every step is an ordinary launcher command, so what the demo does can be repeated by hand.

DEMO_DIR="$TALLY_HOME/demo"

demo_usage() {
  cat <<USAGE
Usage: infra/tally demo [--organizations N] [--days D] [--seed S]

Runs the whole pipeline end to end on generated data, with local defaults:
  1. infra/tally up                      PostgreSQL, ClickHouse, Kafka, migrations, topics
  2. infra/tally ingest start            the collector on 127.0.0.1:\${TALLY_INGEST_PORT:-8088}
     infra/tally stream start            the stream jobs in a local MiniCluster (web UI 127.0.0.1:18081)
  3. infra/tally generate                D days (35) of traffic for N organizations (20) through the
                                         HTTP API, with duplicates, out-of-order and late events; kept
                                         in \$TALLY_HOME/demo/events.ndjson
  4. a few malformed events              to show what a rejection looks like; then waits until the
                                         stream has loaded every accepted event into ClickHouse
  5. infra/tally batch ...               daily-metrics, revenue-analytics, cohort-analytics for every day
  6. partners, links, statements         3 partners, every organization linked to one; CSV and PDF
                                         statements for the last full month (infra/tally statements)
  7. a summary                           events accepted and rejected, rows per table, headline numbers,
                                         ClickHouse queries to try as the read-only analyst user, and
                                         the dashboard's URL (infra/tally dashboard, 127.0.0.1:18090)
--seed S (42) picks the generated organizations and traffic; another seed gives other organizations.
Running it again sends the same events again (same seed and days): they are duplicates, and the
numbers do not change. The servers, the collector, the stream and the dashboard keep running;
'infra/tally down' stops them.
USAGE
}

demo_step() { say ""; say "== $*"; }

demo_ch() {
  clickhouse-client --port "$TALLY_CH_TCP_PORT" -u "$TALLY_CH_USER" --password "$TALLY_CH_PASSWORD" \
    -d "$TALLY_CH_DATABASE" "$@"
}

demo_pg() {
  PGPASSWORD=$TALLY_PG_PASSWORD psql -X -q -At -h "$TALLY_PG_HOST" -p "$TALLY_PG_PORT" -U "$TALLY_PG_USER" \
    -d "$TALLY_PG_DATABASE" "$@"
}

# demo_batch <job> <args...>: one batch command as its own process; its progress goes to the terminal.
demo_batch() {
  "$TALLY_ROOT/infra/tally" batch "$@" >/dev/null || die "infra/tally batch $* failed; rerun that command to resume it"
}

# The collector's counter of events accepted or rejected, summed over its labels.
demo_counter() {
  curl -fsS "http://127.0.0.1:$(ingest_port)/metrics" | awk -v name="$1" '$1 ~ "^"name"({|$)" {s += $2} END {printf "%d", s}'
}

demo_rejections() {
  local org=d0000000-0000-4000-8000-0000000000de key
  key=$(run_ingest keys create --organization "$org" --name demo | grep -o 'tk_[A-Za-z0-9_-]*' | head -1)
  [[ -n "$key" ]] || die "could not create a write key for the rejection sample"
  curl -sS -u "$key:" -H 'Content-Type: application/json' "http://127.0.0.1:$(ingest_port)/v1/batch" --data-binary @- <<'JSON'
{"batch": [
  {"type": "track", "messageId": "demo-ok-1", "userId": "u-1", "event": "Page Viewed"},
  {"type": "track", "messageId": "demo-bad-1", "event": "Page Viewed", "timestamp": "2026-01-01T10:00:00Z"},
  {"type": "track", "messageId": "demo-bad-2", "userId": "u-1", "event": "Order Completed", "timestamp": "2026-01-01T10:00:00Z",
   "properties": {"order_id": "o-1", "total": 12.5, "currency": "JPY"}},
  {"type": "track", "messageId": "demo-bad-3", "userId": "u-1", "event": "Order Completed", "timestamp": "2026-01-01T10:00:00Z",
   "properties": {"order_id": "o-2", "total": 10, "currency": "XXY"}}
]}
JSON
  say ""
}

# Waits until ClickHouse holds at least <expected> distinct (organization, event) received since <epoch
# ms>, showing progress. Distinct, not rows: the stream loads every accepted copy, and ReplacingMergeTree
# may already have folded a duplicate's copies in a background merge (a count of rows then never gets there).
demo_wait_for_stream() {
  local since_ms=$1 expected=$2 loaded=0 deadline=$((SECONDS + 600))
  while (( SECONDS < deadline )); do
    loaded=$(demo_ch -q "SELECT uniqExact(organization_id, event_id) FROM events WHERE received_at_ms >= $since_ms")
    say "stream: $loaded of $expected events in ClickHouse"
    (( loaded >= expected )) && return 0
    sleep 5
  done
  die "the stream loaded $loaded of $expected events in 10 minutes; see 'infra/tally stream status' and its log"
}

# Three partners (seed 000 columns) and a link from every generated organization (the shop) to one of
# them, round robin, active from the first generated day; the first link has its own rate.
demo_partners() {
  local first=$1 i=0 shop
  local partners=(d0000000-0000-4000-8000-0000000000a1 d0000000-0000-4000-8000-0000000000a2 d0000000-0000-4000-8000-0000000000a3)
  cat > "$DEMO_DIR/partners.csv" <<CSV
id,name,type,contact_email,commission_rate
${partners[0]},Northwind Resellers,reseller,finance@northwind.example,0.1500
${partners[1]},Contoso Affiliates,affiliate,billing@contoso.example,0.0800
${partners[2]},Fabrikam Integrations,integration,ap@fabrikam.example,0.1250
CSV
  printf 'shop_id,partner_id,referral_code,custom_commission_rate,activated_at\n' > "$DEMO_DIR/links.csv"
  for shop in $(grep -o '"organization_id":"[^"]*"' "$DEMO_DIR/events.ndjson" | cut -d'"' -f4 | sort -u); do
    printf '%s,%s,DEMO-%02d,%s,%sT00:00:00Z\n' "$shop" "${partners[i % 3]}" "$i" "$([[ $i == 0 ]] && echo 0.2000)" "$first" \
      >> "$DEMO_DIR/links.csv"
    i=$((i + 1))
  done
  "$TALLY_ROOT/infra/tally" partners import "$DEMO_DIR/partners.csv" || die "importing the demo partners failed"
  "$TALLY_ROOT/infra/tally" partners links import "$DEMO_DIR/links.csv" || die "importing the demo partner links failed"
}

demo_summary() {
  local first=$1 last=$2 elapsed=$3 month=$4
  demo_step "7/7 summary (${elapsed}s)"
  say "events accepted by the collector: $(demo_counter tally_ingest_events_accepted_total)," \
    "rejected: $(demo_counter tally_ingest_events_rejected_total), dead-lettered: $(demo_counter tally_ingest_events_dead_lettered_total)"
  say "generated events sent (with duplicates): $(wc -l < "$DEMO_DIR/events.ndjson"), kept in $DEMO_DIR/events.ndjson"
  say "partner statements (CSV and PDF per partner, summary.csv): ${TALLY_STATEMENTS_DIR:-$TALLY_HOME/statements}/$month/"
  say ""
  say "rows per table, PostgreSQL (system of record for the rollups):"
  local t
  for t in daily_metrics agent_metrics revenue_analytics cohort_analytics partner_revenue user_sessions rolling_metrics; do
    printf '  %-20s %s\n' "$t" "$(demo_pg -c "SELECT count(*) FROM $t")"
  done
  say "rows per table, ClickHouse (for analysts):"
  for t in events metrics_minute daily_metrics agent_metrics revenue_analytics cohort_analytics partner_revenue; do
    printf '  %-20s %s\n' "$t" "$(demo_ch -q "SELECT count() FROM $t")"
  done
  say ""
  say "headline numbers, $first to $last:"
  sed -e "s/{first}/$first/g; s/{last}/$last/g" "$TALLY_ROOT/infra/local/demo-headlines.sql" \
    | demo_ch --multiquery --format PrettyCompactNoEscapes
  say ""
  say "Try these as the read-only analyst user (guide: docs/analyst-guide.md):"
  local client="clickhouse-client --port $TALLY_CH_TCP_PORT -u $TALLY_CH_ANALYST_USER --password \"\$TALLY_CH_ANALYST_PASSWORD\" -d $TALLY_CH_DATABASE"
  say "  source $LOCAL_ENV"
  say "  $client -q \"SELECT date, sum(unique_users) AS active_users FROM daily_metrics FINAL GROUP BY date ORDER BY date DESC LIMIT 7\""
  say "  $client -q \"SELECT currency, sum(net_revenue_cents) AS net_minor_units FROM revenue_analytics FINAL GROUP BY currency ORDER BY currency\""
  say "  $client -q \"SELECT agent_id, sum(message_count) AS messages, round(avg(satisfaction_score), 2) AS satisfaction FROM agent_metrics FINAL GROUP BY agent_id ORDER BY messages DESC LIMIT 5\""
  say ""
  say "The stack, the collector, the stream and the dashboard keep running: 'infra/tally status',"
  say "'infra/tally stream status', 'infra/tally down' to stop them all. Flink's web UI: http://127.0.0.1:$(flink_rest_port)"
  dashboard_start >/dev/null
  say ""
  say "Dashboard (live events, active users, revenue, retention, partner statements): $(dashboard_url)"
}

cmd_demo() {
  local organizations=20 days=35 seed=42
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) demo_usage; return 0 ;;
      --organizations) organizations=${2:?--organizations needs a number}; shift 2 ;;
      --days) days=${2:?--days needs a number}; shift 2 ;;
      --seed) seed=${2:?--seed needs a number}; shift 2 ;;
      *) usage_error "demo: unknown argument '$1'; see infra/tally demo --help" ;;
    esac
  done
  [[ "$organizations" =~ ^[1-9][0-9]*$ ]] || usage_error "demo: --organizations must be a positive number (got '$organizations')"
  [[ "$days" =~ ^[1-9][0-9]*$ && "$days" -le 366 ]] || usage_error "demo: --days must be 1 to 366 (got '$days')"
  [[ "$seed" =~ ^[0-9]{1,18}$ ]] || usage_error "demo: --seed must be a whole number (got '$seed')"
  local started first last
  started=$(date +%s)
  first=$(date -u -d "$days days ago" +%F)
  last=$(date -u -d yesterday +%F)
  mkdir -p "$DEMO_DIR"
  printf '%s %s\n' "$first" "$last" > "$DEMO_DIR/days"   # what the nightly jobs ran for, for the end-to-end tests

  demo_step "1/7 the stack"
  cmd_up
  demo_step "2/7 the collector and the stream jobs"
  ingest_start
  stream_start
  local sent_since_ms
  sent_since_ms=$(( $(date +%s) * 1000 ))
  demo_step "3/7 $days days of traffic ($first to $last) for $organizations organizations, through the HTTP API"
  run_ingest generate --organizations "$organizations" --days "$days" --start "$first" --seed "$seed" --out "$DEMO_DIR/events.ndjson"
  demo_step "4/7 a request with one good and three bad events (the answer names each field and rule)"
  demo_rejections
  # every distinct generated event, and the rejection sample's good one
  demo_wait_for_stream "$sent_since_ms" $(( $(jq -r '[.organization_id, .message.messageId] | @tsv' "$DEMO_DIR/events.ndjson" \
    | sort -u | wc -l) + 1 ))
  demo_step "5/7 nightly jobs for every day ($first to $last)"
  local job
  for job in daily-metrics revenue-analytics cohort-analytics; do
    demo_batch "$job" --from "$first" --to "$last"
  done
  demo_step "6/7 partners, links and their statements for the last full month"
  demo_partners "$first"
  local month
  month=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)
  "$TALLY_ROOT/infra/tally" statements generate --period-type monthly --period "$month" \
    || die "generating the statements of $month failed; rerun: infra/tally statements generate --period-type monthly --period $month"
  demo_summary "$first" "$last" $(( $(date +%s) - started )) "$month"
}
