package io.casegrid.dispatch.cases;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

/** Copies the deadlines supervision sets onto the cases, so queues show and sort by them. */
@ApplicationScoped
public class DeadlineFollower {

  // Warnings show through the deadline itself: passed over without an inbox row.
  private static final Set<String> FOLLOWED =
      Set.of(
          EventType.DEADLINE_SET.type(),
          EventType.DEADLINE_BREACHED.type(),
          EventType.SUPERVISION_ORDER_ISSUED.type());

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;

  DeadlineFollower(EventInbox inbox, EventCodec codec, EntityManager entityManager) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
  }

  @Incoming("supervision-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consumeAsSet(IntakeFollower.CONSUMER, records, FOLLOWED::contains, this::apply);
  }

  // Plain updates that leave the version alone: news from supervision must not make a clerk's
  // concurrent command on the case fail as a conflicting change. A JDBC batch per kind of news
  // for the whole poll batch rather than a query per event through Hibernate (a storm of overdue
  // cases is an event per case, the breach carrying its order; older breaches were followed by
  // their order as an event of its own). Each kind sets columns of its own, so only the order
  // within a kind matters, and each batch keeps the events' order.
  private void apply(List<CloudEvent> events) {
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement deadlines =
                      connection.prepareStatement(
                          "UPDATE dispatch_case SET sign_due_at = ?, resolve_due_at = ? WHERE"
                              + " case_id = ?");
                  PreparedStatement breaches =
                      connection.prepareStatement(
                          "UPDATE dispatch_case SET overdue_since = ? WHERE case_id = ?");
                  PreparedStatement orders =
                      connection.prepareStatement(
                          "UPDATE dispatch_case SET supervision_order_id = ?, order_respond_by = ?"
                              + " WHERE case_id = ?")) {
                int[] added = new int[3];
                for (CloudEvent event : events) {
                  switch (EventType.ofType(event.type()).orElseThrow()) {
                    case DEADLINE_SET -> {
                      DeadlineSet deadline = codec.payload(event, DeadlineSet.class);
                      add(deadlines, event.caseId(), deadline.signDueAt(), deadline.resolveDueAt());
                      added[0]++;
                    }
                    case DEADLINE_BREACHED -> {
                      DeadlineBreached breach = codec.payload(event, DeadlineBreached.class);
                      add(breaches, event.caseId(), breach.breachedAt());
                      added[1]++;
                      // Its order, when the breach carries it, as if announced on its own.
                      Optional<SupervisionOrderIssued> order = breach.orderIssued();
                      if (order.isPresent()) {
                        addOrder(orders, order.get());
                        added[2]++;
                      }
                    }
                    case SUPERVISION_ORDER_ISSUED -> {
                      addOrder(orders, codec.payload(event, SupervisionOrderIssued.class));
                      added[2]++;
                    }
                    default -> throw new IllegalStateException("not followed: " + event.type());
                  }
                }
                PreparedStatement[] statements = {deadlines, breaches, orders};
                for (int i = 0; i < statements.length; i++) {
                  if (added[i] > 0) {
                    statements[i].executeBatch();
                  }
                }
              }
            });
  }

  private static void addOrder(PreparedStatement orders, SupervisionOrderIssued order)
      throws SQLException {
    add(orders, order.caseId(), order.orderId(), order.respondBy());
  }

  // The values in the order of the statement's columns, then the case.
  private static void add(PreparedStatement update, UUID caseId, Object... values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      update.setObject(i + 1, value instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : value);
    }
    update.setObject(values.length + 1, caseId);
    update.addBatch();
  }
}
