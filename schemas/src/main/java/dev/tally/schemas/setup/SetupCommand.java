package dev.tally.schemas.setup;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.SettingsTable;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prepares the stores for Tally: the schema of PostgreSQL and ClickHouse, and the Kafka topics. */
@Command(name = "tally-setup", mixinStandardHelpOptions = true,
    description = "Applies Tally's migrations and creates its Kafka topics.",
    subcommands = {SetupCommand.Migrate.class, SetupCommand.Settings.class})
public final class SetupCommand {

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SetupCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + describe(e));
      return 1;
    });
    System.exit(cli.execute(args));
  }

  /** One line for a person: the message chain, not a stack trace. */
  public static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  enum Store { postgres, clickhouse, kafka }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Applies pending PostgreSQL (Flyway) and ClickHouse migrations and creates missing topics.")
  static final class Migrate implements Callable<Integer> {

    @Option(names = "--only", split = ",", paramLabel = "STORE",
        description = "Limit to these stores: ${COMPLETION-CANDIDATES} (default: all).")
    List<Store> only = List.of(Store.values());

    @Override
    public Integer call() throws Exception {
      TallySettings settings = TallySettings.load();
      if (only.contains(Store.postgres)) {
        PostgresMigrations postgres = new PostgresMigrations(DataSources.postgres(settings));
        int applied = postgres.migrate();
        System.out.printf("postgres:   %s (schema version %s)%n",
            applied == 0 ? "up to date" : "applied " + applied + " migration(s)", postgres.currentVersion());
      }
      if (only.contains(Store.clickhouse)) {
        ClickHouseMigrations clickhouse = new ClickHouseMigrations(DataSources.clickhouseServer(settings),
            DataSources.clickhouseWriter(settings), settings.get(Setting.CH_DATABASE),
            ClickHouseMigrations.DEFAULT_LOCATION);
        var applied = clickhouse.migrate();
        System.out.printf("clickhouse: %s (schema version %d)%n",
            applied.isEmpty() ? "up to date" : "applied " + applied.size() + " migration(s)",
            clickhouse.applied().keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
      }
      if (only.contains(Store.kafka)) {
        List<String> created = new KafkaTopics(settings.get(Setting.KAFKA_BOOTSTRAP)).ensure(
            List.of(settings.get(Setting.KAFKA_EVENTS_TOPIC), settings.get(Setting.KAFKA_DLQ_TOPIC),
                settings.get(Setting.KAFKA_LATE_TOPIC), settings.get(Setting.KAFKA_STREAM_DLQ_TOPIC)),
            settings.getInt(Setting.KAFKA_PARTITIONS));
        System.out.printf("kafka:      %s%n", created.isEmpty() ? "topics exist" : "created " + String.join(", ", created));
      }
      return 0;
    }
  }

  @Command(name = "settings", mixinStandardHelpOptions = true,
      description = "Lists every setting with its variable, default and meaning (--markdown: also the values it takes).")
  static final class Settings implements Callable<Integer> {

    @Option(names = "--markdown", description = "Print a Markdown table (used for the docs).")
    boolean markdown;

    @Override
    public Integer call() {
      System.out.print(markdown ? SettingsTable.markdown() : SettingsTable.text());
      return 0;
    }
  }
}
