package dev.tally.ingest.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic, seeded traffic: for each organization, users sign up over the period and then come
 * back on some days for a session with page views, conversations with an AI agent (messages with
 * tokens, response times, errors and ratings), workflow runs, orders with tax, shipping and
 * discounts (some refunded) in the organization's currency, and a monthly invoice (some refunded).
 * The same seed and options give the same events, byte for byte. A chosen share of events is sent
 * twice, moved later within the day, or held back until after the next day.
 */
public final class TrafficGenerator {

  /** How much and how unusual; shares are from 0 to 1. */
  public record Options(long seed, int organizations, int days, LocalDate start, int usersPerOrganization,
      double duplicateShare, double outOfOrderShare, double lateShare) {}

  private static final String[] CURRENCIES = {"USD", "EUR", "JPY", "GBP", "BHD"};
  private static final String[] PLATFORMS = {"iOS", "Android", "Windows", "Mac OS X", "Linux"};
  private static final String[] PAGES = {"/", "/pricing", "/docs", "/blog", "/agents", "/settings"};

  private final Options options;
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> organizations = new ArrayList<>();
  private final List<String> currencies = new ArrayList<>();
  private final List<GeneratedEvent> heldBack = new ArrayList<>();
  private final List<Integer> signUpDay = new ArrayList<>();
  private long counter;

  public TrafficGenerator(Options options) {
    this.options = options;
    Random setup = new Random(options.seed());
    for (int o = 0; o < options.organizations(); o++) {
      organizations.add(uuid("organization", o).toString());
      currencies.add(CURRENCIES[setup.nextInt(CURRENCIES.length)]);
      for (int u = 0; u < options.usersPerOrganization(); u++) {
        signUpDay.add(setup.nextInt(Math.max(1, options.days())));
      }
    }
  }

  public List<String> organizations() {
    return List.copyOf(organizations);
  }

  /**
   * The events to send for day {@code day} (0-based), in sending order: that day's events by time
   * with some moved later, then the copies and late events held back from the day before. After
   * the last day, {@link #rest()} gives what is still held back.
   */
  public List<GeneratedEvent> day(int day) {
    Random random = new Random(options.seed() * 1_000_003L + day);
    List<GeneratedEvent> events = new ArrayList<>();
    for (int o = 0; o < organizations.size(); o++) {
      for (int u = 0; u < options.usersPerOrganization(); u++) {
        user(random, day, o, u, events);
      }
      if (day % 30 == o % 30) {
        invoices(random, day, o, events);
      }
    }
    events.sort(Comparator.comparing((GeneratedEvent e) -> Instant.parse(e.message().path("timestamp").asText()))
        .thenComparing(GeneratedEvent::messageId));

    List<GeneratedEvent> sending = new ArrayList<>(heldBack);
    heldBack.clear();
    List<GeneratedEvent> today = new ArrayList<>(events.size());
    for (GeneratedEvent event : events) {
      double roll = random.nextDouble();
      if (roll < options.lateShare()) {
        heldBack.add(new GeneratedEvent(event.organizationId(), event.message(), "late"));
        continue;
      }
      today.add(event);
      if (random.nextDouble() < options.duplicateShare()) {
        heldBack.add(new GeneratedEvent(event.organizationId(), event.message().deepCopy(), "duplicate"));
      }
    }
    for (int i = 0; i < today.size(); i++) {
      if (random.nextDouble() < options.outOfOrderShare() && today.get(i).disorder() == null) {
        GeneratedEvent moved = today.remove(i);
        int to = Math.min(today.size(), i + 1 + random.nextInt(50));
        today.add(to, new GeneratedEvent(moved.organizationId(), moved.message(), "out_of_order"));
      }
    }
    List<GeneratedEvent> result = new ArrayList<>(today);
    result.addAll(sending);
    return result;
  }

