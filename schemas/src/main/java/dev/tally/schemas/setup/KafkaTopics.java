package dev.tally.schemas.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates Tally's topics when they are missing; existing topics are left as they are. */
public final class KafkaTopics {

  private final String bootstrapServers;

  public KafkaTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Creates the missing ones among {@code topics} and returns their names. */
  public List<String> ensure(List<String> topics, int partitions) throws ExecutionException, InterruptedException {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    try (Admin admin = Admin.create(config)) {
      return createMissing(admin, topics, partitions);
    } catch (TimeoutException e) {
      throw notAnswering(e);
    } catch (ExecutionException e) {
      // the admin client retries until its own timeout, then fails the call with one
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw notAnswering(e);
      }
      throw e;
    }
  }

  private IllegalStateException notAnswering(Exception e) {
    return new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 20 s", e);
  }

  private static List<String> createMissing(Admin admin, List<String> topics, int partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (String topic : topics) {
      if (!existing.contains(topic)) {
        // Replication 1 on the single local broker; a cluster uses 3 with min.insync.replicas 2.
        missing.add(new NewTopic(topic, partitions, (short) 1)
            .configs(Map.of("compression.type", "producer")));
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(20, TimeUnit.SECONDS);
    }
    return missing.stream().map(NewTopic::name).toList();
  }
}
