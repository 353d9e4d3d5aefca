package io.casegrid.kit.outbox;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.ContractEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.Topics;
import io.casegrid.kit.config.KitConfig;
import io.casegrid.kit.tracing.EventTracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * Announces an event in the same transaction as the state change it describes (transactional
 * outbox): either both commit or neither does. The relay sends it to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

  private static final Object WAKE_UP_REGISTERED = new Object();

  private final EntityManager entityManager;
  private final EventCodec codec;
  private final KitConfig config;
  private final OutboxRelay relay;
  private final TransactionSynchronizationRegistry transactions;

  Outbox(
      EntityManager entityManager,
      EventCodec codec,
      KitConfig config,
      OutboxRelay relay,
      TransactionSynchronizationRegistry transactions) {
    this.entityManager = entityManager;
    this.codec = codec;
    this.config = config;
    this.relay = relay;
    this.transactions = transactions;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public CloudEvent announce(ContractEvent payload) {
    String topic = publishedOn(payload);
    CloudEvent event = codec.envelope(payload, config.source(), Instant.now());
    entityManager.persist(
        new OutboxRecord(
            event.id(), topic, event.subject(), codec.write(event), EventTracing.current()));
    wakeRelayAfterCommit();
    return event;
  }

  /**
   * Announces many events at once, in their order, after those this transaction announced before:
   * one JDBC batch (one multi-row insert) rather than an entity each for Hibernate to persist and
   * flush, for adapters that announce thousands a second (a storm of overdue cases).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void announceAll(List<? extends ContractEvent> payloads) {
    if (payloads.isEmpty()) {
      return;
    }
    // Rows the session still holds go first, so that the positions keep the announcing order.
    entityManager.flush();
    Instant now = Instant.now();
    String trace = EventTracing.current();
    List<OutboxRecord> rows = new ArrayList<>(payloads.size());
    for (ContractEvent payload : payloads) {
      String topic = publishedOn(payload);
      CloudEvent event = codec.envelope(payload, config.source(), now);
      rows.add(new OutboxRecord(event.id(), topic, event.subject(), codec.write(event), trace));
    }
    entityManager.unwrap(Session.class).doWork(connection -> insert(connection, rows));
    wakeRelayAfterCommit();
  }

  private static void insert(Connection connection, List<OutboxRecord> rows) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO outbox_event (event_id, topic, record_key, payload, trace_context)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (OutboxRecord row : rows) {
        insert.setObject(1, row.eventId);
        insert.setString(2, row.topic);
        insert.setString(3, row.recordKey);
        insert.setString(4, row.payload);
        insert.setString(5, row.traceContext);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private String publishedOn(ContractEvent payload) {
    String topic = EventType.of(payload).topic();
    // Consumers trust a topic's events only from its publisher: announcing under another source
    // would be set aside by every one of them.
    if (!Topics.publisher(topic).map(config.source()::equals).orElse(false)) {
      throw new IllegalStateException(
          "casegrid.events.source "
              + config.source()
              + " does not publish on "
              + topic
              + ", where "
              + EventType.of(payload)
              + " goes");
    }
    return topic;
  }

  // The relay would find the row by polling; waking it on commit keeps the latency low.
  private void wakeRelayAfterCommit() {
    if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
      return;
    }
    transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              relay.wakeUp();
            }
          }
        });
  }
}
