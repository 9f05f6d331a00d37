package dev.tally.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code infra/deploy/validate.sh} passes: every deployment example holds the fields its kind and Tally need. */
class DeployExamplesIT {

  @Test
  void everyExampleIsValid() throws Exception {
    Launcher.Result result = Launcher.exec(2, List.of("bash", "infra/deploy/validate.sh"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("systemd: ok", "kubernetes: ok (9 documents parsed", "airflow: ok", "crontab: ok");
  }
}
