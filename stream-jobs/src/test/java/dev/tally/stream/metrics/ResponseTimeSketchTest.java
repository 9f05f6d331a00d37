package dev.tally.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseTimeSketchTest {

  /** Nearest-rank percentile of the values, the exact figure the sketch approximates. */
  static double exactQuantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.floor(q * (sorted.size() - 1)));
  }

  @Test
  void p95IsWithinOnePercentOfTheExactValue() {
    Random random = new Random(7);
    List<Double> values = new ArrayList<>();
    ResponseTimeSketch sketch = new ResponseTimeSketch();
    for (int i = 0; i < 5000; i++) {
      double v = 20 + random.nextDouble() * random.nextDouble() * 4000;
      values.add(v);
      sketch.add(v);
    }
    double exact = exactQuantile(values, 0.95);
    assertThat(sketch.quantile(0.95)).isCloseTo(exact, within(exact * ResponseTimeSketch.RELATIVE_ACCURACY));
    assertThat(sketch.count()).isEqualTo(5000);
  }

  @Test
  void mergingInEitherOrderGivesTheSameSketchAsAddingAll() {
    ResponseTimeSketch a = new ResponseTimeSketch();
    ResponseTimeSketch b = new ResponseTimeSketch();
    ResponseTimeSketch all = new ResponseTimeSketch();
    for (int i = 0; i < 300; i++) {
      double v = i * 3.7;
      (i % 3 == 0 ? a : b).add(v);
      all.add(v);
    }
    ResponseTimeSketch ab = a.copy();
    ab.merge(b);
    ResponseTimeSketch ba = b.copy();
    ba.merge(a);
    assertThat(ab.buckets).isEqualTo(all.buckets).isEqualTo(ba.buckets);
    assertThat(ab.zeros).isEqualTo(all.zeros).isEqualTo(1);
    assertThat(ab.quantile(0.95)).isEqualTo(all.quantile(0.95));
  }

  @Test
  void anEmptySketchHasNoQuantile() {
    assertThat(new ResponseTimeSketch().quantile(0.95)).isNull();
  }
}
