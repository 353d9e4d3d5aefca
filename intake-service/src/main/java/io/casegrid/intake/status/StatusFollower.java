package io.casegrid.intake.status;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.RequestKind;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each case's status as dispatch reports it, so an operator can answer a caller. */
@ApplicationScoped
public class StatusFollower {

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;

  StatusFollower(EventInbox inbox, EventCodec codec, EntityManager entityManager) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
  }

  @Incoming("dispatch-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consume("intake", records, this::apply);
  }

  private void apply(CloudEvent event) {
    CaseRecord c = entityManager.find(CaseRecord.class, event.caseId());
    if (c == null) {
      return; // Not a case registered here.
    }
    if (c.status == CaseStatus.MERGED) {
      // Dispatch may report on a case it had not yet learnt was merged; merged it stays.
      return;
    }
    EventType.ofType(event.type())
        .ifPresent(
            type -> {
              CaseStatus status = statusAfter(type, event);
              if (status != null) {
                c.status = status;
                c.statusChangedAt = event.time();
              }
              if (type == EventType.CASE_DISPATCHED) {
                c.departmentCode = codec.payload(event, CaseDispatched.class).departmentCode();
              }
            });
  }

  private CaseStatus statusAfter(EventType type, CloudEvent event) {
    return switch (type) {
      case CASE_DISPATCHED -> CaseStatus.DISPATCHED;
      case CASE_RETURNED -> CaseStatus.AWAITING_DISPATCHER;
      case CASE_SIGNED, CASE_RESUMED, CASE_REOPENED -> CaseStatus.IN_HAND;
      case CASE_RESOLVED -> CaseStatus.RESOLVED;
      case CASE_CLOSED -> CaseStatus.CLOSED;
      case APPROVAL_DECIDED -> {
        ApprovalDecided decided = codec.payload(event, ApprovalDecided.class);
        yield decided.approved() && decided.kind() == RequestKind.PARKING
            ? CaseStatus.PARKED
            : null;
      }
      default -> null;
    };
  }
}
