package dev.tally.stream.event;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type information for {@link TrackedEvent}: an opaque type that {@link
 * TrackedEventSerializer} writes. Found through {@code @TypeInfo} on the class, so every operator
 * that passes tracked events uses it without being told.
 */
public final class TrackedEventType extends TypeInformation<TrackedEvent> {

  private static final long serialVersionUID = 1L;

  public static final TrackedEventType INSTANCE = new TrackedEventType();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<TrackedEvent> getTypeClass() {
    return TrackedEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<TrackedEvent> createSerializer(SerializerConfig config) {
    return TrackedEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "TrackedEvent";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrackedEventType;
  }

  @Override
  public int hashCode() {
    return TrackedEventType.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof TrackedEventType;
  }

  /** What {@code @TypeInfo} names. */
  public static final class Factory extends TypeInfoFactory<TrackedEvent> {
    @Override
    public TypeInformation<TrackedEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> generics) {
      return INSTANCE;
    }
  }
}