  /** What is still held back after the last day. */
  public List<GeneratedEvent> rest() {
    List<GeneratedEvent> rest = new ArrayList<>(heldBack);
    heldBack.clear();
    return rest;
  }

  private void user(Random random, int day, int o, int u, List<GeneratedEvent> events) {
    int signedUp = signUpDay.get(o * options.usersPerOrganization() + u);
    if (day < signedUp) {
      return;
    }
    String org = organizations.get(o);
    String userId = "user-" + o + "-" + u;
    String platform = PLATFORMS[(o + u) % PLATFORMS.length];
    Instant dayStart = options.start().plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant at = dayStart.plusSeconds(random.nextInt(20 * 3600));
    if (day == signedUp) {
      ObjectNode identify = message("identify", null, userId, at, platform);
      identify.set("traits", traits(userId));
      events.add(event(org, identify));
      events.add(event(org, track("Signed Up", userId, at.plusMillis(200), platform)));
    } else if (random.nextDouble() > 0.6) {
      return;
    }
    String session = "s-" + uuid("session", counter++);
    for (int p = 1 + random.nextInt(4); p > 0; p--) {
      at = at.plusSeconds(5 + random.nextInt(120));
      ObjectNode page = message("page", null, userId, at, platform);
      page.put("name", PAGES[random.nextInt(PAGES.length)]);
      page.putObject("properties").put("path", page.path("name").asText());
      ((ObjectNode) page.get("context")).put("sessionId", session);
      events.add(event(org, page));
    }
    String agent = "agent-" + o + "-" + random.nextInt(3);
    if (random.nextDouble() < 0.5) {
      String conversation = "c-" + uuid("conversation", counter++);
      at = at.plusSeconds(10);
      events.add(event(org, agentEvent("Conversation Started", userId, at, platform, agent, conversation)));
      for (int m = 1 + random.nextInt(6); m > 0; m--) {
        at = at.plusSeconds(3 + random.nextInt(60));
        ObjectNode sent = agentEvent("Message Sent", userId, at, platform, agent, conversation);
        ObjectNode properties = (ObjectNode) sent.get("properties");
        properties.put("tokens", 50 + random.nextInt(1950));
        properties.put("response_time_ms", 200 + random.nextInt(2800) + random.nextInt(10) / 10.0);
        properties.put("status", random.nextDouble() < 0.05 ? "error" : "ok");
        events.add(event(org, sent));
      }
      if (random.nextDouble() < 0.3) {
        ObjectNode rated = agentEvent("Message Rated", userId, at.plusSeconds(5), platform, agent, conversation);
        ((ObjectNode) rated.get("properties")).put("rating", 1 + random.nextInt(5));
        events.add(event(org, rated));
      }
    }
    if (random.nextDouble() < 0.2) {
      at = at.plusSeconds(20);
      ObjectNode workflow = agentEvent("Workflow Executed", userId, at, platform, agent, null);
      ((ObjectNode) workflow.get("properties")).put("status", random.nextDouble() < 0.1 ? "error" : "ok")
          .put("workflow", "wf-" + random.nextInt(5));
      events.add(event(org, workflow));
    }
    if (random.nextDouble() < 0.12) {
      order(random, org, currencies.get(o), userId, at.plusSeconds(30), platform, events);
    }
  }

