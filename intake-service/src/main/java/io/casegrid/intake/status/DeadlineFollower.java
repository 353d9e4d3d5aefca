package io.casegrid.intake.status;

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

/**
 * Keeps the deadline supervision set for resolving each case (办结时限), so that an operator can tell a
 * caller by when, and Open311 shows it as {@code expected_datetime}.
 */
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
    inbox.consume("intake", records, EventType.DEADLINE_SET.type()::equals, this::apply);
  }

  // A plain update that leaves the version alone: news from supervision must not make an
  // operator's concurrent change of the case fail as a conflict. SQL, as Hibernate translates HQL
  // updates again on every execution.
  private void apply(CloudEvent event) {
    DeadlineSet deadline = codec.payload(event, DeadlineSet.class);
    entityManager
        .createNativeQuery("UPDATE case_record SET resolve_due_at = ?1 WHERE id = ?2")
        .setParameter(1, deadline.resolveDueAt())
        .setParameter(2, deadline.caseId())
        .executeUpdate();
  }
}
