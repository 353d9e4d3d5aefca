package io.casegrid.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the shared real PostgreSQL, Kafka and identity provider: a
 * database named by the {@code database} argument and the topics named by {@code topics}
 * (comma-separated). The service logs in to its database as the database's role, and to Kafka as
 * the client of {@link KafkaAccess} named by {@code kafka-user} (by default the database's name),
 * with exactly the access the local stack gives it.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

  /**
   * The key protecting citizens' personal data (intake): random for each test run, never written
   * anywhere; the test database is new for each run too, so nothing sealed under an earlier key is
   * left.
   */
  private static final String PERSONAL_DATA_KEY = randomKey();

  /** The secret of the consoles' sessions: random for each test run, like the key above. */
  private static final String CONSOLE_SESSION_SECRET = randomKey();

  private String database = "service";
  private String kafkaUser;
  private List<String> topics = List.of();

  @Override
  public void init(Map<String, String> args) {
    database = args.getOrDefault("database", database);
    kafkaUser = args.getOrDefault("kafka-user", database);
    String names = args.getOrDefault("topics", "");
    topics = names.isBlank() ? List.of() : List.of(names.split(","));
  }

  @Override
  public Map<String, String> start() {
    TestInfrastructure infra = TestInfrastructure.shared();
    infra.postgres().ensureDatabase(database);
    infra.createTopics(topics, 6);
    Postgres.Login db = infra.postgres().login(database);
    KafkaLogin kafka = infra.kafka().login(kafkaUser);
    return Map.of(
        "quarkus.datasource.jdbc.url",
        infra.postgres().jdbcUrl(database),
        "quarkus.datasource.username",
        db.user(),
        "quarkus.datasource.password",
        db.password(),
        "kafka.bootstrap.servers",
        kafka.bootstrapServers(),
        "casegrid.kafka.username",
        kafka.username(),
        "casegrid.kafka.password",
        kafka.password(),
        "quarkus.oidc.auth-server-url",
        infra.identity().issuer(),
        "casegrid.personal-data.key",
        PERSONAL_DATA_KEY,
        "casegrid.console.session-secret",
        CONSOLE_SESSION_SECRET);
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  @Override
  public void stop() {
    // The servers outlive each test class; the JVM's end stops them.
  }
}
