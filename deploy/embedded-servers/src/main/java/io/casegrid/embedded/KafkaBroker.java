package io.casegrid.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One real Apache Kafka node in KRaft mode (broker and controller), in a child JVM on the broker's
 * own classpath; see {@link KafkaCluster} for starting one or several. Its storage is formatted on
 * its first start, with the SCRAM credentials of the administrator and the brokers, and kept
 * afterwards, so that it can be killed and started again with its data.
 *
 * <p>Every listener authenticates: clients and brokers with SASL SCRAM-SHA-512 on the client
 * listener, brokers with the controllers with SASL PLAIN on the controller listener (KRaft keeps
 * SCRAM credentials in the metadata the controllers serve, so they cannot log in with them). The
 * standard authorizer enforces {@link KafkaAccess}.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** Where a node listens: clients and brokers on {@code port}, controllers on the other. */
  public record Node(int id, int port, int controllerPort) {}

  private final Path home;
  private final Node node;
  private final List<Node> voters;
  private final String heap;
  private final Credentials credentials;
  private final String clusterId;
  private volatile ChildJvm jvm;

  KafkaBroker(
      Path home,
      Node node,
      List<Node> voters,
      String heap,
      Credentials credentials,
      String clusterId) {
    this.home = home;
    this.node = node;
    this.voters = voters;
    this.heap = heap;
    this.credentials = credentials;
    this.clusterId = clusterId;
  }

  /** Starts the node's JVM, formatting its storage first if it has none; does not wait. */
  void launch() throws IOException {
    Path data = home.resolve("data");
    Files.createDirectories(home);
    setAsideUnsecuredData(data);
    SecretFiles.write(config(), serverProperties(data));
    Files.writeString(home.resolve("log4j2.properties"), resource("kafka-log4j2.properties"));
    if (!Files.exists(data.resolve("meta.properties"))) {
      format();
    }
    jvm =
        ChildJvm.start(
            "kafka-" + node.id(),
            jvmOptions(),
            classpath(),
            "kafka.Kafka",
            List.of(config().toString()),
            log(),
            home.resolve("broker.pid"));
  }

  // Storage formatted before the brokers authenticated holds no credentials, and none can be added
  // without an administrator who can log in: it is moved aside, and the broker starts afresh. The
  // services' outboxes still hold what Kafka has not acknowledged.
  private void setAsideUnsecuredData(Path data) throws IOException {
    if (Files.exists(data.resolve("meta.properties")) && !Files.exists(securedMarker())) {
      Path aside = home.resolve("data-unsecured-" + Instant.now().getEpochSecond());
      Files.move(data, aside);
      LOG.warning(
          "Kafka storage "
              + data
              + " was made before the brokers authenticated clients; moved to "
              + aside
              + " and formatted afresh");
    }
  }

  private Path securedMarker() {
    return home.resolve("secured");
  }

  private Path config() {
    return home.resolve("server.properties");
  }

  private Path log() {
    return home.resolve("broker.log");
  }

  private List<String> jvmOptions() {
    return List.of(
        "-Xmx" + heap,
        "-Xms" + heap,
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties").toUri());
  }

  // The bootstrap credentials are formatted into the storage; their passwords go through an
  // owner-only argument file, never the command line.
  private void format() throws IOException {
    List<String> args =
        List.of(
            "format",
            "-t",
            clusterId,
            "-c",
            config().toString(),
            "--add-scram",
            scram(KafkaAccess.ADMIN),
            "--add-scram",
            scram(KafkaAccess.BROKER));
    Path argumentFile = home.resolve("format.args");
    try (ChildJvm formatter =
        ChildJvm.startWithSecretArguments(
            "kafka-storage-format",
            jvmOptions(),
            classpath(),
            "kafka.tools.StorageTool",
            args,
            log(),
            home.resolve("format.pid"),
            argumentFile)) {
      int exit = formatter.awaitExit(START_TIMEOUT);
      if (exit != 0) {
        throw new IOException("formatting Kafka storage failed (" + exit + "); see " + log());
      }
    } finally {
      Files.deleteIfExists(argumentFile);
    }
    Files.writeString(
        securedMarker(), "Formatted with SCRAM credentials; clients must authenticate.\n");
  }

  private String scram(String user) {
    return KafkaLogin.MECHANISM
        + "=[name="
        + user
        + ",password="
        + credentials.password(user)
        + "]";
  }

  private String serverProperties(Path data) {
    int replication = Math.min(3, voters.size());
    int minInSync = replication >= 3 ? 2 : 1;
    String controllerPassword = credentials.password(KafkaAccess.CONTROLLER);
    return String.join(
        "\n",
        "# Written by casegrid at every start; passwords from the keys folder.",
        "process.roles=broker,controller",
        "node.id=" + node.id(),
        "controller.quorum.voters="
            + voters.stream()
                .map(v -> v.id() + "@127.0.0.1:" + v.controllerPort())
                .collect(Collectors.joining(",")),
        "listeners=CLIENT://127.0.0.1:"
            + node.port()
            + ",CONTROLLER://127.0.0.1:"
            + node.controllerPort(),
        "advertised.listeners=CLIENT://127.0.0.1:" + node.port(),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=CLIENT",
        "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
        "listener.name.client.sasl.enabled.mechanisms=" + KafkaLogin.MECHANISM,
        "sasl.mechanism.inter.broker.protocol=" + KafkaLogin.MECHANISM,
        "listener.name.client.scram-sha-512.sasl.jaas.config="
            + new KafkaLogin("", KafkaAccess.BROKER, credentials.password(KafkaAccess.BROKER))
                .jaasConfig(),
        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
        "sasl.mechanism.controller.protocol=PLAIN",
        "listener.name.controller.plain.sasl.jaas.config="
            + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + KafkaAccess.CONTROLLER
            + "\" password=\""
            + controllerPassword
            + "\" user_"
            + KafkaAccess.CONTROLLER
            + "=\""
            + controllerPassword
            + "\";",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users="
            + KafkaAccess.SUPER_USERS.stream()
                .map(u -> "User:" + u)
                .collect(Collectors.joining(";")),
        "allow.everyone.if.no.acl.found=false",
        "log.dirs=" + data.toString().replace('\\', '/'),
        "num.partitions=6",
        "default.replication.factor=" + replication,
        "min.insync.replicas=" + minInSync,
        "unclean.leader.election.enable=false",
        "offsets.topic.replication.factor=" + replication,
        "offsets.topic.num.partitions=6",
        "transaction.state.log.replication.factor=" + replication,
        "transaction.state.log.min.isr=" + minInSync,
        "share.coordinator.state.topic.replication.factor=" + replication,
        "share.coordinator.state.topic.min.isr=" + minInSync,
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "log.retention.hours=168",
        "");
  }

  /** Waits until the node answers its administrator; throws if it died or took too long. */
  void awaitReady() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    awaitListening(deadline);
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IOException("Kafka node " + node.id() + " exited during start-up; see " + log());
      }
      try (Admin admin = admin(login(KafkaAccess.ADMIN))) {
        admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        sleepQuietly(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Kafka", e);
      }
    }
    throw new IOException(
        "Kafka node " + node.id() + " not ready within " + START_TIMEOUT + "; see " + log());
  }

  // Until the port accepts connections an admin client would only log refusals.
  private void awaitListening(long deadline) {
    while (System.nanoTime() < deadline && jvm.isAlive()) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", node.port()), 500);
        return;
      } catch (IOException notYet) {
        sleepQuietly(100);
      }
    }
  }

  /** How {@code principal} logs in to this node alone. */
  public KafkaLogin login(String principal) {
    return new KafkaLogin(bootstrapServer(), principal, credentials.password(principal));
  }

  static Admin admin(KafkaLogin login) {
    Properties props = login.clientProperties();
    props.putAll(
        Map.of(
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    return Admin.create(props);
  }

  public String bootstrapServer() {
    return "127.0.0.1:" + node.port();
  }

  public Node node() {
    return node;
  }

  public long pid() {
    return jvm.pid();
  }

  public boolean isAlive() {
    return jvm.isAlive();
  }

  /** Kills the node at once (SIGKILL), as a crash of its machine would; its data stays. */
  public void kill() {
    jvm.kill();
  }

  /** Starts the node again on its kept data, and waits until it answers. */
  public void restart() throws IOException {
    launch();
    awaitReady();
  }

  /** Stops the node where it is (SIGSTOP), as a long pause of its machine would. */
  public void pause() {
    jvm.pause();
  }

  /** Lets a paused node go on (SIGCONT). */
  public void resume() {
    jvm.resume();
  }

  @Override
  public void close() {
    if (jvm != null) {
      jvm.close();
    }
  }

  static String classpath() throws IOException {
    return resource("kafka-broker.classpath").trim();
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
