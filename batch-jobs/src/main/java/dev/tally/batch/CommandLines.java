package dev.tally.batch;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs one of the application's picocli command lines in this process: case-insensitive enum
 * values, output to the given streams, and the exit codes every command shares: 2 for bad arguments
 * and for a {@link Refused} command (its message, no usage), 1 for any other failure.
 */
public final class CommandLines {

  private CommandLines() {}

  /** Parses and runs {@code args} against {@code command}; returns the exit code. */
  public static int execute(Object command, String name, PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(name + ": " + e.getMessage());
      return e instanceof Refused ? 2 : 1;
    });
    return cli.execute(args);
  }
}
