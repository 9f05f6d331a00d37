package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One small {@code infra/tally demo} per test JVM (4 organizations, 10 days, a new seed), shared by the end-to-end
 * tests: generated traffic through the HTTP API, the stream, every nightly job. {@link #stop} stops
 * what the demo started besides the servers.
 */
final class DemoRun {

  private static Path events;

  private DemoRun() {}

  /** The first and last day the demo ran the nightly jobs for. */
  static synchronized java.time.LocalDate[] days() throws Exception {
    String[] days = java.nio.file.Files.readString(events().resolveSibling("days")).strip().split(" ");
    return new java.time.LocalDate[] {java.time.LocalDate.parse(days[0]), java.time.LocalDate.parse(days[1])};
  }

  /** Runs the demo the first time; returns the generator's NDJSON file of every event it sent. */
  static synchronized Path events() throws Exception {
    if (events == null) {
      // a seed of its own: organizations no earlier demo on this stack has sent events for
      String seed = Long.toString(System.currentTimeMillis());
      Launcher.Result demo = Launcher.run(15, "demo", "--organizations", "4", "--days", "10", "--seed", seed);
      assertThat(demo.exitCode()).as(demo.output()).isZero();
      assertThat(demo.output()).contains("== 7/7 summary");
      events = Launcher.home().resolve("demo/events.ndjson");
    }
    return events;
  }

  static void stop() throws Exception {
    Launcher.run(3, "down", "stream", "dashboard", "ingest");
  }

  /**
   * For a test class over the demo's data, {@code @ExtendWith(DemoRun.Data.class)}: the demo runs before
   * its tests (once per JVM), and what the demo started besides the servers is stopped after them.
   */
  static final class Data implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
      events();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
      stop();
    }
  }
}
