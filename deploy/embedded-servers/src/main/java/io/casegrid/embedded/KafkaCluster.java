package io.casegrid.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Real Kafka in KRaft mode: one node, or several that replicate every topic (replication factor 3
 * and {@code min.insync.replicas} 2 from three nodes on). At every start the administrator gives
 * each client of {@link KafkaAccess} its SCRAM credentials and exactly its ACLs, and the cluster is
 * ready once every node lets every client log in.
 */
public final class KafkaCluster implements AutoCloseable {

  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

  private final List<KafkaBroker> brokers;
  private final Credentials credentials;

  private KafkaCluster(List<KafkaBroker> brokers, Credentials credentials) {
    this.brokers = brokers;
    this.credentials = credentials;
  }

  /**
   * Starts the nodes, whose data, configuration, logs and pid files live in {@code home} (in a
   * folder per node when there are several), listening on 127.0.0.1 only.
   */
  public static KafkaCluster start(
      Path home, List<KafkaBroker.Node> nodes, String heap, Credentials credentials)
      throws IOException {
    Files.createDirectories(home);
    String clusterId = clusterId(home);
    List<KafkaBroker> brokers = new ArrayList<>();
    for (KafkaBroker.Node node : nodes) {
      Path nodeHome = nodes.size() == 1 ? home : home.resolve("node-" + node.id());
      brokers.add(new KafkaBroker(nodeHome, node, nodes, heap, credentials, clusterId));
    }
    KafkaCluster cluster = new KafkaCluster(brokers, credentials);
    try {
      // A node of several is ready only once a majority of the controllers runs: start all first.
      for (KafkaBroker broker : brokers) {
        broker.launch();
      }
      for (KafkaBroker broker : brokers) {
        broker.awaitReady();
      }
      cluster.grantAccess();
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** One node on the given ports. */
  public static KafkaCluster single(
      Path home, int port, int controllerPort, String heap, Credentials credentials)
      throws IOException {
    return start(home, List.of(new KafkaBroker.Node(1, port, controllerPort)), heap, credentials);
  }

  // Every node of a cluster is formatted with the same id, kept beside them.
  private static String clusterId(Path home) throws IOException {
    Path file = home.resolve("cluster.id");
    if (!Files.exists(file)) {
      Files.writeString(file, Uuid.randomUuid().toString());
    }
    return Files.readString(file).trim();
  }

  private void grantAccess() throws IOException {
    try (Admin admin = admin()) {
      List<UserScramCredentialAlteration> users = new ArrayList<>();
      for (KafkaAccess.Principal client : KafkaAccess.CLIENTS) {
        users.add(
            new UserScramCredentialUpsertion(
                client.name(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                credentials.password(client.name())));
      }
      admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
      Set<String> clients =
          KafkaAccess.CLIENTS.stream().map(p -> "User:" + p.name()).collect(Collectors.toSet());
      Collection<AclBinding> existing =
          admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
      Set<AclBinding> wanted = new HashSet<>(KafkaAccess.acls());
      // What an earlier version granted and this one does not is taken back.
      List<AclBindingFilter> stale =
          existing.stream()
              .filter(b -> clients.contains(b.entry().principal()) && !wanted.contains(b))
              .map(AclBinding::toFilter)
              .toList();
      if (!stale.isEmpty()) {
        admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
      }
      List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
      if (!missing.isEmpty()) {
        admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while granting access to Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not grant the clients their access to Kafka", e);
    }
    awaitLogins();
  }

  // Credentials reach each node through the metadata log: a client refused once by a node that
  // has not read them yet would give up, so the stack starts nobody before every node knows all.
  private void awaitLogins() throws IOException {
    long deadline = System.nanoTime() + LOGIN_TIMEOUT.toNanos();
    for (KafkaBroker broker : brokers) {
      for (KafkaAccess.Principal client : KafkaAccess.CLIENTS) {
        while (!canLogIn(broker.login(client.name()))) {
          if (System.nanoTime() > deadline) {
            throw new IOException(
                client.name() + " cannot log in to Kafka node " + broker.node().id());
          }
          KafkaBroker.sleepQuietly(200);
        }
      }
    }
  }

  private static boolean canLogIn(KafkaLogin login) {
    try (Admin admin = KafkaBroker.admin(login)) {
      admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Creates the topics that do not exist yet, with the given partition count, replicated to up to
   * three nodes.
   */
  public void createTopics(Collection<String> names, int partitions) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      short replication = (short) Math.min(3, brokers.size());
      List<NewTopic> missing =
          names.stream()
              .filter(n -> !existing.contains(n))
              .map(n -> new NewTopic(n, partitions, replication))
              .toList();
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics " + names, e);
    }
  }

  /**
   * Whether every client's consumer group has committed the end of every topic it reads: nothing on
   * the bus waits to be consumed.
   */
  public boolean consumersCaughtUp() {
    try (Admin admin = admin()) {
      for (KafkaAccess.Principal client : KafkaAccess.CLIENTS) {
        if (client.group() == null) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(client.group())
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (var partitions :
            admin
                .describeTopics(client.reads())
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .values()) {
          partitions
              .partitions()
              .forEach(
                  p ->
                      ends.put(
                          new TopicPartition(partitions.name(), p.partition()),
                          OffsetSpec.latest()));
        }
        for (var end : admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          long position = at == null ? 0 : at.offset();
          if (position < end.getValue().offset()) {
            return false;
          }
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** An admin client logged in as the administrator. */
  public Admin admin() {
    return KafkaBroker.admin(login(KafkaAccess.ADMIN));
  }

  /** How {@code principal} logs in to the cluster (any of its nodes). */
  public KafkaLogin login(String principal) {
    return new KafkaLogin(bootstrapServers(), principal, credentials.password(principal));
  }

  /** How the administrator logs in: it may do anything, as the tests' probes need. */
  public KafkaLogin adminLogin() {
    return login(KafkaAccess.ADMIN);
  }

  public String bootstrapServers() {
    return brokers.stream().map(KafkaBroker::bootstrapServer).collect(Collectors.joining(","));
  }

  /** The nodes, to kill, pause and restart them one by one. */
  public List<KafkaBroker> brokers() {
    return brokers;
  }

  @Override
  public void close() {
    brokers.forEach(KafkaBroker::close);
  }
}
