package dev.tally.ingest.auth;

import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infra/tally keys create|revoke|list}: write keys of the ingest API. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Creates, revokes and lists write keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.Revoke.class, KeysCommand.ListKeys.class})
public final class KeysCommand {

  static WriteKeys writeKeys() {
    return new WriteKeys(DataSources.postgres(TallySettings.load()));
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates a write key for an organization and prints it once; only its hash is stored.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--organization", required = true, paramLabel = "UUID", description = "The organization the key sends for.")
    UUID organization;

    @Option(names = "--name", paramLabel = "TEXT", description = "A name to recognise the key by (e.g. ios-app).")
    String name;

    @Option(names = "--scope", defaultValue = "server", paramLabel = "client|server", converter = ScopeConverter.class,
        description = "client: for web pages and apps, everything but billing events; server: everything (default ${DEFAULT-VALUE}).")
    KeyScope scope;

    @Override
    public Integer call() throws SQLException {
      WriteKeys.NewKey key = writeKeys().create(organization, name, scope);
      System.out.println(key.key());
      System.err.printf("%s write key %s... for organization %s; shown once, store it now%n", key.scope().label(),
          key.prefix(), key.organizationId());
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes the key with this prefix (as keys list shows it).")
  static final class Revoke implements Callable<Integer> {
    @Parameters(paramLabel = "PREFIX", description = "The key's prefix, e.g. tk_AbCd1234.")
    String prefix;

    @Override
    public Integer call() throws SQLException {
      if (!writeKeys().revoke(prefix)) {
        System.err.println("no active key with prefix " + prefix);
        return 1;
      }
      System.out.println("revoked " + prefix);
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys by prefix (never the keys themselves).")
  static final class ListKeys implements Callable<Integer> {
    @Override
    public Integer call() throws SQLException {
      List<WriteKeys.StoredKey> keys = writeKeys().list();
      System.out.printf("%-12s %-36s %-6s %-8s %-20s %s%n", "PREFIX", "ORGANIZATION", "SCOPE", "STATE", "CREATED", "NAME");
      for (WriteKeys.StoredKey key : keys) {
        System.out.printf("%-12s %-36s %-6s %-8s %-20s %s%n", key.prefix(), key.organizationId(), key.scope().label(),
            key.revokedAt() == null ? "active" : "revoked", key.createdAt().toString().substring(0, 19),
            key.name() == null ? "" : key.name());
      }
      return 0;
    }
  }

  /** {@code client} or {@code server}; anything else is a usage error naming both. */
  static final class ScopeConverter implements ITypeConverter<KeyScope> {
    @Override
    public KeyScope convert(String value) {
      return KeyScope.of(value);
    }
  }
}
