package dev.tally.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The event id of a Segment message sent without {@code messageId}: {@code dm-} and 128 bits of the
 * SHA-256 of the message's content, keys in sorted order, without the fields an SDK sets anew when it
 * resends ({@code sentAt}) or that the collector adds. So an identical resend gets the same id and
 * counts once. What it cannot tell apart: two events that are truly identical (same user, type,
 * properties and no timestamp) count once; a resend whose content changed counts twice.
 */
public final class DerivedMessageId {

  /** Fields left out of the content: set again on every send. */
  private static final Set<String> VOLATILE = Set.of("sentAt", "writeKey", "_metadata");

  private DerivedMessageId() {}

  public static String of(JsonNode message) {
    StringBuilder canonical = new StringBuilder();
    write(message, canonical, true);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return "dm-" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** JSON with object keys sorted, so the same content always gives the same text. */
  private static void write(JsonNode node, StringBuilder out, boolean top) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!(top && VOLATILE.contains(name))) {
          names.add(name);
        }
      }
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        out.append(i == 0 ? "" : ",").append(TextNode.valueOf(names.get(i))).append(':');
        write(node.get(names.get(i)), out, false);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(node.get(i), out, false);
      }
      out.append(']');
    } else {
      out.append(node);
    }
  }
}
