package io.casegrid.dispatch.queue;

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
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Copies the deadlines supervision sets onto the cases, so queues show and sort by them. */
@ApplicationScoped
public class DeadlineFollower {

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
    inbox.consume(Dispatching.CONSUMER, records, this::apply);
  }

  // Plain updates that leave the version alone: news from supervision must not make a clerk's
  // concurrent command on the case fail as a conflicting change.
  private void apply(CloudEvent event) {
    EventType.ofType(event.type())
        .ifPresent(
            type -> {
              switch (type) {
                case DEADLINE_SET -> deadlineSet(codec.payload(event, DeadlineSet.class));
                case DEADLINE_BREACHED ->
                    update(
                        event.caseId(),
                        "c.overdueSince = :a",
                        codec.payload(event, DeadlineBreached.class).breachedAt(),
                        null);
                case SUPERVISION_ORDER_ISSUED -> {
                  SupervisionOrderIssued order = codec.payload(event, SupervisionOrderIssued.class);
                  update(
                      event.caseId(),
                      "c.supervisionOrderId = :b, c.orderRespondBy = :a",
                      order.respondBy(),
                      order.orderId());
                }
                default -> {
                  // Warnings show through the deadline itself.
                }
              }
            });
  }

  private void update(java.util.UUID caseId, String set, Object a, Object b) {
    jakarta.persistence.Query query =
        entityManager
            .createQuery("UPDATE DispatchCase c SET " + set + " WHERE c.caseId = :id")
            .setParameter("id", caseId)
            .setParameter("a", a);
    if (b != null) {
      query.setParameter("b", b);
    }
    query.executeUpdate();
  }

  private void deadlineSet(DeadlineSet deadline) {
    entityManager
        .createQuery(
            "UPDATE DispatchCase c SET c.signDueAt = :sign, c.resolveDueAt = :resolve"
                + " WHERE c.caseId = :id")
        .setParameter("sign", deadline.signDueAt())
        .setParameter("resolve", deadline.resolveDueAt())
        .setParameter("id", deadline.caseId())
        .executeUpdate();
  }
}
