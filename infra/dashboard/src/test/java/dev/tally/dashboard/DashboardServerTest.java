package dev.tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * The server on its own, with nothing listening where ClickHouse should be: the page and uPlot come
 * from the jar, a bad parameter is refused by name before any query, and an unreachable ClickHouse
 * answers 503 with the reason, never a stack trace.
 */
class DashboardServerTest {

  static Dashboard dashboard;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Properties nobody = new Properties();
    nobody.setProperty("compress", "false");
    dashboard = Dashboard.start(new AnalystClickHouse(new ClickHouseDataSource("jdbc:clickhouse://127.0.0.1:1/tally", nobody)), 0);
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(dashboard.url() + path.substring(1))).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageAndItsChartLibraryAreServedFromTheJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/dashboard.js").doesNotContain("https://");
    assertThat(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").body()).contains("uPlot");
    assertThat(get("/dashboard.js").statusCode()).isEqualTo(200);
  }

  @Test
  void aBadParameterIsRefusedByNameWithItsRule() throws Exception {
    HttpResponse<String> answer = get("/api/cohorts?period=year");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).isEqualTo("{\"error\":\"period: must be day, week or month, was 'year'\"}");
  }

  @Test
  void anUnreachableClickHouseIs503WithTheReason() throws Exception {
    HttpResponse<String> answer = get("/api/live");

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).startsWith("{\"error\":\"ClickHouse did not answer the query: ").doesNotContain("at dev.tally");
  }
}
