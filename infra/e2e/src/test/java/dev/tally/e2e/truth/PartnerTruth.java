package dev.tally.e2e.truth;

import dev.tally.schemas.event.AnalyticsEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code partner_revenue} by docs/architecture.md (Partner commissions), for shops and partners as the demo imports them (CSV files,
 * nothing approved yet, no partner deleted): per (partner, shop, currency, period) the shop's
 * {@code invoice_paid} minus {@code invoice_refunded} amounts from the link's activation to the end
 * of the period, commission = that × (the link's rate, else the partner's) rounded half-even to the
 * currency's minor unit, both stored as 0 when the net is negative. Plain Java, sharing no code
 * with the job.
 */
public final class PartnerTruth {

  /** A partner's default rate. */
  public record Partner(String id, BigDecimal rate) {}

  /** A shop's link to a partner; {@code customRate} is null when the partner's rate applies. */
  public record Link(String shopId, String partnerId, BigDecimal customRate, Instant activatedAt) {}

  /** A period with its first and last day (both included). */
  public record Period(String type, LocalDate start, LocalDate end) {

    public static Period month(LocalDate day) {
      LocalDate start = day.withDayOfMonth(1);
      return new Period("monthly", start, start.plusMonths(1).minusDays(1));
    }

    public static Period quarter(LocalDate day) {
      LocalDate start = day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
      return new Period("quarterly", start, start.plusMonths(3).minusDays(1));
    }

    /** As {@code infra/tally batch partner-revenue --period} writes it: 2026-11, 2026-Q4. */
    public String label() {
      return type.equals("monthly") ? start.toString().substring(0, 7)
          : start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
    }
  }

  private PartnerTruth() {}

  /**
   * partner|shop|currency|revenue|commission|rate|period type|period start|period end|status, amounts
   * with three decimals as DECIMAL(15,3) prints them, sorted.
   */
  public static List<String> rows(Collection<AnalyticsEvent> events, Map<String, Partner> partners, List<Link> links,
      List<Period> periods) {
    List<String> rows = new ArrayList<>();
    for (Period period : periods) {
      Instant start = period.start().atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = period.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      for (Link link : links) {
        Instant from = link.activatedAt().isAfter(start) ? link.activatedAt() : start;
        Map<String, Long> net = new TreeMap<>();
        for (AnalyticsEvent e : events) {
          boolean paid = e.getEventType().equals("invoice_paid");
          boolean refunded = e.getEventType().equals("invoice_refunded");
          if ((paid || refunded) && e.getOrganizationId().equals(link.shopId()) && e.getRevenue() != null
              && !e.getOccurredAt().isBefore(from) && e.getOccurredAt().isBefore(end)) {
            long amount = e.getRevenue().getAmountMinor();
            net.merge(e.getRevenue().getCurrency(), paid ? amount : -amount, Long::sum);
          }
        }
        BigDecimal rate = link.customRate() != null ? link.customRate() : partners.get(link.partnerId()).rate();
        net.forEach((currency, minor) -> {
          BigDecimal revenue = BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
          BigDecimal commission = revenue.multiply(rate)
              .setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
          if (minor < 0) {
            revenue = BigDecimal.ZERO;
            commission = BigDecimal.ZERO;
          }
          rows.add(String.join("|", link.partnerId(), link.shopId(), currency, revenue.setScale(3).toPlainString(),
              commission.setScale(3).toPlainString(), rate.setScale(4).toPlainString(), period.type(),
              period.start().toString(), period.end().toString(), "calculated"));
        });
      }
    }
    rows.sort(null);
    return rows;
  }

  /** The partners of a CSV with a header naming at least {@code id} and {@code commission_rate}. */
  public static Map<String, Partner> partners(Path csv) throws IOException {
    Map<String, Partner> partners = new HashMap<>();
    for (Map<String, String> row : csv(csv)) {
      partners.put(row.get("id"), new Partner(row.get("id"), new BigDecimal(row.get("commission_rate"))));
    }
    return partners;
  }

  /** The links of a CSV with {@code shop_id, partner_id, custom_commission_rate, activated_at} columns. */
  public static List<Link> links(Path csv) throws IOException {
    List<Link> links = new ArrayList<>();
    for (Map<String, String> row : csv(csv)) {
      String custom = row.get("custom_commission_rate");
      links.add(new Link(row.get("shop_id"), row.get("partner_id"), custom.isEmpty() ? null : new BigDecimal(custom),
          Instant.parse(row.get("activated_at"))));
    }
    return links;
  }

  /** Rows of a simple CSV (no quoting: the demo writes none) by header name. */
  private static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] values = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], values[i]);
      }
      rows.add(row);
    }
    return rows;
  }
}
