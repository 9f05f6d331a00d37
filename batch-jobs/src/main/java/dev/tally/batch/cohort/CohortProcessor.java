package dev.tally.batch.cohort;

import java.time.LocalDate;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The cohort step's processor: an organization's sign-up days to its cohort rows for the computed date. */
public class CohortProcessor implements ItemProcessor<OrganizationSignups, List<CohortRow>> {

  private final CohortCalculator calculator;
  private final LocalDate date;

  public CohortProcessor(CohortCalculator calculator, LocalDate date) {
    this.calculator = calculator;
    this.date = date;
  }

  @Override
  public List<CohortRow> process(OrganizationSignups organization) {
    return calculator.rows(organization, date);
  }
}
