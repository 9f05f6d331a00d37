package dev.tally.ingest;

import dev.tally.ingest.auth.KeysCommand;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.generate.GenerateCommand;
import dev.tally.ingest.http.Collector;
import dev.tally.ingest.http.IngestMetrics;
import dev.tally.ingest.kafka.EventPublisher;
import dev.tally.ingest.replay.ReplayCommand;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.setup.SetupCommand;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the ingest process: the collector and its tools, each a subcommand. */
@Command(name = "tally-ingest", mixinStandardHelpOptions = true,
    description = "Tally's HTTP collector, write keys, traffic generator and file replayer.",
    subcommands = {IngestCommand.Serve.class, IngestCommand.Options.class, KeysCommand.class, GenerateCommand.class,
        ReplayCommand.class})
public final class IngestCommand {

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new IngestCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + SetupCommand.describe(e));
      return 1;
    });
    System.exit(cli.execute(args));
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Runs the collector until stopped (TERM drains requests in flight first).")
  static final class Serve implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
      IngestConfig config = IngestConfig.load();
      IngestMetrics metrics = new IngestMetrics();
      EventPublisher publisher = new EventPublisher(config, metrics.registry());
      WriteKeys keys = WriteKeys.forCollector(TallySettings.load(), config);
      Collector collector = Collector.start(config, keys, publisher, metrics);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        collector.close();
        keys.close();
        publisher.close();
        metrics.close();
        stopped.countDown();
      }, "collector-shutdown"));
      System.out.printf("collector listening on http://%s:%d%n", config.host(), collector.port());
      stopped.await();
      return 0;
    }
  }

  @Command(name = "options", mixinStandardHelpOptions = true, description = "Lists the collector's settings (variable, default, meaning).")
  static final class Options implements Callable<Integer> {
    @Override
    public Integer call() {
      for (Setting setting : Setting.values()) {
        if (setting.name().startsWith("INGEST_")) {
          System.out.printf("%-38s %-10s %s%n", setting.variable(), setting.defaultValue(), setting.description());
        }
      }
      return 0;
    }
  }
}
