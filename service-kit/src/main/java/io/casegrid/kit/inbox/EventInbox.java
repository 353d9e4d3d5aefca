package io.casegrid.kit.inbox;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.casegrid.kit.config.KitConfig;
import io.casegrid.kit.problem.DatabaseUnavailable;
import io.casegrid.kit.tracing.EventTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Applies consumed events exactly once: the event id is recorded in {@code processed_event} in the
 * same transaction as the change it causes, so a redelivered event finds its id and is skipped.
 *
 * <p>A batch is applied in one transaction (that is what makes consumers fast). If it fails for a
 * concurrent change or a deadlock, it is tried again whole, a few times; otherwise its records are
 * applied one by one, and a record that fails on its own is kept in {@code dead_letter} so one bad
 * record never stops a partition. If even that cannot be written, the database is unreachable: the
 * batch is retried until it can be applied.
 *
 * <p>A record is trusted only from the service that owns its topic ({@link Topics#publisher}): an
 * event whose CloudEvents {@code source} names anyone else is never applied, whoever could write it
 * to the topic, and is set aside as a dead letter.
 */
@ApplicationScoped
public class EventInbox {

  private static final Logger LOG = Logger.getLogger(EventInbox.class);
  private static final int RACE_ATTEMPTS = 5;

  private final EntityManager entityManager;
  private final EventCodec codec;
  private final KitConfig.Inbox config;
  private final MeterRegistry registry;
  private final EventTracing tracing;
  // One timer per consumer and event type, found once: building and registering its id for every
  // event was work repeated for nothing.
  private final Map<String, Timer> delays = new ConcurrentHashMap<>();

  EventInbox(
      EntityManager entityManager,
      EventCodec codec,
      KitConfig config,
      MeterRegistry registry,
      EventTracing tracing) {
    this.entityManager = entityManager;
    this.codec = codec;
    this.config = config.inbox();
    this.registry = registry;
    this.tracing = tracing;
  }

  /** What a consumer does with one event; runs inside the batch's transaction. */
  @FunctionalInterface
  public interface Handler {
    void apply(CloudEvent event);
  }

  /**
   * What a consumer does with the events of a batch new to it, all at once and in the order they
   * came (so, per case, in the order they happened); runs inside the batch's transaction.
   */
  @FunctionalInterface
  public interface BatchHandler {
    void apply(List<CloudEvent> events);
  }

  /**
   * What a set handler that announces events does with a batch's new events: as {@link
   * BatchHandler}, with {@code spans} to do the work of one event in that event's consumer span, so
   * that what the work announces carries the event's trace on.
   */
  @FunctionalInterface
  public interface TracedBatchHandler {
    void apply(List<CloudEvent> events, Spans spans);
  }

  /** Runs work for one event of the batch in its consumer span (see {@link EventTracing}). */
  @FunctionalInterface
  public interface Spans {
    void within(CloudEvent event, Runnable work);
  }

  public void consume(
      String consumer, Iterable<ConsumerRecord<String, String>> records, Handler handler) {
    consume(consumer, records, type -> true, handler);
  }

  /**
   * As {@link #consume(String, Iterable, Handler)}, for a handler that gathers what the events
   * change and writes it once per transaction: {@code beforeCommit} runs after the transaction's
   * last event (once for a batch, once for a record applied alone), before it commits. Rows written
   * together can be written in one order, so two consumers of the same rows never wait on each
   * other in a cycle.
   */
  public void consume(
      String consumer,
      Iterable<ConsumerRecord<String, String>> records,
      Handler handler,
      Runnable beforeCommit) {
    consumeWith(consumer, records, type -> true, traced(consumer, handler, beforeCommit));
  }

  /**
   * As {@link #consume(String, Iterable, Predicate, Handler)}, for a consumer that applies a batch
   * as a set (a statement for all its events rather than one per event: what costs is the round
   * trips and Hibernate's work per statement, so the cost per event falls as batches grow). The
   * handler gets the batch's events not applied before; a record that failed in its batch is
   * applied alone, as a batch of one. The batch is applied in one span ({@link
   * EventTracing#continueBatch}), not one per event: a set handler announces nothing for a trace to
   * carry on.
   */
  public void consumeAsSet(
      String consumer,
      Iterable<ConsumerRecord<String, String>> records,
      Predicate<String> wantedType,
      BatchHandler handler) {
    consumeWith(
        consumer,
        records,
        wantedType,
        (events, traces) ->
            tracing.continueBatch(consumer, events, traces, () -> handler.apply(events)));
  }

  /**
   * As {@link #consumeAsSet(String, Iterable, Predicate, BatchHandler)}, for every event type, and
   * for a set handler that announces events as it applies them: each in its event's span.
   */
  public void consumeAsSet(
      String consumer,
      Iterable<ConsumerRecord<String, String>> records,
      TracedBatchHandler handler) {
    consumeWith(
        consumer,
        records,
        type -> true,
        (events, traces) ->
            handler.apply(
                events,
                (event, work) ->
                    tracing.continueTrace(consumer, event, traces.get(event.id()), work)));
  }

  /**
   * As {@link #consume(String, Iterable, Handler)}, for a consumer that acts on some of a topic's
   * event types only: the others are passed over without a transaction and without recording their
   * ids, as applying them again would change nothing.
   */
  public void consume(
      String consumer,
      Iterable<ConsumerRecord<String, String>> records,
      Predicate<String> wantedType,
      Handler handler) {
    consumeWith(consumer, records, wantedType, traced(consumer, handler, () -> {}));
  }

  private Applier traced(String consumer, Handler handler, Runnable beforeCommit) {
    return (events, traces) -> {
      for (CloudEvent event : events) {
        tracing.continueTrace(consumer, event, traces.get(event.id()), () -> handler.apply(event));
      }
      beforeCommit.run();
    };
  }

  /** Applies the events new to the consumer, with the traceparent of the record of each. */
  private interface Applier {
    void apply(List<CloudEvent> events, Map<UUID, String> traces);
  }

  private void consumeWith(
      String consumer,
      Iterable<ConsumerRecord<String, String>> records,
      Predicate<String> wantedType,
      Applier handler) {
    int concurrentFailures = 0;
    while (true) {
      try {
        applyBatch(consumer, records, wantedType, handler);
        return;
      } catch (RuntimeException batchFailure) {
        // A deadlock with another consumer of the same cases is no bad record: the batch is tried
        // again whole, as record by record (a transaction each) would take a minute for 500.
        if ((isTransient(batchFailure) || isRace(batchFailure)) && ++concurrentFailures <= 3) {
          LOG.debugf(batchFailure, "batch failed for %s, trying it again", consumer);
          continue;
        }
        LOG.debugf(batchFailure, "batch failed for %s, applying record by record", consumer);
      }
      try {
        for (ConsumerRecord<String, String> record : records) {
          applyAloneOrSetAside(consumer, record, wantedType, handler);
        }
        return;
      } catch (RuntimeException unreachable) {
        LOG.warnf("%s cannot reach its database, retrying: %s", consumer, unreachable.toString());
        pause();
      }
    }
  }

  private void applyBatch(
      String consumer,
      Iterable<ConsumerRecord<String, String>> records,
      Predicate<String> wantedType,
      Applier handler) {
    List<CloudEvent> events = new ArrayList<>();
    Map<ConsumerRecord<String, String>, UntrustedSourceException> untrusted = new LinkedHashMap<>();
    Map<UUID, String> traces = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      CloudEvent event = codec.read(record.value());
      try {
        checkSource(record, event);
      } catch (UntrustedSourceException forged) {
        untrusted.put(record, forged);
        continue;
      }
      if (wantedType.test(event.type())) {
        events.add(event);
        traces.put(event.id(), traceparent(record));
      }
    }
    if (!events.isEmpty() || !untrusted.isEmpty()) {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                untrusted.forEach((record, why) -> setAside(consumer, record, why));
                applyOnce(consumer, events, traces, handler);
              });
      untrusted.forEach((record, why) -> logSetAside(consumer, record, why));
    }
  }

  /** Thrown for an event on a topic that another service than its source owns. */
  static final class UntrustedSourceException extends RuntimeException {
    UntrustedSourceException(String message) {
      super(message);
    }
  }

  private static void checkSource(ConsumerRecord<String, String> record, CloudEvent event) {
    String owner = Topics.publisher(record.topic()).orElse(null);
    if (owner == null || !owner.equals(event.source())) {
      throw new UntrustedSourceException(
          "source "
              + event.source()
              + " does not publish on "
              + record.topic()
              + (owner == null ? ", which carries no events" : "; only " + owner + " does"));
    }
  }

  private void applyAloneOrSetAside(
      String consumer,
      ConsumerRecord<String, String> record,
      Predicate<String> wantedType,
      Applier handler) {
    for (int attempt = 1; ; attempt++) {
      try {
        CloudEvent event = codec.read(record.value());
        checkSource(record, event);
        if (!wantedType.test(event.type())) {
          return;
        }
        Map<UUID, String> trace = new HashMap<>();
        trace.put(event.id(), traceparent(record));
        QuarkusTransaction.requiringNew()
            .run(() -> applyOnce(consumer, List.of(event), trace, handler));
        return;
      } catch (RuntimeException failure) {
        if (isTransient(failure)) {
          throw failure; // Retried with the batch: a concurrent change is no bad record.
        }
        if (isRace(failure) && attempt < RACE_ATTEMPTS) {
          LOG.debugf(failure, "%s lost a race for a row, applying again", consumer);
          continue;
        }
        QuarkusTransaction.requiringNew().run(() -> setAside(consumer, record, failure));
        logSetAside(consumer, record, failure);
        return;
      }
    }
  }

  // Two consumers of one service may create the same row at once (a case opened by the events of
  // two topics, applied in parallel): the loser's insert fails on the key. Applied again, it finds
  // the winner's row. A key that fails every time is a bad record, set aside after a few tries.
  static boolean isRace(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static void logSetAside(
      String consumer, ConsumerRecord<String, String> record, Exception why) {
    LOG.errorf(
        "%s set aside %s-%d@%d: %s",
        consumer, record.topic(), record.partition(), record.offset(), why.toString());
  }

  // Every event id is recorded in one statement: a statement per event was a round trip each, and
  // made Hibernate flush (dirty-check) everything the batch's earlier events had loaded.
  private void applyOnce(
      String consumer, List<CloudEvent> events, Map<UUID, String> traces, Applier handler) {
    Set<UUID> firstTime = record(consumer, events);
    List<CloudEvent> fresh = new ArrayList<>(firstTime.size());
    for (CloudEvent event : events) {
      if (firstTime.remove(event.id())) {
        fresh.add(event);
      } else {
        counter(consumer, "casegrid.inbox.duplicates").increment();
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    handler.apply(fresh, traces);
    counter(consumer, "casegrid.inbox.applied").increment(fresh.size());
    Instant applied = Instant.now();
    for (CloudEvent event : fresh) {
      // From the event's announcement to its effect here: for dispatch and case.reported, how
      // long a report took to reach its department's queue.
      delay(consumer, event.type()).record(Duration.between(event.time(), applied));
    }
  }

  private Timer delay(String consumer, String type) {
    return delays.computeIfAbsent(
        consumer + ' ' + type,
        key ->
            Timer.builder("casegrid.inbox.delay")
                .tags("consumer", consumer, "type", type)
                .register(registry));
  }

  // The ids not recorded before; an id twice in the batch is returned once.
  private Set<UUID> record(String consumer, List<CloudEvent> events) {
    Object[] ids = events.stream().map(CloudEvent::id).toArray();
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO processed_event (consumer, event_id)"
                          + " SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING"
                          + " RETURNING event_id")) {
                insert.setString(1, consumer);
                insert.setArray(2, connection.createArrayOf("uuid", ids));
                Set<UUID> recorded = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                  while (rows.next()) {
                    recorded.add(rows.getObject(1, UUID.class));
                  }
                }
                return recorded;
              }
            });
  }

  // Once per record: a redelivered record is not set aside again.
  private void setAside(String consumer, ConsumerRecord<String, String> record, Exception why) {
    int added =
        entityManager
            .createNativeQuery(
                "INSERT INTO dead_letter (consumer, topic, kafka_partition, kafka_offset, record_key,"
                    + " payload, error) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1"
                    + " FROM dead_letter WHERE consumer = ?1 AND topic = ?2 AND kafka_partition = ?3"
                    + " AND kafka_offset = ?4)")
            .setParameter(1, consumer)
            .setParameter(2, record.topic())
            .setParameter(3, record.partition())
            .setParameter(4, record.offset())
            .setParameter(5, record.key())
            .setParameter(6, record.value())
            .setParameter(7, String.valueOf(why))
            .executeUpdate();
    if (added == 1) {
      counter(consumer, "casegrid.inbox.dead.letters").increment();
    }
  }

  private static String traceparent(ConsumerRecord<String, String> record) {
    Header header = record.headers().lastHeader(EventTracing.HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
  }

  // A concurrent change, a deadlock or a database that cannot serve now passes; the record is not
  // to blame.
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OptimisticLockException
          || t instanceof PessimisticLockException
          || t instanceof LockTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql
          && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return DatabaseUnavailable.isCause(failure);
  }

  private Counter counter(String consumer, String name) {
    return registry.counter(name, "consumer", consumer);
  }

  private void pause() {
    try {
      Thread.sleep(config.retryDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database", e);
    }
  }
}
