package dev.tally.ingest.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** How many lines of a file were acknowledged, kept in a small file replaced atomically after each batch. */
final class Checkpoint {

  private final Path path;

  Checkpoint(Path path) {
    this.path = path;
  }

  Path path() {
    return path;
  }

  long linesDone() throws IOException {
    if (!Files.exists(path)) {
      return 0;
    }
    String text = Files.readString(path, StandardCharsets.UTF_8).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("checkpoint " + path + " should hold a line count, holds '" + text + "'; delete it or use --from-start", e);
    }
  }

  void save(long linesDone) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.writeString(tmp, linesDone + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
