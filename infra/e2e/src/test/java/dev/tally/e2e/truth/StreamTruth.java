package dev.tally.e2e.truth;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.RevenueKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stream's per-minute totals ({@code metrics_minute}) summed per organization and UTC day, by
 * The rolling-metric definitions of docs/architecture.md, from deduplicated events: every event counts in its minute
 * except those the stream reported too late for it (on the late topic), which count nowhere there.
 * Long format, one measure per row, so a difference names the measure:
 * {@code organization|day|measure|value} with measures {@code events}, {@code messages},
 * {@code tokens}, {@code type:<event type>} and {@code revenue:<currency>} (sales − refunds, minor
 * units), sorted.
 */
public final class StreamTruth {

  private StreamTruth() {}

  /** @param tooLate {@code organization/event_id} of the events the stream reported too late for their minute */
  public static List<String> dailyTotals(Collection<AnalyticsEvent> events, Set<String> tooLate) {
    Map<String, Long> totals = new TreeMap<>();
    for (AnalyticsEvent e : events) {
      if (tooLate.contains(e.getOrganizationId() + "/" + e.getEventId())) {
        continue;
      }
      String day = e.getOrganizationId() + "|" + Truth.day(e) + "|";
      totals.merge(day + "events", 1L, Long::sum);
      totals.merge(day + "messages", e.getEventType().equals("message_sent") ? 1L : 0L, Long::sum);
      Long tokens = e.getUsage() == null ? null : e.getUsage().getTokens();
      totals.merge(day + "tokens", tokens == null ? 0L : tokens, Long::sum);
      totals.merge(day + "type:" + e.getEventType(), 1L, Long::sum);
      if (e.getRevenue() != null) {
        long amount = e.getRevenue().getAmountMinor();
        totals.merge(day + "revenue:" + e.getRevenue().getCurrency(),
            e.getRevenue().getKind() == RevenueKind.sale ? amount : -amount, Long::sum);
      }
    }
    List<String> rows = new ArrayList<>();
    totals.forEach((key, value) -> rows.add(key + "|" + value));
    return rows;
  }
}
