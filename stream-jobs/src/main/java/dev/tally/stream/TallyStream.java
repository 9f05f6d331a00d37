package dev.tally.stream;

import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.flink.StreamJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.util.ExceptionUtils;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stream jobs' command line. {@code run} builds the job for the environment it finds: a local
 * MiniCluster when started with plain {@code java} ({@code infra/tally stream start}), the cluster
 * when submitted with Flink's client ({@code infra/tally stream start --cluster}). Exit codes: 0 done,
 * 1 failed, 2 bad arguments.
 */
@Command(name = "tally-stream", mixinStandardHelpOptions = true, subcommands = {TallyStream.Run.class, TallyStream.Latest.class},
    description = "Tally's stream jobs: event loader, rolling metrics, sessions.")
public final class TallyStream implements Callable<Integer> {

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new TallyStream());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("tally-stream: error: " + e.getMessage());
      return 1;
    });
    System.exit(cli.execute(args.length == 0 ? new String[] {"run"} : args));
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 2;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the jobs until stopped (or, with --bounded, up to the offsets that are the latest now).")
  static final class Run implements Callable<Integer> {

    @Option(names = "--from", paramLabel = "PATH",
        description = "Resume from this checkpoint or savepoint folder (default: the newest under TALLY_STREAM_CHECKPOINT_DIR).")
    Path from;

    @Option(names = "--fresh", description = "Start without state (from the consumer group's committed offsets).")
    boolean fresh;

    @Option(names = "--allow-non-restored-state",
        description = "Restore a checkpoint or savepoint that holds state of operators this version no longer has, dropping that state"
            + " (Flink's allowNonRestoredState; needed once after an upgrade that replaced an operator, see stream-jobs/README.md).")
    boolean allowNonRestoredState;

    @Option(names = "--bounded", description = "Stop after the events that are in Kafka now.")
    boolean bounded;

    @Option(names = "--rest-port", paramLabel = "PORT",
        description = "Port of the local MiniCluster's REST API (status, savepoints); ignored on a cluster.")
    Integer restPort;

    @Override
    public Integer call() throws Exception {
      if (from != null && fresh) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--from and --fresh exclude each other");
      }
      StreamSettings settings = StreamSettings.load();
      Configuration conf = StreamJob.configuration(settings);
      Optional<Path> restore = fresh ? Optional.empty() : from != null ? Optional.of(from) : Checkpoints.latest(settings.checkpointDirectory());
      if (from != null && !Files.isRegularFile(from.resolve("_metadata"))) {
        throw new IllegalArgumentException(from + " is not a checkpoint or savepoint (no _metadata in it)");
      }
      restore.ifPresent(path -> {
        conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toAbsolutePath().toString());
        conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        System.out.println("resuming from " + path.toAbsolutePath());
      });
      if (restPort != null) {
        conf.set(RestOptions.PORT, restPort);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
      }
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      try {
        if (env instanceof LocalStreamEnvironment) {
          runToEnd(new StreamJob(settings, bounded), env, bounded);
        } else {
          // submitted by Flink's client: execute() hands the job to the cluster (detached with -d)
          new StreamJob(settings, bounded).run(env);
        }
      } catch (Exception e) {
        if (ExceptionUtils.findThrowable(e, JobCancellationException.class).isPresent()) {
          System.out.println("the job was cancelled (stopped with a savepoint, or from the REST API)");
          return 0;
        }
        throw e;
      }
      return 0;
    }
  }

  /**
   * Runs the job until it ends, printing when it runs (benchmarks wait for that line) and, for a
   * bounded input, how long it ran once all its tasks were running.
   */
  static void runToEnd(StreamJob job, StreamExecutionEnvironment env, boolean bounded) throws Exception {
    JobClient client = job.start(env);
    while (client.getJobStatus().get() != JobStatus.RUNNING && !client.getJobStatus().get().isTerminalState()) {
      Thread.sleep(20);
    }
    long running = System.nanoTime();
    System.out.println("job " + client.getJobID() + " running");
    System.out.flush();
    client.getJobExecutionResult().get();
    if (!bounded) {
      return;
    }
    System.out.printf("job finished: processed in %d ms after it was running%n", (System.nanoTime() - running) / 1_000_000);
  }

  @Command(name = "latest-checkpoint", mixinStandardHelpOptions = true,
      description = "Print the newest checkpoint or savepoint under TALLY_STREAM_CHECKPOINT_DIR; exit 3 when there is none.")
  static final class Latest implements Callable<Integer> {
    @Override
    public Integer call() {
      Optional<Path> latest = Checkpoints.latest(StreamSettings.load().checkpointDirectory());
      latest.ifPresent(path -> System.out.println(path.toAbsolutePath()));
      return latest.isPresent() ? 0 : 3;
    }
  }
}
