package dev.tally.schemas.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

  @Test
  void namesBecomePositionsAndCastsStayCasts() {
    NamedSql sql = NamedSql.parse("INSERT INTO t (a, b, c) VALUES (:organization_id::uuid, :window_name, "
        + "unnest(:keys::text[]))");

    assertThat(sql.jdbc()).isEqualTo("INSERT INTO t (a, b, c) VALUES (?::uuid, ?, unnest(?::text[]))");
    assertThat(sql.at("organization_id")).isEqualTo(1);
    assertThat(sql.at("window_name")).isEqualTo(2);
    assertThat(sql.at("keys")).isEqualTo(3);
    assertThat(sql.names()).containsExactly("organization_id", "window_name", "keys");
  }

  @Test
  void colonsInsideQuotesAreText() {
    NamedSql sql = NamedSql.parse("SELECT ':not_a_parameter', \"a:b\", x::int FROM t WHERE day = :day");

    assertThat(sql.jdbc()).isEqualTo("SELECT ':not_a_parameter', \"a:b\", x::int FROM t WHERE day = ?");
    assertThat(sql.names()).containsExactly("day");
  }

  @Test
  void unknownRepeatedAndPositionalParametersAreRefused() {
    NamedSql sql = NamedSql.parse("SELECT :a, :a, :b");

    assertThatThrownBy(() -> sql.at("c")).hasMessageContaining(":c").hasMessageContaining("[a, b]");
    assertThatThrownBy(() -> sql.at("a")).hasMessageContaining("2 times");
    assertThatThrownBy(() -> NamedSql.parse("SELECT * FROM t WHERE a = ?")).hasMessageContaining("name it");
  }
}
