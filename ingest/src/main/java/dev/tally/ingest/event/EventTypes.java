package dev.tally.ingest.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Event type names: Segment's "Order Completed" becomes {@code order_completed}, and each type has a category. */
public final class EventTypes {

  public static final int MAX_LENGTH = 64;

  private static final Pattern CAMEL_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z])");
  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  /** Type prefixes and their category, first match wins; everything else is engagement. */
  private static final List<Map.Entry<String, String>> CATEGORY_BY_PREFIX = List.of(
      Map.entry("order_", "commerce"), Map.entry("product_", "commerce"), Map.entry("checkout_", "commerce"),
      Map.entry("cart_", "commerce"), Map.entry("payment_info", "commerce"), Map.entry("coupon_", "commerce"),
      Map.entry("promotion_", "commerce"), Map.entry("products_", "commerce"),
      Map.entry("invoice_", "billing"), Map.entry("subscription_", "billing"), Map.entry("trial_", "billing"),
      Map.entry("plan_", "billing"),
      Map.entry("message_", "agent"), Map.entry("conversation_", "agent"), Map.entry("agent_", "agent"),
      Map.entry("workflow_", "agent"),
      Map.entry("signed_", "lifecycle"), Map.entry("account_", "lifecycle"));

  private EventTypes() {}

  private static final int MAX_CACHED = 10_000;
  private static final ConcurrentHashMap<String, String> NORMALISED = new ConcurrentHashMap<>();

  /** {@link #normalise}, remembered: products send few distinct names, many times. */
  public static String normaliseCached(String name) {
    return remembered(NORMALISED, name, EventTypes::normalise);
  }

  /** What {@code compute} gives for {@code key}, from {@code cache} once it is there; the cache stops growing at {@link #MAX_CACHED}. */
  private static String remembered(ConcurrentHashMap<String, String> cache, String key, UnaryOperator<String> compute) {
    String cached = cache.get(key);
    if (cached == null) {
      cached = compute.apply(key);
      if (cache.size() < MAX_CACHED) {
        cache.put(key, cached);
      }
    }
    return cached;
  }

  /** snake_case of a Segment event name: {@code Order Completed}, {@code orderCompleted}, {@code order-completed} all give {@code order_completed}. */
  public static String normalise(String name) {
    String split = CAMEL_BOUNDARY.matcher(name.strip()).replaceAll("$1_$2");
    String snake = NON_WORD.matcher(split.toLowerCase(Locale.ROOT)).replaceAll("_");
    int start = 0;
    int end = snake.length();
    while (start < end && snake.charAt(start) == '_') {
      start++;
    }
    while (end > start && snake.charAt(end - 1) == '_') {
      end--;
    }
    return snake.substring(start, end);
  }

  private static final ConcurrentHashMap<String, String> CATEGORIES = new ConcurrentHashMap<>();

  /** The category of a normalised type (remembered, like {@link #normaliseCached}). */
  public static String categoryOf(String eventType) {
    return remembered(CATEGORIES, eventType, EventTypes::categoryByPrefix);
  }

  private static String categoryByPrefix(String eventType) {
    for (Map.Entry<String, String> entry : CATEGORY_BY_PREFIX) {
      if (eventType.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return "engagement";
  }
}
