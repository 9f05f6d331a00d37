package dev.tally.e2e;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pipeline against the truth: the demo's generated traffic (duplicates, out-of-order and late
 * events) went through the HTTP API, the stream and every nightly job; the rollups in PostgreSQL and
 * their ClickHouse copies, partner revenue and the stream's minutes equal what the {@code truth}
 * package computes from the generator's file alone ({@link PipelineOracle}).
 */
class OracleIT {

  static PipelineOracle oracle;

  @BeforeAll
  static void demo() throws Exception {
    Path events = DemoRun.events();
    LocalDate[] days = DemoRun.days();
    oracle = new PipelineOracle(events, days[0], days[1], events.resolveSibling("partners.csv"),
        events.resolveSibling("links.csv"));
  }

  @AfterAll
  static void stop() throws Exception {
    DemoRun.stop();
  }

  @Test
  void dailyMetrics() throws Exception {
    oracle.dailyMetrics();
  }

  @Test
  void agentMetrics() throws Exception {
    oracle.agentMetrics();
  }

  @Test
  void revenueAnalytics() throws Exception {
    oracle.revenueAnalytics();
  }

  @Test
  void cohortAnalytics() throws Exception {
    oracle.cohortAnalytics();
  }

  /** Every month and quarter of the demo's days, with the demo's three partners and one custom rate. */
  @Test
  void partnerRevenue() throws Exception {
    oracle.partnerRevenue();
  }

  /** Nothing lost, nothing counted twice: each event in its minute or reported too late, once. */
  @Test
  void streamMinutesSummedPerDay() throws Exception {
    oracle.streamMinutesSummedPerDay();
  }
}
