package dev.tally.batch;

import dev.tally.schemas.config.InvalidSetting;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs one of the application's picocli command lines in this process: case-insensitive enum
 * values, output to the given streams, and the exit codes every command shares: 2 for bad arguments,
 * an {@link InvalidSetting} and a {@link Refused} command (its message, no usage), 1 for any other
 * failure.
 */
public final class CommandLines {

  private CommandLines() {}

  /** Parses and runs {@code args} against {@code command}; returns the exit code. */
  public static int execute(Object command, String name, PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      InvalidSetting setting = invalidSetting(e);
      commandLine.getErr().println(name + ": " + (setting != null ? setting.getMessage() : e.getMessage()));
      return e instanceof Refused || setting != null ? 2 : 1;
    });
    return cli.execute(args);
  }

  /** The invalid setting behind {@code e} (a setting is often read while Spring builds a bean), or null. */
  private static InvalidSetting invalidSetting(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidSetting invalid) {
        return invalid;
      }
    }
    return null;
  }
}
