package dev.tally.batch.config;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The batch jobs' configuration, typed and validated once: the pipeline-wide time zone in which
 * days begin, the reporting currency of cohort revenue, the raw-event retention horizon, how many
 * days apart copies of a resent message are still one event, where partner statements are written and
 * where each command leaves its runs' metrics.
 *
 * @param zone never null
 * @param reportingCurrency ISO 4217 code, never null
 * @param retentionDays at least 1
 * @param resendWindowDays at least 1
 * @param statementsDir folder of partner statements (TALLY_STATEMENTS_DIR), never null
 * @param metricsDir folder of the runs' Prometheus text files (TALLY_BATCH_METRICS_DIR), never null
 */
public record BatchSettings(ZoneId zone, String reportingCurrency, int retentionDays, int resendWindowDays,
    Path statementsDir, Path metricsDir) {

  public static BatchSettings from(TallySettings settings) {
    // every value against its Setting's rule, the stores' ones included (read later, while Spring builds
    // the data sources): a bad one is named before anything starts
    settings.validate();
    return new BatchSettings(ZoneId.of(settings.get(Setting.TIME_ZONE)), settings.get(Setting.REPORTING_CURRENCY),
        settings.getInt(Setting.RETENTION_DAYS), settings.getInt(Setting.RESEND_WINDOW_DAYS), settings.path(Setting.STATEMENTS_DIR),
        settings.path(Setting.BATCH_METRICS_DIR));
  }

  /** Yesterday in the pipeline's time zone: the default date of every nightly job. */
  public LocalDate yesterday() {
    return ZonedDateTime.now(zone).toLocalDate().minusDays(1);
  }
}
