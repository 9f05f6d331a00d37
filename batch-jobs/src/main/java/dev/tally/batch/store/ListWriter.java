package dev.tally.batch.store;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes items that are lists (several output rows per input) through a writer of single rows. */
public final class ListWriter<T> implements ItemWriter<List<T>> {

  private final ItemWriter<T> delegate;

  public ListWriter(ItemWriter<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void write(Chunk<? extends List<T>> chunk) throws Exception {
    List<T> rows = new ArrayList<>();
    chunk.forEach(rows::addAll);
    delegate.write(new Chunk<>(rows));
  }
}
