package io.casegrid.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
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
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode, in a child JVM on the broker's own
 * classpath. Its storage is formatted on first start and kept afterwards.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ChildJvm jvm;
  private final String bootstrapServers;

  private KafkaBroker(ChildJvm jvm, String bootstrapServers) {
    this.jvm = jvm;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker whose data, configuration, log and pid file live in {@code home}, listening on
   * 127.0.0.1 only.
   */
  public static KafkaBroker start(Path home, int port, int controllerPort, String heap)
      throws IOException {
    Path data = home.resolve("data");
    Path config = home.resolve("server.properties");
    Files.createDirectories(home);
    Files.writeString(config, serverProperties(data, port, controllerPort));
    Path log4j = home.resolve("log4j2.properties");
    Files.writeString(log4j, resource("kafka-log4j2.properties"));
    String classpath = resource("kafka-broker.classpath").trim();
    List<String> jvmOptions =
        List.of(
            "-Xmx" + heap,
            "-Xms" + heap,
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            "-Dlog4j2.configurationFile=" + log4j.toUri());
    Path log = home.resolve("broker.log");
    if (!Files.exists(data.resolve("meta.properties"))) {
      format(jvmOptions, classpath, config, log, home.resolve("format.pid"));
    }
    ChildJvm jvm =
        ChildJvm.start(
            "kafka",
            jvmOptions,
            classpath,
            "kafka.Kafka",
            List.of(config.toString()),
            log,
            home.resolve("broker.pid"));
    KafkaBroker broker = new KafkaBroker(jvm, "127.0.0.1:" + port);
    broker.awaitReady();
    return broker;
  }

  private static void format(
      List<String> jvmOptions, String classpath, Path config, Path log, Path pidFile)
      throws IOException {
    try (ChildJvm formatter =
        ChildJvm.start(
            "kafka-storage-format",
            jvmOptions,
            classpath,
            "kafka.tools.StorageTool",
            List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
            log,
            pidFile)) {
      int exit = formatter.awaitExit(START_TIMEOUT);
      if (exit != 0) {
        throw new IOException("formatting Kafka storage failed (" + exit + "); see " + log);
      }
    }
  }

  private static String serverProperties(Path data, int port, int controllerPort) {
    return String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + data,
            "num.partitions=6",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=6",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "min.insync.replicas=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "log.retention.hours=168",
            "")
        .replace('\\', '/');
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    awaitListening(deadline);
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IOException("Kafka broker exited during start-up; see " + jvm.log());
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        sleepQuietly(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Kafka", e);
      }
    }
    throw new IOException("Kafka broker not ready within " + START_TIMEOUT + "; see " + jvm.log());
  }

  // Until the port accepts connections an admin client would only log refusals.
  private void awaitListening(long deadline) throws IOException {
    int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    while (System.nanoTime() < deadline && jvm.isAlive()) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        sleepQuietly(100);
      }
    }
  }

  /** Creates the topics that do not exist yet, with the given partition count. */
  public void createTopics(Collection<String> names, int partitions) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          names.stream()
              .filter(n -> !existing.contains(n))
              .map(n -> new NewTopic(n, partitions, (short) 1))
              .toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + names, e);
    }
  }

  public Admin admin() {
    Properties props = new Properties();
    props.putAll(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    return Admin.create(props);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public long pid() {
    return jvm.pid();
  }

  @Override
  public void close() {
    jvm.close();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = KafkaBroker.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name + " (is the kafka-broker module built?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
