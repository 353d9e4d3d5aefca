package io.casegrid.intake.status;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.intake.campaigns.Rectifications;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each case's status as dispatch reports it, so an operator can answer a caller. */
@ApplicationScoped
public class StatusFollower {

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;
  private final Rectifications rectifications;

  StatusFollower(
      EventInbox inbox,
      EventCodec codec,
      EntityManager entityManager,
      Rectifications rectifications) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
    this.rectifications = rectifications;
  }

  @Incoming("dispatch-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consume("intake", records, this::apply);
  }

  // A plain SQL update rather than loading and dirty-checking the case (most of this consumer's
  // CPU), and rather than HQL, which Hibernate translates again on every execution; the version is
  // raised as the entity's own update raised it, so an operator's concurrent change still
  // conflicts. Dispatch may report on a case it had not yet learnt was merged; merged it stays.
  private void apply(CloudEvent event) {
    EventType type = EventType.ofType(event.type()).orElse(null);
    CaseStatus status =
        type == null
            ? null
            : CaseStatus.reportedByDispatch(
                type, () -> codec.payload(event, ApprovalDecided.class));
    if (status == null) {
      return;
    }
    boolean dispatched = type == EventType.CASE_DISPATCHED;
    Query update =
        entityManager
            .createNativeQuery(
                "UPDATE case_record SET status = ?1, status_changed_at = ?2, version = version + 1"
                    + (dispatched ? ", department_code = ?5" : "")
                    + " WHERE id = ?3 AND status <> ?4")
            .setParameter(1, status.name())
            .setParameter(2, event.time())
            .setParameter(3, event.caseId())
            .setParameter(4, CaseStatus.MERGED.name());
    if (dispatched) {
      update.setParameter(5, codec.payload(event, CaseDispatched.class).departmentCode());
    }
    update.executeUpdate(); // No row: not a case registered here, or merged.
    rectifications.caseMoved(type, event.caseId(), event.time());
  }
}
