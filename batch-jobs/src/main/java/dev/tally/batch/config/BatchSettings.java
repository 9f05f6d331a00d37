package dev.tally.batch.config;

import dev.tally.schemas.config.InvalidSetting;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Currency;

/**
 * The batch jobs' configuration, typed and validated once: the pipeline-wide time zone in which
 * days begin, the reporting currency of cohort revenue, the raw-event retention horizon, and where
 * partner statements are written.
 *
 * @param zone never null
 * @param reportingCurrency ISO 4217 code, never null
 * @param retentionDays at least 1
 * @param statementsDir folder of partner statements (TALLY_STATEMENTS_DIR), never null
 */
public record BatchSettings(ZoneId zone, String reportingCurrency, int retentionDays, Path statementsDir) {

  public BatchSettings {
    if (retentionDays < 1) {
      throw new InvalidSetting(Setting.RETENTION_DAYS, "must be at least 1, was " + retentionDays);
    }
  }

  public static BatchSettings from(TallySettings settings) {
    ZoneId zone;
    try {
      zone = ZoneId.of(settings.get(Setting.TIME_ZONE));
    } catch (DateTimeException e) {
      throw new InvalidSetting(Setting.TIME_ZONE, "is not a time zone: " + e.getMessage(), e);
    }
    String currency = settings.get(Setting.REPORTING_CURRENCY);
    try {
      Currency.getInstance(currency);
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting(Setting.REPORTING_CURRENCY, "is not an ISO 4217 currency: '" + currency + "'", e);
    }
    // the stores' settings are read later, while Spring builds the data sources; checked here, a bad
    // one is named before anything starts
    settings.postgresJdbcUrl();
    settings.clickhouseJdbcUrl();
    return new BatchSettings(zone, currency, settings.getInt(Setting.RETENTION_DAYS), settings.path(Setting.STATEMENTS_DIR));
  }

  /** Yesterday in the pipeline's time zone: the default date of every nightly job. */
  public LocalDate yesterday() {
    return ZonedDateTime.now(zone).toLocalDate().minusDays(1);
  }
}
