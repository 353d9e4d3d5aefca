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
import jakarta.persistence.Query;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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
    inbox.consume(IntakeFollower.CONSUMER, records, FOLLOWED::contains, this::apply);
  }

  // Plain updates that leave the version alone: news from supervision must not make a clerk's
  // concurrent command on the case fail as a conflicting change. SQL rather than HQL, which
  // Hibernate translates again on every execution (a storm of overdue cases is two per case).
  private void apply(CloudEvent event) {
    switch (EventType.ofType(event.type()).orElseThrow()) {
      case DEADLINE_SET -> {
        DeadlineSet deadline = codec.payload(event, DeadlineSet.class);
        update(
            event.caseId(),
            "sign_due_at = ?2, resolve_due_at = ?3",
            deadline.signDueAt(),
            deadline.resolveDueAt());
      }
      case DEADLINE_BREACHED ->
          update(
              event.caseId(),
              "overdue_since = ?2",
              codec.payload(event, DeadlineBreached.class).breachedAt());
      case SUPERVISION_ORDER_ISSUED -> {
        SupervisionOrderIssued order = codec.payload(event, SupervisionOrderIssued.class);
        update(
            event.caseId(),
            "supervision_order_id = ?2, order_respond_by = ?3",
            order.orderId(),
            order.respondBy());
      }
      default -> throw new IllegalStateException("not followed: " + event.type());
    }
  }

  private void update(UUID caseId, String set, Object... values) {
    Query query =
        entityManager
            .createNativeQuery("UPDATE dispatch_case SET " + set + " WHERE case_id = ?1")
            .setParameter(1, caseId);
    for (int i = 0; i < values.length; i++) {
      query.setParameter(i + 2, values[i]);
    }
    query.executeUpdate();
  }
}
