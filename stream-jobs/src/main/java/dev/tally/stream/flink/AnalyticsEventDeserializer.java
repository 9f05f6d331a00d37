package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.event.EventDecodingException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka messages (Avro single-object encoding) to events with the schema history of
 * {@link EventCodec}. A message no known schema can read is logged and counted
 * ({@link StreamMetrics#EVENTS_UNDECODABLE}); ingest never writes one, so it means a writer the jar does not know.
 */
public final class AnalyticsEventDeserializer implements KafkaRecordDeserializationSchema<AnalyticsEvent> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEventDeserializer.class);

  private transient EventCodec<AnalyticsEvent> codec;
  private transient Counter in;
  private transient Counter undecodable;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    codec = EventCodec.analyticsEvents();
    in = context.getMetricGroup().counter(StreamMetrics.EVENTS_IN);
    undecodable = context.getMetricGroup().counter(StreamMetrics.EVENTS_UNDECODABLE);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AnalyticsEvent> out) {
    try {
      AnalyticsEvent event = codec.decode(record.value());
      in.inc();
      out.collect(event);
    } catch (EventDecodingException e) {
      undecodable.inc();
      LOG.warn("skipping undecodable message at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
    }
  }

  @Override
  public TypeInformation<AnalyticsEvent> getProducedType() {
    return TypeInformation.of(AnalyticsEvent.class);
  }
}
