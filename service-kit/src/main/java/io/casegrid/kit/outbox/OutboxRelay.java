package io.casegrid.kit.outbox;

import io.casegrid.events.CloudEvent;
import io.casegrid.kit.config.KitConfig;
import io.casegrid.kit.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka in batches and deletes them once Kafka acknowledged them
 * (acks=all, idempotent producer): at-least-once delivery, which the consumers' processed-event
 * record turns into exactly-once effects.
 *
 * <p>Several instances of a service may run against one database. A transaction-scoped advisory
 * lock lets one relay work at a time, so events leave in the order they were committed and the
 * events of one case keep their order; {@code SKIP LOCKED} keeps the relay out of the way of any
 * other job touching the table.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  // Any constant shared by all instances of a service: "casegrid outbox" in ASCII.
  private static final long RELAY_LOCK = 0x63617365_6f757462L;
  private static final Duration BACKLOG_COUNT_INTERVAL = Duration.ofSeconds(1);

  private final EntityManager entityManager;
  private final KitConfig.Outbox config;
  private final Map<String, Object> kafka;
  private final Semaphore wakeUps = new Semaphore(0);
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
  private final Counter relayed;
  private volatile boolean running;
  // When the relay last counted its backlog (System.nanoTime); only its own thread reads it.
  private long lastCount = System.nanoTime() - BACKLOG_COUNT_INTERVAL.toNanos();
  private Thread worker;
  private Producer<String, String> producer;

  OutboxRelay(
      EntityManager entityManager,
      KitConfig config,
      MeterRegistry registry,
      @Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.entityManager = entityManager;
    this.config = config.outbox();
    this.kafka = kafka;
    this.relayed =
        Counter.builder("casegrid.outbox.relayed")
            .description("Events sent from the outbox to Kafka")
            .register(registry);
    Gauge.builder("casegrid.outbox.backlog", backlog, AtomicLong::get)
        .description("Outbox rows not yet acknowledged by Kafka, as of the relay's last look")
        .register(registry);
  }

  void start(@Observes StartupEvent startup) {
    if (!config.relayEnabled()) {
      return;
    }
    producer = new KafkaProducer<>(producerProperties());
    running = true;
    worker = new Thread(this::relayUntilStopped, "outbox-relay");
    worker.setDaemon(true);
    worker.start();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    running = false;
    if (worker != null) {
      wakeUp();
      worker.join(config.sendTimeout().toMillis());
      producer.close();
    }
  }

  /** Tells the relay that rows were committed, so it does not wait for its next poll. */
  public void wakeUp() {
    wakeUps.release();
  }

  /** When the last batch failed, or null while the relay works. */
  public Instant lastFailure() {
    return lastFailure.get();
  }

  public long backlog() {
    return backlog.get();
  }

  private Properties producerProperties() {
    Properties props = new Properties();
    // Where the brokers are and how to log in to them: the kafka.* settings the service's
    // consumers use too.
    kafka.forEach(
        (name, value) -> {
          if (name.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
              || name.startsWith("security.")
              || name.startsWith("sasl.")
              || name.startsWith("ssl.")) {
            props.put(name, value);
          }
        });
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.sendTimeout().toMillis() / 2);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.sendTimeout().toMillis());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return props;
  }

  private void relayUntilStopped() {
    while (running) {
      try {
        int sent = relayOneBatch();
        lastFailure.set(null);
        if (sent < config.batchSize()) {
          wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUps.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        lastFailure.set(Instant.now());
        LOG.warnf("outbox batch not relayed, will retry: %s", e.toString());
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(config.retryDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Relays one batch in one transaction; returns how many events Kafka acknowledged. */
  int relayOneBatch() {
    return QuarkusTransaction.requiringNew()
        .call(() -> entityManager.unwrap(Session.class).doReturningWork(this::relayOneBatch));
  }

  // Plain JDBC on the transaction's connection: Hibernate's native queries cost the relay more CPU
  // (result mappings, flush checks) than the statements themselves.
  private int relayOneBatch(Connection connection) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
      lock.setLong(1, RELAY_LOCK);
      try (ResultSet mine = lock.executeQuery()) {
        if (!mine.next() || !mine.getBoolean(1)) {
          return 0;
        }
      }
    }
    // The batch is taken by deleting it: the deletion commits only once Kafka acknowledged every
    // row, and a failure rolls it back with the rest. Locking the rows first, then deleting them,
    // wrote each row twice.
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement take =
        connection.prepareStatement(
            "DELETE FROM outbox_event WHERE position IN (SELECT position FROM outbox_event"
                + " ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING position, topic, record_key, payload, trace_context")) {
      take.setInt(1, config.batchSize());
      try (ResultSet taken = take.executeQuery()) {
        while (taken.next()) {
          rows.add(
              new Object[] {
                taken.getLong(1),
                taken.getString(2),
                taken.getString(3),
                taken.getString(4),
                taken.getString(5)
              });
        }
      }
    }
    // RETURNING answers in no particular order: the events leave in the order of their positions.
    rows.sort(Comparator.comparingLong(row -> (Long) row[0]));
    long now = System.nanoTime();
    if (rows.size() < config.batchSize()) {
      backlog.set(rows.size());
      lastCount = now;
    } else if (now - lastCount >= BACKLOG_COUNT_INTERVAL.toNanos()) {
      // Counting reads the whole table: in a backlog of many batches, at most once a second (in a
      // storm it was 17 ms of PostgreSQL's time per batch of 500); in between, the gauge counts
      // down from the last count.
      try (PreparedStatement count =
              connection.prepareStatement("SELECT count(*) FROM outbox_event");
          ResultSet counted = count.executeQuery()) {
        counted.next();
        backlog.set(counted.getLong(1) + rows.size());
      }
      lastCount = now;
    }
    if (rows.isEmpty()) {
      return 0;
    }
    try {
      send(rows);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the batch", e);
    } catch (Exception e) {
      // Rolls the whole batch back: it is sent again, and consumers drop the repeats.
      throw new IllegalStateException("Kafka did not acknowledge the batch", e);
    }
    backlog.addAndGet(-rows.size());
    relayed.increment(rows.size());
    return rows.size();
  }

  private void send(List<Object[]> rows) throws Exception {
    List<Future<?>> acks = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>((String) row[1], (String) row[2], (String) row[3]);
      record
          .headers()
          .add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII));
      if (row[4] != null) {
        record
            .headers()
            .add(EventTracing.HEADER, ((String) row[4]).getBytes(StandardCharsets.US_ASCII));
      }
      acks.add(producer.send(record));
    }
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    for (Future<?> ack : acks) {
      // Any failure rolls the whole batch back: it is sent again, and consumers drop the repeats.
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }
}
