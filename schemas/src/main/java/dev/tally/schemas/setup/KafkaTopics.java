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
  public List<String> ensure(List<String> topics, int partitions) throws ExecutionException, InterruptedException,
      TimeoutException {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          // min.insync.replicas stays 1 on a single local broker; a cluster sets 2 with replication 3.
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
}
