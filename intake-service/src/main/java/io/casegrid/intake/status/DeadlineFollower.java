package io.casegrid.intake.status;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.intake.campaigns.Rectifications;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the deadline supervision set for resolving each case (办结时限), so that an operator can tell a
 * caller by when, and Open311 shows it as {@code expected_datetime}; and, for a campaign's case,
 * what supervision says of it in the campaign's ledger: its deadline, its being overdue, and its
 * supervision order with the department's step of the escalation ladder.
 */
@ApplicationScoped
public class DeadlineFollower {

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;
  private final Rectifications rectifications;

  DeadlineFollower(
      EventInbox inbox,
      EventCodec codec,
      EntityManager entityManager,
      Rectifications rectifications) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
    this.rectifications = rectifications;
  }

  private static final Set<String> FOLLOWED =
      Stream.of(
              EventType.DEADLINE_SET,
              EventType.DEADLINE_BREACHED,
              EventType.SUPERVISION_ORDER_ISSUED)
          .map(EventType::type)
          .collect(Collectors.toUnmodifiableSet());

  @Incoming("supervision-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consume("intake", records, FOLLOWED::contains, this::apply);
  }

  private void apply(CloudEvent event) {
    switch (EventType.ofType(event.type()).orElseThrow()) {
      case DEADLINE_BREACHED ->
          rectifications.declaredOverdue(codec.payload(event, DeadlineBreached.class));
      case SUPERVISION_ORDER_ISSUED ->
          rectifications.orderIssued(codec.payload(event, SupervisionOrderIssued.class));
      default -> deadlineSet(codec.payload(event, DeadlineSet.class));
    }
  }

  // A plain update that leaves the version alone: news from supervision must not make an
  // operator's concurrent change of the case fail as a conflict. SQL, as Hibernate translates HQL
  // updates again on every execution.
  private void deadlineSet(DeadlineSet deadline) {
    rectifications.deadlineSet(deadline);
    entityManager
        .createNativeQuery("UPDATE case_record SET resolve_due_at = ?1 WHERE id = ?2")
        .setParameter(1, deadline.resolveDueAt())
        .setParameter(2, deadline.caseId())
        .executeUpdate();
  }
}