  private void order(Random random, String org, String currency, String userId, Instant at, String platform,
      List<GeneratedEvent> events) {
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    BigDecimal scale = currency.equals("JPY") ? BigDecimal.valueOf(150) : BigDecimal.ONE;
    BigDecimal subtotal = money(random, 5, 400, digits).multiply(scale).setScale(digits, RoundingMode.HALF_EVEN);
    BigDecimal tax = subtotal.multiply(new BigDecimal("0.08")).setScale(digits, RoundingMode.HALF_EVEN);
    BigDecimal shipping = random.nextBoolean() ? BigDecimal.ZERO.setScale(digits) : money(random, 3, 15, digits).multiply(scale).setScale(digits, RoundingMode.HALF_EVEN);
    BigDecimal discount = random.nextDouble() < 0.2 ? subtotal.multiply(new BigDecimal("0.1")).setScale(digits, RoundingMode.HALF_EVEN) : BigDecimal.ZERO.setScale(digits);
    BigDecimal total = subtotal.add(tax).add(shipping).subtract(discount);
    String orderId = "o-" + uuid("order", counter++);
    ObjectNode completed = track("Order Completed", userId, at, platform);
    completed.putObject("properties").put("order_id", orderId).put("total", total).put("revenue", subtotal)
        .put("tax", tax).put("shipping", shipping).put("discount", discount).put("currency", currency);
    events.add(event(org, completed));
    if (random.nextDouble() < 0.1) {
      ObjectNode refunded = track("Order Refunded", userId, at.plus(Duration.ofMinutes(30 + random.nextInt(300))), platform);
      refunded.putObject("properties").put("order_id", orderId).put("total", total).put("currency", currency);
      events.add(event(org, refunded));
    }
  }

  private void invoices(Random random, int day, int o, List<GeneratedEvent> events) {
    String org = organizations.get(o);
    String currency = currencies.get(o);
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    Instant at = options.start().plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600 + random.nextInt(3600));
    String invoiceId = "in-" + uuid("invoice", counter++);
    BigDecimal amount = money(random, 49, 999, digits).multiply(currency.equals("JPY") ? BigDecimal.valueOf(150) : BigDecimal.ONE)
        .setScale(digits, RoundingMode.HALF_EVEN);
    ObjectNode paid = track("Invoice Paid", "billing-" + o, at, null);
    paid.putObject("properties").put("invoice_id", invoiceId).put("amount", amount).put("currency", currency);
    events.add(event(org, paid));
    if (random.nextDouble() < 0.15) {
      ObjectNode refunded = track("Invoice Refunded", "billing-" + o, at.plus(Duration.ofHours(2)), null);
      refunded.putObject("properties").put("invoice_id", invoiceId).put("amount", amount).put("currency", currency);
      events.add(event(org, refunded));
    }
  }

  private static BigDecimal money(Random random, int min, int max, int digits) {
    long minor = (long) ((min + random.nextDouble() * (max - min)) * Math.pow(10, digits));
    return BigDecimal.valueOf(minor, digits);
  }

  private ObjectNode agentEvent(String name, String userId, Instant at, String platform, String agent, String conversation) {
    ObjectNode message = track(name, userId, at, platform);
    ObjectNode properties = message.putObject("properties").put("agent_id", agent);
    if (conversation != null) {
      properties.put("conversation_id", conversation);
    }
    return message;
  }

  private ObjectNode track(String name, String userId, Instant at, String platform) {
    return message("track", name, userId, at, platform);
  }

  private ObjectNode message(String type, String event, String userId, Instant at, String platform) {
    ObjectNode message = json.createObjectNode();
    message.put("type", type);
    message.put("messageId", uuid("message", counter++).toString());
    if (event != null) {
      message.put("event", event);
    }
    message.put("userId", userId);
    message.put("timestamp", at.toString());
    ObjectNode context = message.putObject("context");
    if (platform != null) {
      context.putObject("os").put("name", platform);
      context.putObject("app").put("version", "3." + (userId.hashCode() & 7) + ".0");
      context.put("userAgent", "TallyGenerator/1.0 (" + platform + ")");
    }
    return message;
  }

  private ObjectNode traits(String userId) {
    return json.createObjectNode().put("email", userId + "@example.com").put("plan", "free");
  }

  private static GeneratedEvent event(String organization, ObjectNode message) {
    return new GeneratedEvent(organization, message, null);
  }

  private UUID uuid(String kind, long n) {
    return UUID.nameUUIDFromBytes((options.seed() + "/" + kind + "/" + n).getBytes(StandardCharsets.UTF_8));
  }
}
