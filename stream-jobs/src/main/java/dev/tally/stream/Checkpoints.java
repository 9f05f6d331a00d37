package dev.tally.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds where to resume: the newest retained checkpoint ({@code <job id>/chk-<n>}) or savepoint
 * ({@code savepoints/savepoint-*}) under the checkpoint folder, by the time of its completed
 * {@code _metadata} file.
 */
public final class Checkpoints {

  private Checkpoints() {}

  public static Optional<Path> latest(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.find(folder, 3, (path, attributes) -> path.getFileName().toString().equals("_metadata")
        && attributes.isRegularFile()
        && (path.getParent().getFileName().toString().startsWith("chk-")
            || path.getParent().getFileName().toString().startsWith("savepoint-")))) {
      return files.max(Comparator.comparing(Checkpoints::modified)).map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder, e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
