package dev.tally.stream.flink;

import dev.tally.stream.event.TrackedEvent;

/**
 * An event that came after its minute stopped taking late events, as kept on the late topic. The
 * raw event itself is in ClickHouse {@code events} (the loader loads every event), and the nightly
 * batch counts it in its day.
 */
public class LateEvent {

  public String organizationId;
  public String eventId;
  public String eventType;
  public long occurredAt;
  public long receivedAt;
  /** The watermark when it arrived: how far event time had gone. */
  public long watermark;
  /** What it came too late for: {@code minute} (rolling metrics) or {@code session}. */
  public String lateFor;

  public LateEvent() {}

  public static LateEvent of(TrackedEvent event, long watermark, String lateFor) {
    LateEvent late = new LateEvent();
    late.organizationId = event.organizationId;
    late.eventId = event.eventId;
    late.eventType = event.eventType;
    late.occurredAt = event.occurredAt;
    late.receivedAt = event.receivedAt;
    late.watermark = watermark;
    late.lateFor = lateFor;
    return late;
  }
}
