package dev.tally.batch.launch;

import java.util.List;

/**
 * How one run of a job for one target ended, for progress lines and the JSON summary.
 *
 * @param job job name
 * @param target the date or period
 * @param status COMPLETED, FAILED, REFUSED (the data's state does not allow the run; nothing changed) or ALREADY_RUNNING
 * @param executionId Spring Batch job execution id, null when the run did not start
 * @param run the run number of the job instance (1 for the first run of a date)
 * @param restarted true when this resumed a failed or killed execution
 * @param durationMs wall time
 * @param steps per step: name, status, read and write counts
 * @param message the failure, or null
 */
public record RunOutcome(String job, String target, Status status, Long executionId, long run, boolean restarted,
    long durationMs, List<StepOutcome> steps, String message) {

  public enum Status {
    COMPLETED(0), FAILED(1), REFUSED(2), ALREADY_RUNNING(3);

    private final int exitCode;

    Status(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /** @param name step name; status its batch status; read, written item counts; durationMs how long it ran; summary what the step reports, or null */
  public record StepOutcome(String name, String status, long read, long written, long durationMs, String summary) {}
}
