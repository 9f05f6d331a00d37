package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.dashboard.AnalystClickHouse;
import dev.tally.dashboard.PanelRequest;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium, driven by Selenium through its
 * chromedriver) on the demo's data: every panel shows what its query returns to the analyst user, the
 * live chart rises after events are sent through the collector, and the page's weight and load time
 * are measured. Screenshot and figures go to {@code infra/e2e/target/}.
 */
@ExtendWith(DemoRun.Data.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

  static final Path TARGET = Launcher.ROOT.resolve("infra/e2e/target");
  static final TallySettings SETTINGS = TallySettings.load();
  static final AnalystClickHouse ANALYST = new AnalystClickHouse(DataSources.clickhouseAnalyst(SETTINGS));
  static final Map<String, Object> EVERYONE = PanelRequest.of(name -> null).organizationParameters();

  static ChromeDriver browser;
  static String url;

  @BeforeAll
  static void openTheDashboard() throws Exception {
    // what the demo started, an earlier test class may have stopped
    for (String[] command : List.of(new String[] {"ingest", "start"}, new String[] {"stream", "start"},
        new String[] {"dashboard", "start"})) {
      Launcher.Result started = Launcher.run(5, command);
      assertThat(started.exitCode()).as(String.join(" ", command) + "\n" + started.output()).isZero();
    }
    url = "http://127.0.0.1:" + SETTINGS.getInt(Setting.DASHBOARD_PORT) + "/";
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1900", "--disable-extensions", "--no-first-run");
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void everyPanelShowsWhatItsQueryReturns() throws Exception {
    open();

    Map<String, Object> page = script("return {"
        + "live: tally.charts.live.data, daily: tally.charts.daily.data, revenue: tally.charts.revenue.data,"
        + "revenueLabels: tally.charts.revenue.series.slice(1).map(s => s.label),"
        + "canvases: ['live', 'daily', 'revenue'].map(p => document.querySelectorAll('#' + p + ' .chart canvas').length),"
        + "period: document.getElementById('period').value}");
    assertThat((List<?>) page.get("canvases")).as("a chart drawn in each chart panel").allSatisfy(n -> assertThat((Long) n).isPositive());

    // daily active users and messages
    List<Map<String, Object>> daily = ANALYST.rows("daily.sql", EVERYONE);
    assertThat(daily).as("the demo's days").isNotEmpty();
    List<List<Object>> dailyChart = series(page.get("daily"));
    assertThat(dailyChart.get(0)).containsExactlyElementsOf(daily.stream().map(r -> (Object) epochOfDay((String) r.get("day"))).toList());
    assertThat(dailyChart.get(1)).containsExactlyElementsOf(daily.stream().map(r -> r.get("active_users")).toList());
    assertThat(dailyChart.get(2)).containsExactlyElementsOf(daily.stream().map(r -> r.get("messages")).toList());

    // net revenue by currency, in major units with the currency's decimals
    List<Map<String, Object>> revenue = ANALYST.rows("revenue.sql", EVERYONE);
    assertThat(revenue).as("the demo's sales").isNotEmpty();
    List<List<Object>> revenueChart = series(page.get("revenue"));
    List<?> currencies = (List<?>) page.get("revenueLabels");
    Map<String, BigDecimal> totals = new HashMap<>();
    for (Map<String, Object> row : revenue) {
      String currency = (String) row.get("currency");
      int decimals = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
      BigDecimal major = BigDecimal.valueOf((Long) row.get("net_minor"), decimals);
      int day = revenueChart.get(0).indexOf(epochOfDay((String) row.get("day")));
      Object drawn = revenueChart.get(1 + currencies.indexOf(currency)).get(day);
      assertThat(new BigDecimal(drawn.toString())).as(row.toString()).isEqualByComparingTo(major);
      totals.merge(currency, major, BigDecimal::add);
    }
    Map<String, String> totalsShown = new HashMap<>();
    for (WebElement tr : browser.findElements(By.cssSelector("#revenue .numbers tbody tr"))) {
      List<WebElement> cells = tr.findElements(By.tagName("td"));
      totalsShown.put(cells.get(0).getText(), cells.get(1).getText());
    }
    totals.forEach((currency, total) -> assertThat(totalsShown.get(currency)).as(currency).isEqualTo(total.toPlainString()));

    // the weekly retention grid
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, Object> cohortParameters = new HashMap<>(EVERYONE);
    cohortParameters.put("period_type", "week");
    cohortParameters.put("since", PanelRequest.of(name -> null).firstCohort(today).toString());
    List<Map<String, Object>> cohorts = ANALYST.rows("cohorts.sql", cohortParameters);
    assertThat(cohorts).as("the demo's sign-ups").isNotEmpty();
    List<List<String>> grid = table("#cohorts .grid tbody tr");
    for (Map<String, Object> row : cohorts) {
      List<String> line = grid.stream().filter(l -> l.get(0).equals(row.get("cohort"))).findFirst().orElseThrow();
      long users = (Long) row.get("users");
      String expected = BigDecimal.valueOf((Long) row.get("active") * 100).divide(BigDecimal.valueOf(users), 2, RoundingMode.HALF_EVEN) + "%";
      long latest = cohorts.stream().filter(r -> r.get("cohort").equals(row.get("cohort")))
          .max(java.util.Comparator.comparing(r -> (Long) r.get("period_number"))).map(r -> (Long) r.get("users")).orElseThrow();
      assertThat(line.get(1)).as("the cohort's users as its latest period counts them").isEqualTo(Long.toString(latest));
      assertThat(line.get(2 + ((Long) row.get("period_number")).intValue())).as(row.toString()).isEqualTo(expected);
    }

    // partner statements of the period shown (the newest monthly one)
    String[] period = ((String) page.get("period")).split("\\|");
    List<Map<String, Object>> statements = ANALYST.rows("statements.sql", Map.of("period_type", period[0], "period_start", period[1]));
    assertThat(statements).as("the demo's statements").isNotEmpty();
    assertThat(table("#statements .rows tbody tr")).containsExactlyElementsOf(statements.stream()
        .map(r -> List.of(r.get("partner_id"), r.get("shop_id"), r.get("currency"), r.get("revenue"), r.get("commission"),
            r.get("status"), r.get("payment_reference")).stream().map(Object::toString).toList()).toList());

    // the live hour, but for its last two minutes (the stream may still be adding to them)
    List<Map<String, Object>> live = ANALYST.rows("live-minutes.sql", EVERYONE);
    List<List<Object>> liveChart = series(page.get("live"));
    long settled = Instant.now().getEpochSecond() / 60 * 60 - 120;
    for (Map<String, Object> row : live) {
      int at = liveChart.get(0).indexOf(row.get("minute"));
      if ((Long) row.get("minute") < settled && at >= 0) {
        assertThat(liveChart.get(1).get(at)).as("minute " + row.get("minute")).isEqualTo(row.get("events"));
      }
    }
  }

  @Test
  @Order(2)
  void theLiveChartRisesAfterEventsAreSent() throws Exception {
    open();
    long before = (Long) script("return tally.panels.live.total");
    int refreshes = ((Long) script("return tally.refreshes")).intValue();

    int sent = sendEventsNow(25);

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    long shown = before;
    while (shown < before + sent && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      shown = (Long) script("return tally.charts.live.data[1].reduce((a, b) => a + b, 0)");
    }
    assertThat(shown).as("events in the live chart's hour, %d before %d were sent", before, sent).isGreaterThanOrEqualTo(before + sent);
    assertThat(((Long) script("return tally.refreshes")).intValue()).as("the page refreshed itself, not reloaded").isGreaterThan(refreshes);
    Files.createDirectories(TARGET);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), TARGET.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(3)
  void thePageIsLightAndQuick() throws Exception {
    // a fresh page with an empty cache: every byte the browser fetched, and when the panels were drawn
    browser.manage().deleteAllCookies();
    browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
    open();
    Map<String, Object> timing = script("const nav = performance.getEntriesByType('navigation')[0];"
        + "const resources = performance.getEntriesByType('resource');"
        + "return {bytes: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0),"
        + "requests: 1 + resources.length, load_ms: Math.round(nav.loadEventEnd), ready_ms: Math.round(tally.loadedAt)}");
    String figures = String.format("page weight %,d bytes in %d requests; load event at %d ms; all five panels drawn at %d ms%n",
        timing.get("bytes"), timing.get("requests"), timing.get("load_ms"), timing.get("ready_ms"));
    System.out.print("dashboard: " + figures);
    Files.writeString(TARGET.resolve("dashboard-page.txt"), figures, StandardCharsets.UTF_8);
    assertThat((Long) timing.get("bytes")).as("page weight").isLessThan(200_000L);
    assertThat((Long) timing.get("ready_ms")).as("ms until every panel is drawn").isLessThan(10_000L);
  }

  private static void open() {
    browser.get(url);
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> "ready".equals(
        ((JavascriptExecutor) b).executeScript("return document.body.dataset.state")));
    assertThat(browser.findElements(By.cssSelector("section.panel"))).hasSize(5)
        .allSatisfy(panel -> assertThat(panel.getAttribute("data-state")).as(panel.getAttribute("id")).isEqualTo("ready"));
  }

  @SuppressWarnings("unchecked")
  private static <T> T script(String js) {
    return (T) browser.executeScript(js);
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>> series(Object chartData) {
    return (List<List<Object>>) chartData;
  }

  private static long epochOfDay(String day) {
    return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  private static List<List<String>> table(String rows) {
    List<List<String>> table = new ArrayList<>();
    for (WebElement tr : browser.findElements(By.cssSelector(rows))) {
      table.add(tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
    }
    return table;
  }

  /** Sends {@code n} events stamped now through the collector, with a new key of a new organization; returns n. */
  private static int sendEventsNow(int n) throws Exception {
    String organization = UUID.randomUUID().toString();
    Launcher.Result created = Launcher.run(3, "keys", "create", "--organization", organization, "--name", "dashboard-it");
    Matcher key = Pattern.compile("tk_[A-Za-z0-9_-]+").matcher(created.output());
    assertThat(key.find()).as(created.output()).isTrue();
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < n; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"live-").append(UUID.randomUUID())
          .append("\",\"userId\":\"u").append(i).append("\",\"event\":\"Page Viewed\"}");
    }
    String auth = Base64.getEncoder().encodeToString((key.group() + ":").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + SETTINGS.getInt(Setting.INGEST_PORT) + "/v1/batch"))
        .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batch.append("]}").toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("\"accepted\":" + n);
    return n;
  }
}
