package dev.tally.schemas;

import java.nio.file.Files;
import java.nio.file.Path;

/** For tests of every module: the repository's root, the nearest folder above the working directory with infra/tally. */
public final class RepositoryRoot {

  public static final Path PATH = find();

  private RepositoryRoot() {}

  private static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("infra/tally"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("infra/tally not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
