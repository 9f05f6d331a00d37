package dev.tally.ingest.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.client.CollectorClient;
import dev.tally.ingest.client.OrganizationKeys;
import dev.tally.ingest.client.Progress;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code infra/tally replay FILE}: sends an NDJSON file of events (as {@code generate} writes it)
 * through the API, in order, one organization per batch. After each acknowledged batch the number of
 * lines done goes to a checkpoint file, so a run that is interrupted resumes after the last
 * acknowledged batch and sends nothing twice (only a batch in flight at the moment of a crash may
 * go again; its message ids make that harmless downstream).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Sends an NDJSON file of events through the collector's API, resumably (checkpoint FILE.checkpoint).")
public final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "NDJSON: one {\"organization_id\": ..., \"message\": {Segment message}} per line.")
  Path file;

  @Option(names = "--url", description = "Collector URL (default http://127.0.0.1:$TALLY_INGEST_PORT, port 8088).")
  String url;

  @Option(names = "--batch-size", defaultValue = "100", description = "Events per request (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--from-start", description = "Ignore the checkpoint and send the whole file again.")
  boolean fromStart;

  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Override
  public Integer call() throws Exception {
    Checkpoint checkpoint = new Checkpoint(file.resolveSibling(file.getFileName() + ".checkpoint"));
    long done = fromStart ? 0 : checkpoint.linesDone();
    if (done > 0) {
      System.err.printf("resuming %s after line %,d (checkpoint %s)%n", file, done, checkpoint.path());
    }
    IngestConfig config = IngestConfig.load();
    CollectorClient client = new CollectorClient(url != null ? url : "http://127.0.0.1:" + config.port(), json);
    OrganizationKeys keys = new OrganizationKeys(new WriteKeys(DataSources.postgres(TallySettings.load())), "replay");
    Progress progress = new Progress();
    long rejected = 0;
    long lineNumber = 0;
    String organization = null;
    List<ObjectNode> batch = new ArrayList<>();
    Set<String> idsInBatch = new HashSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber <= done || line.isBlank()) {
          continue;
        }
        JsonNode entry = parse(line, lineNumber);
        String org = entry.path("organization_id").asText();
        ObjectNode message = (ObjectNode) entry.get("message");
        String id = message.path("messageId").asText();
        if (!batch.isEmpty() && (!org.equals(organization) || batch.size() >= batchSize || idsInBatch.contains(id))) {
          rejected += send(client, keys, organization, batch, checkpoint, lineNumber - 1, progress);
          idsInBatch.clear();
        }
        organization = org;
        batch.add(message);
        idsInBatch.add(id);
      }
      if (!batch.isEmpty()) {
        rejected += send(client, keys, organization, batch, checkpoint, lineNumber, progress);
      }
    }
    progress.done("replayed from " + file + (rejected > 0 ? "; " + rejected + " rejected by the collector" : ""));
    return 0;
  }

  private long send(CollectorClient client, OrganizationKeys keys, String organization, List<ObjectNode> batch,
      Checkpoint checkpoint, long linesDone, Progress progress) throws Exception {
    CollectorClient.Answer answer = client.send(keys.keyFor(organization), batch);
    checkpoint.save(linesDone);
    progress.add(batch.size(), "line " + linesDone);
    for (String reason : answer.rejected()) {
      System.err.println("rejected: " + reason);
    }
    int rejected = answer.rejected().size();
    batch.clear();
    return rejected;
  }

  private JsonNode parse(String line, long lineNumber) throws IOException {
    JsonNode entry;
    try {
      entry = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IOException(file + " line " + lineNumber + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!entry.path("organization_id").isTextual() || !entry.path("message").isObject()) {
      throw new IOException(file + " line " + lineNumber + " needs \"organization_id\" (text) and \"message\" (object)");
    }
    return entry;
  }
}
