package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.ingest.auth.KeyScope;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Segment's browser library ({@code @segment/analytics-next} from npm, {@code src/test/browser}) in a
 * real browser, Debian's headless Chromium, on a page pointed at the collector with a client key:
 * {@code identify}, {@code page} and {@code track} land on the events topic; the page's billing event
 * is refused for the key's scope and dead-lettered. {@code infra/tally test} installs Chromium and
 * the npm packages.
 */
class BrowserLibraryIT {

  static final Path BROWSER = RunningCollector.ROOT.resolve("ingest/src/test/browser");

  @Test
  void identifyPageAndTrackFromAWebPageReachTheTopicAndABillingEventIsRefused() throws Exception {
    try (RunningCollector stack = RunningCollector.start();
        TopicReader events = new TopicReader(stack.settings, stack.config.eventsTopic());
        TopicReader deadLetters = new TopicReader(stack.settings, stack.config.deadLetterTopic())) {
      WriteKeys.NewKey key = stack.writeKeys.create(UUID.randomUUID(), "web page", KeyScope.CLIENT);
      String user = "user-" + UUID.randomUUID();
      Path page = Files.createDirectories(Path.of("target", "browser")).resolve("library-page.html").toAbsolutePath();
      Files.writeString(page, Files.readString(BROWSER.resolve("library-page.html"))
          .replace("{{LIBRARY}}", BROWSER.resolve("node_modules/@segment/analytics-next/dist/umd/index.js").toUri().toString())
          .replace("{{KEY}}", key.key())
          .replace("{{API_HOST}}", "127.0.0.1:" + stack.collector.port() + "/v1")
          .replace("{{USER}}", user));

      String dom = chromium(page);
      String start = "<pre id=\"log\">";
      String log = dom.substring(dom.indexOf(start) + start.length(), dom.indexOf("</pre>"));

      assertThat(log.lines().toList()).as("the page's log").contains("identify ok", "page ok", "track ok")
          .noneMatch(line -> line.startsWith("error") || line.contains("failed"));
      EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
      List<AnalyticsEvent> sent = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (sent.size() < 3 && System.nanoTime() < deadline) {
        events.sinceMark().stream().map(r -> codec.decode(r.value()))
            .filter(e -> e.getOrganizationId().equals(key.organizationId())).forEach(sent::add);
      }
      assertThat(sent).extracting(AnalyticsEvent::getEventType)
          .containsExactlyInAnyOrder("identify", "page_viewed", "product_viewed");
      assertThat(sent).allSatisfy(e -> {
        assertThat(e.getUserId()).isEqualTo(user);
        assertThat(e.getUserAgent()).contains("HeadlessChrome");
      });
      List<JsonNode> letters = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : deadLetters.sinceMark()) {
        JsonNode letter = RunningCollector.JSON.readTree(record.value());
        if (key.organizationId().equals(letter.path("organization_id").asText())) {
          letters.add(letter);
        }
      }
      assertThat(letters).singleElement().satisfies(letter -> {
        assertThat(letter.path("rule").asText()).isEqualTo("scope");
        assertThat(letter.path("payload").path("event").asText()).isEqualTo("Invoice Paid");
      });
    }
  }

  /** The page's DOM once its scripts settled, from headless Chromium with a fresh profile and no background networking. */
  private static String chromium(Path page) throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    Path out = Files.createTempFile("chromium", ".html");
    Process process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", page.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("chromium finished").isTrue();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
