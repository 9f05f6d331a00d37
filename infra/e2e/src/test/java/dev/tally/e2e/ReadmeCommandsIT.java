package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command of a README code block fenced {@code ```sh checked} runs as written, from the
 * repository root, against the test stack with a small demo's data, and exits 0. The README's other
 * blocks are illustrative: they start or stop servers, or need the reader's own ids and files.
 */
@ExtendWith(DemoRun.Data.class)
class ReadmeCommandsIT {

  static final String CHECKED = "```sh checked";

  @TestFactory
  Stream<DynamicTest> everyCheckedCommandRuns() throws Exception {
    List<String> commands = checkedCommands(Launcher.ROOT.resolve("README.md"));
    assertThat(commands).as("commands in " + CHECKED + " blocks").hasSizeGreaterThanOrEqualTo(8);
    return commands.stream().map(command -> DynamicTest.dynamicTest(command, () -> {
      Launcher.Result result = Launcher.exec(5, List.of("bash", "-c", command));
      assertThat(result.exitCode()).as(command + "\n" + result.output()).isZero();
      assertThat(result.output()).as(command + " prints something").isNotBlank();
    }));
  }

  /** Each line of each {@code ```sh checked} block. */
  static List<String> checkedCommands(Path readme) throws IOException {
    List<String> commands = new ArrayList<>();
    boolean inChecked = false;
    boolean inBlock = false;
    for (String line : Files.readAllLines(readme)) {
      String stripped = line.strip();
      if (stripped.startsWith("```")) {
        inChecked = !inBlock && stripped.equals(CHECKED);
        inBlock = !inBlock;
      } else if (inChecked && !stripped.isEmpty() && !stripped.startsWith("#")) {
        commands.add(stripped);
      }
    }
    return commands;
  }
}
