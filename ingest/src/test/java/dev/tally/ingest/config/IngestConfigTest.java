package dev.tally.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.schemas.config.TallySettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {


  @Test
  void defaultsRunLocally() {
    IngestConfig config = IngestConfig.from(TallySettings.resolve(Map.of(), Map.of()));

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8088);
    assertThat(config.maxRequestBytes()).isEqualTo(512_000);
    assertThat(config.maxEventBytes()).isEqualTo(32_768);
    assertThat(config.maxAhead()).isEqualTo(Duration.ofHours(24));
    assertThat(config.eventsTopic()).isEqualTo("tally.events");
    assertThat(config.deadLetterTopic()).isEqualTo("tally.events.dlq");
    assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:19092");
  }

  @Test
  void environmentOverridesAndBadValuesNameTheVariable() {
    assertThat(IngestConfig.from(TallySettings.resolve(Map.of("TALLY_INGEST_PORT", "18088"), Map.of())).port()).isEqualTo(18088);
    assertThatThrownBy(() -> IngestConfig.from(TallySettings.resolve(Map.of("TALLY_INGEST_PORT", "http"), Map.of())))
        .hasMessage("TALLY_INGEST_PORT must be a whole number, was 'http'");
    assertThatThrownBy(() -> IngestConfig.from(TallySettings.resolve(Map.of("TALLY_INGEST_PORT", "70000"), Map.of())))
        .hasMessage("TALLY_INGEST_PORT must be from 0 to 65535, was 70000");
  }
}
