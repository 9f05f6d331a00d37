package dev.tally.batch;

import dev.tally.batch.partner.PartnersCommand;
import dev.tally.batch.statement.StatementsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the application's command lines (batch, statements, partners) in this process and keeps what they printed. */
final class Cli {

  private Cli() {}

  /** The exit code, stdout and stderr of one command. */
  record Result(int exitCode, String out, String err) {}

  private interface Main {
    int run(PrintStream out, PrintStream err, String... args);
  }

  /** {@code infra/tally batch ...} */
  static Result run(String... args) {
    return run(TallyBatch::run, args);
  }

  /** {@code infra/tally statements ...} */
  static Result statements(String... args) {
    return run(StatementsCommand::run, args);
  }

  /** {@code infra/tally partners ...} */
  static Result partners(String... args) {
    return run(PartnersCommand::run, args);
  }

  private static Result run(Main main, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
