package dev.tally.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's web server (Javalin) on 127.0.0.1: the page and its scripts from the jar (uPlot from
 * its WebJar), and one JSON endpoint per panel under {@code /api}, each reading ClickHouse as the
 * analyst. The browser never talks to ClickHouse. A bad parameter gets 400 naming it; ClickHouse
 * down gets 503; neither shows a stack trace.
 */
public final class Dashboard implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
  static final String HOST = "127.0.0.1";

  private final AnalystClickHouse clickHouse;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Javalin app;

  Dashboard(AnalystClickHouse clickHouse, int port, Clock clock) {
    this.clickHouse = clickHouse;
    this.clock = clock;
    this.app = Javalin.create(javalin -> {
      javalin.startup.showJavalinBanner = false;
      javalin.startup.showOldJavalinVersionWarning = false;
      javalin.jetty.host = HOST;
      javalin.jetty.port = port;
      javalin.staticFiles.add("/dashboard", Location.CLASSPATH);
      javalin.staticFiles.enableWebjars();
      javalin.routes.get("/api/organizations", ctx -> ctx.json(Map.of("organizations",
          clickHouse.rows("organizations.sql", Map.of()).stream().map(r -> r.get("organization_id")).toList())));
      javalin.routes.get("/api/live", ctx -> ctx.json(live(PanelRequest.of(ctx::queryParam))));
      javalin.routes.get("/api/daily", ctx -> ctx.json(Panels.daily(
          clickHouse.rows("daily.sql", PanelRequest.of(ctx::queryParam).organizationParameters()))));
      javalin.routes.get("/api/revenue", ctx -> ctx.json(Panels.revenue(
          clickHouse.rows("revenue.sql", PanelRequest.of(ctx::queryParam).organizationParameters()))));
      javalin.routes.get("/api/cohorts", ctx -> ctx.json(cohorts(PanelRequest.of(ctx::queryParam))));
      javalin.routes.get("/api/statements", ctx -> ctx.json(statements(PanelRequest.of(ctx::queryParam))));
      javalin.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      javalin.routes.exception(PanelRequest.Refused.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
      javalin.routes.exception(AnalystClickHouse.WarehouseUnavailable.class, (e, ctx) -> {
        LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        error(ctx, 503, e.getMessage());
      });
      javalin.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error; this is a bug in the dashboard");
      });
    });
  }

  /** Starts a dashboard on 127.0.0.1:{@code port} (0: any free port). */
  static Dashboard start(AnalystClickHouse clickHouse, int port) {
    Dashboard dashboard = new Dashboard(clickHouse, port, Clock.systemUTC());
    dashboard.app.start();
    return dashboard;
  }

  int port() {
    return app.port();
  }

  /** The page's address. */
  String url() {
    return "http://" + HOST + ":" + port() + "/";
  }

  private Map<String, Object> live(PanelRequest request) {
    long firstMinute = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES).minus(59, ChronoUnit.MINUTES).getEpochSecond();
    return Panels.live(clickHouse.rows("live-minutes.sql", request.organizationParameters()), firstMinute);
  }

  private Map<String, Object> cohorts(PanelRequest request) {
    Map<String, Object> parameters = new HashMap<>(request.organizationParameters());
    parameters.put("period_type", request.cohortPeriod());
    parameters.put("since", request.firstCohort(LocalDate.now(clock.withZone(ZoneOffset.UTC))).toString());
    return Panels.cohorts(clickHouse.rows("cohorts.sql", parameters), request.cohortPeriod());
  }

  private Map<String, Object> statements(PanelRequest request) {
    List<Map<String, Object>> periods = clickHouse.rows("statement-periods.sql", Map.of());
    String type = request.periodType();
    LocalDate start = request.periodStart();
    if (start == null) { // the newest period of the type, if any
      start = periods.stream().filter(p -> type.equals(p.get("period_type")))
          .map(p -> LocalDate.parse((String) p.get("period_start"))).findFirst().orElse(null);
    }
    List<Map<String, Object>> rows = start == null ? List.of()
        : clickHouse.rows("statements.sql", Map.of("period_type", type, "period_start", start.toString()));
    return Panels.statements(periods, type, start, rows);
  }

  private void error(Context ctx, int status, String message) {
    ctx.status(status).json(json.createObjectNode().put("error", message));
  }

  @Override
  public void close() {
    app.stop();
  }
}
