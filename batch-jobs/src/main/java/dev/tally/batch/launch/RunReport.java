package dev.tally.batch.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;

/**
 * Every run of one command: the exit code schedulers read (0 done, 1 some run failed, 3 some run
 * was already going on elsewhere and none failed) and the machine-readable summary.
 *
 * @param job job name
 * @param runs one per date or period, in order
 */
public record RunReport(String job, List<RunOutcome> runs) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  public int exitCode() {
    if (runs.stream().anyMatch(r -> r.status() == RunOutcome.Status.FAILED)) {
      return RunOutcome.Status.FAILED.exitCode();
    }
    if (runs.stream().anyMatch(r -> r.status() == RunOutcome.Status.REFUSED)) {
      return RunOutcome.Status.REFUSED.exitCode();
    }
    if (runs.stream().anyMatch(r -> r.status() == RunOutcome.Status.ALREADY_RUNNING)) {
      return RunOutcome.Status.ALREADY_RUNNING.exitCode();
    }
    return 0;
  }

  /** {"job":…,"exit_code":…,"runs":[{"target":…,"status":…,"steps":[…]}, …]} */
  public String toJson() {
    try {
      return JSON.writeValueAsString(new Summary(job, exitCode(), runs));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the run summary as JSON", e);
    }
  }

  /** One line per run, for people. */
  public static String line(RunOutcome r) {
    StringBuilder s = new StringBuilder(r.job()).append(' ').append(r.target()).append(": ").append(r.status())
        .append(" in ").append(r.durationMs()).append(" ms");
    if (r.executionId() != null) {
      s.append(" (execution ").append(r.executionId()).append(", run ").append(r.run())
          .append(r.restarted() ? ", restarted" : "").append(')');
    }
    r.steps().forEach(step -> s.append("\n  ").append(step.name()).append(": ").append(step.status())
        .append(" in ").append(step.durationMs()).append(" ms, read ").append(step.read()).append(", written ").append(step.written())
        .append(step.summary() == null ? "" : ": " + step.summary()));
    if (r.message() != null) {
      s.append("\n  ").append(r.message());
    }
    return s.toString();
  }

  private record Summary(String job, int exitCode, List<RunOutcome> runs) {}
}
