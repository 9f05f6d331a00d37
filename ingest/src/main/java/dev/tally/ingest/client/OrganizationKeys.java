package dev.tally.ingest.client;

import dev.tally.ingest.auth.WriteKeys;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One write key per organization, created on first use in the local PostgreSQL (for the generator and the replayer). */
public final class OrganizationKeys {

  private final WriteKeys writeKeys;
  private final String name;
  private final Map<String, String> keys = new HashMap<>();

  /** @param name what the keys are named in {@code keys list}, e.g. {@code generator} */
  public OrganizationKeys(WriteKeys writeKeys, String name) {
    this.writeKeys = writeKeys;
    this.name = name;
  }

  public String keyFor(String organizationId) throws SQLException {
    String key = keys.get(organizationId);
    if (key == null) {
      key = writeKeys.create(UUID.fromString(organizationId), name).key();
      keys.put(organizationId, key);
    }
    return key;
  }
}
