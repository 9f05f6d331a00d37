package dev.tally.schemas.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.schemas.setup.ClickHouseMigrations.Migration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationTest {

  @Test
  void statementsAreSplitAtSemicolonsEndingALineAndCommentsDropped() {
    Migration m = new Migration(1, "two", """
        -- a comment; with a semicolon
        CREATE TABLE a (x UInt8) ENGINE = Memory;

        CREATE TABLE b (s String DEFAULT 'a;b') ENGINE = Memory
        """);

    assertThat(m.statements()).containsExactly(
        "CREATE TABLE a (x UInt8) ENGINE = Memory",
        "CREATE TABLE b (s String DEFAULT 'a;b') ENGINE = Memory");
  }

  @Test
  void checksumChangesWithTheContent() {
    assertThat(new Migration(1, "a", "SELECT 1").checksum())
        .isEqualTo(new Migration(1, "a", "SELECT 1").checksum())
        .isNotEqualTo(new Migration(1, "a", "SELECT 2").checksum());
  }

  @Test
  void shippedMigrationsAreFoundInVersionOrder() {
    List<Migration> available = new ClickHouseMigrations(null, null, "tally", ClickHouseMigrations.DEFAULT_LOCATION)
        .available();

    assertThat(available).extracting(Migration::version)
        .as("versions run 1, 2, 3, ... without gaps")
        .isEqualTo(IntStream.rangeClosed(1, available.size()).boxed().toList());
    assertThat(available.get(0).description()).isEqualTo("events");
  }

  @Test
  void missingLocationIsAClearError() {
    assertThatThrownBy(() -> new ClickHouseMigrations(null, null, "tally", "db/nowhere").available())
        .hasMessage("no ClickHouse migrations on the classpath at db/nowhere");
  }
}
