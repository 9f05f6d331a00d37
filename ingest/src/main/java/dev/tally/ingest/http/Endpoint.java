package dev.tally.ingest.http;

import dev.tally.ingest.event.SegmentMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A collector endpoint: its path, which API it speaks and, for Segment's single-message
 * endpoints, the message type it stands for.
 *
 * @param path the URL path
 * @param api how the body is read
 * @param impliedType the Segment type of a single-message endpoint, else null
 */
record Endpoint(String path, Api api, String impliedType) {

  enum Api { SEGMENT_BATCH, SEGMENT_SINGLE, NATIVE }

  /**
   * {@code /v1/import} is the batch endpoint's older name, still used by Segment's Java library. Each
   * Segment message type has its path ({@code /v1/track}) and the one Segment's browser library
   * (analytics.js, {@code @segment/analytics-next}) posts to, the type's first letter ({@code /v1/t});
   * {@code /v1/b} is that library's batch in its batching mode.
   */
  static final List<Endpoint> ALL = all();

  private static List<Endpoint> all() {
    List<Endpoint> all = new ArrayList<>(List.of(new Endpoint("/v1/batch", Api.SEGMENT_BATCH, null),
        new Endpoint("/v1/import", Api.SEGMENT_BATCH, null), new Endpoint("/v1/b", Api.SEGMENT_BATCH, null)));
    for (String type : SegmentMapper.TYPES) {
      all.add(new Endpoint("/v1/" + type, Api.SEGMENT_SINGLE, type));
      all.add(new Endpoint("/v1/" + type.charAt(0), Api.SEGMENT_SINGLE, type));
    }
    all.add(new Endpoint("/v1/events", Api.NATIVE, null));
    return List.copyOf(all);
  }

  /** The metric tag: the path without {@code /v1/}. */
  String tag() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
