package dev.tally.batch.retention;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which raw events partitions (months, {@code toYYYYMM(occurred_at)}) may be dropped: those whose
 * last day is before the horizon, unless a nightly job has not yet completed a day they hold. A
 * partition is kept, with the reason, when any of its days lacks a completed run of a daily job,
 * or, when it holds invoices, its month lacks a completed monthly partner-revenue run.
 */
public final class RetentionPlan {

  /** The jobs that read raw events per day. */
  public static final List<String> DAILY_JOBS = List.of("daily-metrics", "revenue-analytics", "cohort-analytics");

  private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyyMM");

  /** A partition and its fate. @param reason why it is kept, or null when it is dropped */
  public record Decision(String partition, boolean drop, String reason) {}

  /** What a partition holds. @param days the days of its events; hasInvoices whether it holds invoice events */
  public record Partition(String id, Set<LocalDate> days, boolean hasInvoices) {}

  private RetentionPlan() {}

  /** The first month that is kept whatever its jobs: partitions of months before it are expired. */
  public static YearMonth firstKeptMonth(LocalDate date, int retentionDays) {
    LocalDate horizon = date.minusDays(retentionDays);
    return YearMonth.from(horizon);
  }

  /** The first day of a partition's month ({@code 202611} to 2026-11-01). */
  public static LocalDate firstDay(String partition) {
    return YearMonth.parse(partition, PARTITION).atDay(1);
  }

  /** True when every day of the partition's month is before the horizon (date minus retentionDays). */
  public static boolean expired(String partition, LocalDate date, int retentionDays) {
    return YearMonth.parse(partition, PARTITION).isBefore(firstKeptMonth(date, retentionDays));
  }

  /**
   * @param expired the expired partitions, with their days and invoices
   * @param completedDays job name to the dates it has completed
   * @param completedMonths the months (YYYY-MM) that monthly partner-revenue has completed
   */
  public static List<Decision> decide(Collection<Partition> expired, Map<String, Set<LocalDate>> completedDays,
      Set<String> completedMonths) {
    List<Decision> decisions = new ArrayList<>();
    for (Partition p : expired) {
      Map<String, LocalDate> missing = new TreeMap<>();
      for (String job : DAILY_JOBS) {
        p.days().stream().sorted().filter(d -> !completedDays.getOrDefault(job, Set.of()).contains(d)).findFirst()
            .ifPresent(d -> missing.put(job, d));
      }
      String month = YearMonth.parse(p.id(), PARTITION).toString();
      if (!missing.isEmpty()) {
        StringBuilder reason = new StringBuilder();
        missing.forEach((job, day) -> reason.append(reason.length() == 0 ? "" : ", ").append(job).append(" has not completed ").append(day));
        decisions.add(new Decision(p.id(), false, reason.toString()));
      } else if (p.hasInvoices() && !completedMonths.contains(month)) {
        decisions.add(new Decision(p.id(), false, "partner-revenue monthly has not completed " + month));
      } else {
        decisions.add(new Decision(p.id(), true, null));
      }
    }
    return decisions;
  }
}
