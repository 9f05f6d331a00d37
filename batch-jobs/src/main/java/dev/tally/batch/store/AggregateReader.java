package dev.tally.batch.store;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the result of one aggregation query (pushed down to ClickHouse) item by item. The query
 * runs when the step opens; its result is small (one row per organization and key) and ordered by
 * its key, so after a restart the reader skips exactly the items already written.
 *
 * @param <T> the item type
 */
public class AggregateReader<T> extends AbstractItemCountingItemStreamItemReader<T> {

  private final Supplier<List<T>> query;
  private List<T> items = List.of();
  private int next;

  /** @param name the key of the reader's state in the step context; query must not return null */
  public AggregateReader(String name, Supplier<List<T>> query) {
    this.query = query;
    setName(name);
  }

  @Override
  protected void doOpen() {
    items = query.get();
    next = 0;
  }

  @Override
  protected T doRead() {
    return next < items.size() ? items.get(next++) : null;
  }

  @Override
  protected void jumpToItem(int itemIndex) {
    next = itemIndex;
  }

  @Override
  protected void doClose() {
    items = List.of();
  }
}
