package dev.tally.batch.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMetricsTest {

  static final RunReport REPORT = new RunReport("daily-metrics", List.of(
      new RunOutcome("daily-metrics", "2026-12-03", RunOutcome.Status.COMPLETED, 7L, 1, false, 12_345, List.of(
          new RunOutcome.StepOutcome("daily-metrics-deduplicate", "COMPLETED", 0, 0, 8_000, null),
          new RunOutcome.StepOutcome("daily-metrics-load", "COMPLETED", 100, 100, 2_000, null),
          new RunOutcome.StepOutcome("agent-metrics-load", "COMPLETED", 40, 39, 1_000, null)), null),
      new RunOutcome("daily-metrics", "2026-12-04", RunOutcome.Status.FAILED, 8L, 2, true, 500, List.of(), "boom")));

  @Test
  void eachRunHasItsDurationRowsAndOutcomeAndTheJobItsExitCodeAndTime() {
    String text = RunMetrics.text(REPORT, Instant.ofEpochSecond(1_764_900_000));

    assertThat(text.lines()).contains(
        "tally_batch_run_duration_seconds{job=\"daily-metrics\",target=\"2026-12-03\"} 12.345",
        "tally_batch_rows_read_total{job=\"daily-metrics\",target=\"2026-12-03\"} 140.0",
        "tally_batch_rows_written_total{job=\"daily-metrics\",target=\"2026-12-03\"} 139.0",
        "tally_batch_run_outcome{job=\"daily-metrics\",outcome=\"COMPLETED\",target=\"2026-12-03\"} 1.0",
        "tally_batch_run_outcome{job=\"daily-metrics\",outcome=\"FAILED\",target=\"2026-12-04\"} 1.0",
        "tally_batch_exit_code{job=\"daily-metrics\"} 1.0",
        "tally_batch_last_run_timestamp_seconds{job=\"daily-metrics\"} 1.7649E9");
    assertThat(text).contains("# TYPE tally_batch_rows_read_total counter", "# TYPE tally_batch_run_duration_seconds gauge");
  }

  @Test
  void theFileIsReplacedWholeAndNamedAfterTheJob(@TempDir Path folder) throws Exception {
    Path first = RunMetrics.write(folder, REPORT, Instant.ofEpochSecond(1));
    Path again = RunMetrics.write(folder, new RunReport("daily-metrics", List.of(REPORT.runs().get(0))), Instant.ofEpochSecond(2));

    assertThat(again).isEqualTo(first).hasFileName("tally_batch_daily_metrics.prom");
    assertThat(Files.readString(again)).doesNotContain("2026-12-04").contains("tally_batch_exit_code{job=\"daily-metrics\"} 0.0");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(again);
    }
  }
}
