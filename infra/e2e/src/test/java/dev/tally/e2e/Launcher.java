package dev.tally.e2e;

import dev.tally.schemas.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code infra/tally} as a user would, from the repository root, with the test's environment. */
final class Launcher {

  static final Path ROOT = RepositoryRoot.PATH;

  private Launcher() {}

  /** Where the launcher keeps data, logs and pid files: $TALLY_HOME, else .tally in the repository. */
  static Path home() {
    String home = System.getenv("TALLY_HOME");
    return home == null ? ROOT.resolve(".tally") : Path.of(home);
  }

  /** The exit code and everything the command printed (stdout and stderr, interleaved). */
  record Result(int exitCode, String output) {}

  static Result run(long timeoutMinutes, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("infra/tally").toString());
    command.addAll(List.of(args));
    return exec(timeoutMinutes, command);
  }

  /** Any command, from the repository root. */
  static Result exec(long timeoutMinutes, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("tally-e2e", ".log");
    Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " ran past " + timeoutMinutes
          + " min; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }

  /** {@code infra/tally ARGS} in the background, its output (stdout and stderr) going to {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("infra/tally").toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }
}
