package io.casegrid.intake.campaigns;

import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the ledger's rectifications as dispatch and supervision report the campaign's cases: a case
 * closed after its fix was verified (核查结案) closes its item, a case reopened for rework opens it
 * again; supervision's deadline, its declaring the case overdue (超期) and its supervision order
 * (督办单) with the step of the escalation ladder (问责阶梯) are kept on the item. A case of no campaign
 * changes nothing.
 */
@ApplicationScoped
public class Rectifications {

  private final Ledger ledger;

  Rectifications(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Applies dispatch's event about a case. */
  public void caseMoved(EventType type, UUID caseId, Instant at) {
    if (type == EventType.CASE_CLOSED) {
      ledger.caseClosed(caseId, at);
    } else if (type == EventType.CASE_REOPENED) {
      ledger.caseClosed(caseId, null);
    }
  }

  /** Supervision set the case's deadline. */
  public void deadlineSet(DeadlineSet deadline) {
    ledger.supervised(deadline.caseId(), "rectify_due_at = ?", deadline.resolveDueAt());
  }

  /** Supervision declared the case overdue. */
  public void declaredOverdue(DeadlineBreached breach) {
    ledger.supervised(breach.caseId(), "overdue_at = ?", breach.breachedAt());
  }

  /** Supervision issued an order to the case's department, at a step of the ladder or none. */
  public void orderIssued(SupervisionOrderIssued order) {
    ledger.supervised(
        order.caseId(),
        "order_id = ?, order_issued_at = ?, order_respond_by = ?, escalation_step = ?",
        order.orderId(),
        order.issuedAt(),
        order.respondBy(),
        order.escalationStep());
  }
}
