package dev.tally.dashboard;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code infra/tally dashboard}: serves the dashboard on 127.0.0.1:TALLY_DASHBOARD_PORT until stopped
 * (TERM); the server's threads keep the JVM running.
 */
public final class DashboardCommand {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardCommand.class);

  private DashboardCommand() {}

  public static void main(String[] args) {
    TallySettings settings = TallySettings.load();
    settings.validate();
    Dashboard dashboard = Dashboard.start(new AnalystClickHouse(DataSources.clickhouseAnalyst(settings)),
        settings.getInt(Setting.DASHBOARD_PORT));
    Runtime.getRuntime().addShutdownHook(new Thread(dashboard::close, "dashboard-shutdown"));
    LOG.info("dashboard at {}", dashboard.url());
  }
}
