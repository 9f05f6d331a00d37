package dev.tally.schemas.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every version of a record schema that was ever written to Kafka, oldest first.
 *
 * <p>Versions live on the classpath as {@code <base>.v1.avsc}, {@code <base>.v2.avsc}, ... without
 * gaps. A reader resolves each message's writer schema by its fingerprint in this history, so
 * messages written by any earlier version stay readable.
 */
public final class SchemaHistory {

  private static final String ANALYTICS_EVENT_BASE = "avro/history/AnalyticsEvent";

  private final List<Schema> versions;

  private SchemaHistory(List<Schema> versions) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a schema history needs at least one version");
    }
    this.versions = List.copyOf(versions);
  }

  /** The history of {@link AnalyticsEvent}, as shipped in this jar. */
  public static SchemaHistory analyticsEvent() {
    return load(SchemaHistory.class.getClassLoader(), ANALYTICS_EVENT_BASE);
  }

  /** Loads {@code base.v1.avsc}, {@code base.v2.avsc}, ... until the first missing version. */
  public static SchemaHistory load(ClassLoader loader, String base) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = base + ".v" + version + ".avsc";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema " + resource, e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("no schema versions found on the classpath at " + base + ".v1.avsc");
    }
    return new SchemaHistory(versions);
  }

  /** A history made of the given versions, oldest first (never null, never empty). */
  public static SchemaHistory of(List<Schema> versions) {
    return new SchemaHistory(versions);
  }

  public List<Schema> versions() {
    return versions;
  }

  /** True when a schema with the same parsing fingerprint as {@code schema} is in this history. */
  public boolean contains(Schema schema) {
    long fingerprint = fingerprint(schema);
    return versions.stream().anyMatch(v -> fingerprint(v) == fingerprint);
  }

  /** A schema store that resolves every version of this history by fingerprint. */
  SchemaStore.Cache toSchemaStore() {
    SchemaStore.Cache store = new SchemaStore.Cache();
    versions.forEach(store::addSchema);
    return store;
  }

  /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding uses. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }
}
