package io.casegrid.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One PostgreSQL, one Kafka broker and one identity provider for a whole test run (one JVM), on
 * free ports and in a temporary directory, stopped when the JVM ends. Starting them costs seconds,
 * so every test class shares them; each service gets its own database and role. They are secured as
 * the local stack's are, with passwords made up for this run and kept in memory only.
 */
public final class TestInfrastructure {

  private static TestInfrastructure shared;

  private final Path home;
  private final Postgres postgres;
  private final KafkaCluster kafka;
  private final IdentityProvider identity;
  private final AccessTokens tokens;

  private TestInfrastructure(
      Path home, Postgres postgres, KafkaCluster kafka, IdentityProvider identity) {
    this.home = home;
    this.postgres = postgres;
    this.kafka = kafka;
    this.identity = identity;
    this.tokens = new AccessTokens(identity.tokenEndpoint());
  }

  public static synchronized TestInfrastructure shared() {
    if (shared == null) {
      shared = startNew();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-infrastructure-stop"));
    }
    return shared;
  }

  private static TestInfrastructure startNew() {
    try {
      Path home = Files.createTempDirectory("casegrid-test-");
      Postgres postgres =
          Postgres.start(home.resolve("postgres"), FreePorts.next(), false, Credentials.inMemory());
      KafkaCluster kafka =
          KafkaCluster.single(
              home.resolve("kafka"),
              FreePorts.next(),
              FreePorts.next(),
              "384m",
              Credentials.inMemory());
      IdentityProvider identity =
          IdentityProvider.start(FreePorts.next(), home.resolve("idp/signing-key.pk8"));
      return new TestInfrastructure(home, postgres, kafka, identity);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL and Kafka for the tests", e);
    }
  }

  public Postgres postgres() {
    return postgres;
  }

  public KafkaCluster kafka() {
    return kafka;
  }

  /** The identity provider serving the shipped realm's demo users and machine clients. */
  public IdentityProvider identity() {
    return identity;
  }

  /** Real signed tokens for the demo users and machine clients. */
  public AccessTokens tokens() {
    return tokens;
  }

  public void createTopics(Collection<String> topics, int partitions) {
    kafka.createTopics(topics, partitions);
  }

  private void stop() {
    identity.close();
    kafka.close();
    try {
      postgres.close();
      deleteRecursively(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a folder and everything in it. */
  public static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
