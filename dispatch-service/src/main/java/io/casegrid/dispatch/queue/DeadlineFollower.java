package io.casegrid.dispatch.queue;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
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

  private void apply(CloudEvent event) {
    if (!EventType.DEADLINE_SET.type().equals(event.type())) {
      return;
    }
    DeadlineSet deadline = codec.payload(event, DeadlineSet.class);
    // A plain update that leaves the version alone: a deadline arriving must not make a clerk's
    // concurrent command on the case fail as a conflicting change.
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
