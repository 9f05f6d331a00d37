package dev.tally.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TallySettingsTest {

  @Test
  void environmentWinsOverLocalEnvWhichWinsOverDefaults() {
    TallySettings settings = TallySettings.resolve(
        Map.of("TALLY_PG_PORT", "6000"),
        Map.of("TALLY_PG_PORT", "7000", "TALLY_CH_HTTP_PORT", "8124"));

    assertThat(settings.getInt(Setting.PG_PORT)).isEqualTo(6000);
    assertThat(settings.getInt(Setting.CH_HTTP_PORT)).isEqualTo(8124);
    assertThat(settings.get(Setting.KAFKA_BOOTSTRAP)).isEqualTo("127.0.0.1:19092");
  }

  @Test
  void jdbcUrlsComeFromTheSettings() {
    TallySettings settings = TallySettings.resolve(Map.of("TALLY_CH_HOST", "ch.internal"), Map.of());

    assertThat(settings.postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:55432/tally");
    assertThat(settings.clickhouseJdbcUrl()).isEqualTo("jdbc:clickhouse://ch.internal:18123/tally");
  }

  @Test
  void missingPasswordNamesTheVariableAndWhatToDo() {
    TallySettings settings = TallySettings.resolve(Map.of(), Map.of());

    assertThatThrownBy(() -> settings.get(Setting.PG_PASSWORD))
        .hasMessageContaining("TALLY_PG_PASSWORD is not set")
        .hasMessageContaining("infra/tally up");
  }

  @Test
  void portThatIsNotANumberIsNamed() {
    TallySettings settings = TallySettings.resolve(Map.of("TALLY_PG_PORT", "fivefive"), Map.of());

    assertThatThrownBy(() -> settings.getInt(Setting.PG_PORT))
        .hasMessage("TALLY_PG_PORT must be a whole number, was 'fivefive'");
  }

  @Test
  void localEnvFileIsReadWithQuotesCommentsAndExport(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("local.env");
    Files.writeString(file, """
        # written by infra/tally
        TALLY_PG_PASSWORD='s3cret=x'
        export TALLY_CH_PASSWORD="abc"

        TALLY_KAFKA_PARTITIONS=8
        """);

    assertThat(TallySettings.readEnvFile(file)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "TALLY_PG_PASSWORD", "s3cret=x", "TALLY_CH_PASSWORD", "abc", "TALLY_KAFKA_PARTITIONS", "8"));
  }

  @Test
  void homeIsTallyHomeElseTheNearestDotTallyFolderAbove(@TempDir Path dir) throws Exception {
    Path module = Files.createDirectories(dir.resolve("repo/schemas"));
    Files.createDirectories(dir.resolve("repo/.tally"));

    assertThat(TallySettings.home(Map.of(), module)).isEqualTo(dir.resolve("repo/.tally"));
    assertThat(TallySettings.home(Map.of("TALLY_HOME", "/srv/tally"), module)).isEqualTo(Path.of("/srv/tally"));
    assertThat(TallySettings.home(Map.of(), dir)).isNull();
  }

  @Test
  void statementsFolderIsUnderTheTallyHomeUnlessSet() {
    TallySettings defaults = TallySettings.resolve(Map.of(), Map.of()).withHome(Path.of("/srv/tally"));
    TallySettings explicit = TallySettings.resolve(Map.of("TALLY_STATEMENTS_DIR", "/finance/out"), Map.of());

    assertThat(defaults.path(Setting.STATEMENTS_DIR)).isEqualTo(Path.of("/srv/tally/statements"));
    assertThat(explicit.path(Setting.STATEMENTS_DIR)).isEqualTo(Path.of("/finance/out"));
    assertThat(TallySettings.resolve(Map.of(), Map.of()).path(Setting.STATEMENTS_DIR)).isEqualTo(Path.of(".tally/statements"));
  }
}
