package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad arguments to statements and partners end with exit code 2 and a message naming the argument, before any store is used. */
class StatementsArgumentsTest {

  static final String PARTNER = "f0000000-0000-0000-0000-000000000001";

  @Test
  void periodMustMatchItsType() {
    Cli.Result r = Cli.statements("generate", "--period-type", "quarterly", "--period", "2026-10");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--period: '2026-10' is not a quarter (YYYY-Qn, n from 1 to 4)");
    assertThat(Cli.statements("approve", "--period-type", "weekly", "--period", "2026-10", "--partner", PARTNER)
        .exitCode()).isEqualTo(2);
  }

  @Test
  void partnerMustBeAnId() {
    Cli.Result r = Cli.statements("approve", "--period", "2026-10", "--partner", "acme");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--partner: 'acme' is not a partner id (UUID)");
    assertThat(Cli.statements("approve", "--period", "2026-10").err()).contains("Missing required option: '--partner=ID'");
  }

  @Test
  void markPaidNeedsAReferenceAndARealDate() {
    assertThat(Cli.statements("mark-paid", "--period", "2026-10", "--partner", PARTNER, "--paid-on", "2026-11-15").err())
        .contains("Missing required option: '--reference=R'");
    Cli.Result r = Cli.statements("mark-paid", "--period", "2026-10", "--partner", PARTNER, "--reference", "P-1",
        "--paid-on", "15/11/2026");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--paid-on: '15/11/2026' is not a date (YYYY-MM-DD)");
    assertThat(Cli.statements("mark-paid", "--period", "2026-10", "--partner", PARTNER, "--reference", " ",
        "--paid-on", "2026-11-15").err()).contains("--reference must not be blank");
  }

  @Test
  void disputeNeedsAReason() {
    assertThat(Cli.statements("dispute", "--period", "2026-10", "--partner", PARTNER).exitCode()).isEqualTo(2);
    assertThat(Cli.statements("dispute", "--period", "2026-10", "--partner", PARTNER, "--reason", "").err())
        .contains("--reason must not be blank");
  }

  @Test
  void unknownCommands() {
    assertThat(Cli.statements("pay").exitCode()).isEqualTo(2);
    assertThat(Cli.statements().err()).contains("name a command: one of [generate, approve, mark-paid, dispute, resolve]");
    assertThat(Cli.partners("delete").exitCode()).isEqualTo(2);
    assertThat(Cli.partners("links").exitCode()).isEqualTo(2);
  }
}
