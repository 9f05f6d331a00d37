package dev.tally.stream.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A sink that keeps what it is given in memory, under a name (the MiniCluster runs in the test's JVM). */
final class CollectingSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;
  private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

  private final String name;

  CollectingSink(String name) {
    this.name = name;
    COLLECTED.put(name, new ArrayList<>());
  }

  /** What this sink was given, in the order it came (per subtask). */
  @SuppressWarnings("unchecked")
  List<T> values() {
    List<Object> values = COLLECTED.get(name);
    synchronized (values) {
      return new ArrayList<>((List<T>) values);
    }
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> values = COLLECTED.get(name);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        synchronized (values) {
          values.add(element);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
