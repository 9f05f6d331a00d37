package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ingest.config.IngestConfig;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What bounds the load one client can put on the collector, tried on a real one with hostile clients on loopback. */
class EdgeIT {

  private static final String NOW = Instant.now().toString();
  private static final String ONE_EVENT = "{\"batch\":[{\"type\":\"track\",\"messageId\":\"m\",\"userId\":\"u\",\"event\":\"x\","
      + "\"timestamp\":\"" + NOW + "\"}]}";

  private static IngestConfig config(IngestConfig.Edge edge) {
    return RunningCollector.localConfig().withEdge(edge);
  }

  @Test
  void unauthenticatedHalfMegabyteBodiesAreTurnedAwayBeforeTheirEventsAreParsed() throws Exception {
    try (RunningCollector stack = new RunningCollector(RunningCollector.localConfig())) {
      StringBuilder body = new StringBuilder("{\"batch\":[");
      while (body.length() < 500_000) {
        body.append("{},");
      }
      String huge = body.append("{}],\"writeKey\":\"tk_madeup\"}").toString();
      long allocatedBefore = serverThreadsAllocatedBytes();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(200);
      HttpClient http = HttpClient.newHttpClient();
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        sent.add(pool.submit(() -> {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.uri("/v1/batch"))
              .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
          statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
          return null;
        }));
      }
      for (Future<?> f : sent) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();

      assertThat(statuses.keySet()).as("unknown key, or busy").isSubsetOf(401, 503);
      // what the collector's request threads allocated per request: parsing a body's 125,000 empty
      // events into a tree would take tens of megabytes each; reading its bytes and scanning for the key
      // takes about the body. At most TALLY_INGEST_MAX_IN_FLIGHT (128) requests at once hold that much:
      // well within the collector's 512 MB heap
      long perRequest = (serverThreadsAllocatedBytes() - allocatedBefore) / 200;
      System.out.printf("collector threads allocated %,d bytes per 500 KB unauthenticated request%n", perRequest);
      assertThat(perRequest).isLessThan(3L * huge.length());
      assertThat(stack.post("/v1/batch", stack.newKey().key(), ONE_EVENT).status()).isEqualTo(200);
    }
  }

  /** Bytes allocated so far by the live threads of the collector's HTTP server (Jetty's pool). */
  private static long serverThreadsAllocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(RunningCollector.SERVER_THREAD_PREFIX))
        .mapToLong(t -> Math.max(0, threads.getThreadAllocatedBytes(t.getId()))).sum();
  }

  @Test
  void bodiesSentOneByteASecondAreCutOffAndValidTrafficIsServedMeanwhile() throws Exception {
    try (RunningCollector stack = new RunningCollector(config(new IngestConfig.Edge(128, 1024, 0, "*")))) {
      String key = stack.newKey().key();
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Socket socket = new Socket("127.0.0.1", stack.collector.port());
        socket.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Authorization: " + RunningCollector.basic(key) + "\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        slow.add(socket);
      }
      List<Long> servedMillis = new ArrayList<>();
      int cut = 0;
      for (int second = 0; second < 8; second++) {
        for (Socket socket : slow) {
          if (!socket.isClosed()) {
            try {
              socket.getOutputStream().write(' ');
            } catch (java.io.IOException refused) {
              socket.close();
              cut++;
            }
          }
        }
        long start = System.nanoTime();
        assertThat(stack.post("/v1/batch", key, ONE_EVENT).status()).isEqualTo(200);
        servedMillis.add((System.nanoTime() - start) / 1_000_000);
        Thread.sleep(1000);
      }
      for (Socket socket : slow) {
        if (!socket.isClosed()) {
          socket.setSoTimeout(5000);
          String answer = answerOf(socket);
          cut += answer.startsWith("HTTP/1.1 408") || answer.isEmpty() ? 1 : 0;
          socket.close();
        }
      }

      assertThat(cut).as("slow bodies answered 408 or their connection closed").isEqualTo(200);
      assertThat(servedMillis).as("valid requests meanwhile, ms").allMatch(ms -> ms < 1000);
    }
  }

  @Test
  void beyondTheRequestsInFlightARequestGets503AndItsEventsAreNotParsed() throws Exception {
    try (RunningCollector stack = new RunningCollector(config(new IngestConfig.Edge(1, 1024, 0, "*")))) {
      String key = stack.newKey().key();
      StringBuilder events = new StringBuilder("{\"batch\":[");
      for (int i = 0; i < 1000; i++) {
        events.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"m-").append(i)
            .append("\",\"userId\":\"u\",\"event\":\"x\",\"timestamp\":\"").append(NOW).append("\"}");
      }
      String body = events.append("]}").toString();
      ExecutorService pool = Executors.newFixedThreadPool(32);
      List<Future<RunningCollector.Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        answers.add(pool.submit(() -> stack.post("/v1/batch", key, body)));
      }
      List<RunningCollector.Answer> answered = new ArrayList<>();
      for (Future<RunningCollector.Answer> answer : answers) {
        answered.add(answer.get(2, TimeUnit.MINUTES));
      }
      pool.shutdown();

      assertThat(answered).extracting(RunningCollector.Answer::status).contains(200, 503).containsOnly(200, 503);
      assertThat(answered).filteredOn(a -> a.status() == 503).allMatch(a -> a.retryAfter() != null);
      assertThat(answered).filteredOn(a -> a.status() == 200).allMatch(a -> a.accepted() == 1000);
    }
  }

  @Test
  void aKeyOverItsRequestRateGets429WithRetryAfterAndAnotherKeyDoesNot() throws Exception {
    try (RunningCollector stack = new RunningCollector(config(new IngestConfig.Edge(128, 1024, 5, "*")))) {
      String busy = stack.newKey().key();
      String quiet = stack.newKey().key();
      List<RunningCollector.Answer> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(stack.post("/v1/batch", busy, ONE_EVENT));
      }

      assertThat(answers).extracting(RunningCollector.Answer::status).contains(200, 429).doesNotContain(500, 503);
      assertThat(answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow().retryAfter()).isEqualTo("1");
      assertThat(stack.post("/v1/batch", quiet, ONE_EVENT).status()).isEqualTo(200);
      Thread.sleep(1100);
      assertThat(stack.post("/v1/batch", busy, ONE_EVENT).status()).as("a second later").isEqualTo(200);
    }
  }

  /** The first bytes of the answer; empty when the connection was closed; "waiting" when nothing came in 5 s. */
  private static String answerOf(Socket socket) {
    try (InputStream in = socket.getInputStream()) {
      return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    } catch (java.net.SocketTimeoutException silent) {
      return "waiting";
    } catch (java.io.IOException closed) {
      return "";
    }
  }
}
