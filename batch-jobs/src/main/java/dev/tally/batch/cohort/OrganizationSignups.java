package dev.tally.batch.cohort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every sign-up day of one organization: the item the cohort step processes.
 *
 * @param organizationId never null
 * @param days in sign-up order, never null
 */
public record OrganizationSignups(String organizationId, List<SignupDay> days) {

  /** Groups rows ordered by organization into one item per organization, keeping the order. */
  public static List<OrganizationSignups> group(List<Map.Entry<String, SignupDay>> rows) {
    Map<String, List<SignupDay>> byOrganization = new LinkedHashMap<>();
    rows.forEach(r -> byOrganization.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(r.getValue()));
    return byOrganization.entrySet().stream().map(e -> new OrganizationSignups(e.getKey(), List.copyOf(e.getValue()))).toList();
  }
}
