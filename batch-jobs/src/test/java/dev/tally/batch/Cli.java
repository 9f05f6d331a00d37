package dev.tally.batch;

import dev.tally.batch.partner.PartnersCommand;
import dev.tally.batch.statement.StatementsCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * {@code infra/tally partners import} of {@code partnersCsv}, then {@code partners links import} of
   * {@code linksCsv} (CSV texts with their header), both expected to succeed; their results.
   */
  static Result[] importPartners(String partnersCsv, String linksCsv) throws IOException {
    Path partners = Files.createTempFile("partners", ".csv");
    Path links = Files.createTempFile("links", ".csv");
    try {
      Files.writeString(partners, partnersCsv);
      Files.writeString(links, linksCsv);
      Result imported = partners("import", partners.toString());
      assertThat(imported.exitCode()).as(imported.err()).isZero();
      Result linked = partners("links", "import", links.toString());
      assertThat(linked.exitCode()).as(linked.err()).isZero();
      return new Result[] {imported, linked};
    } finally {
      Files.delete(partners);
      Files.delete(links);
    }
  }

  /** {@code infra/tally statements generate}, which must succeed, writing into {@code out}. */
  static void generateStatements(Path out, String periodType, String period) {
    Result result = statements("generate", "--period-type", periodType, "--period", period, "--out", out.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  /** {@code infra/tally statements COMMAND --partner ID --period PERIOD MORE...} (monthly unless MORE says). */
  static Result moveStatement(String command, String partnerId, String period, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--partner", partnerId, "--period", period));
    args.addAll(List.of(more));
    return statements(args.toArray(String[]::new));
  }

  /** {@code infra/tally batch ARGS} in a JVM of its own, as a scheduler starts it; its output goes to {@code log}. */
  static Process process(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), TallyBatch.class.getName()));
    command.addAll(List.of(args));
    Files.createDirectories(log.toAbsolutePath().getParent());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Result run(Main main, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
