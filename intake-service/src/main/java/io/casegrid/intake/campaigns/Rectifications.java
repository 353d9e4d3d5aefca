package io.casegrid.intake.campaigns;

import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * What dispatch's events of a batch do to the ledger, gathered in their order (per case, the
   * order they happened) and kept with {@link #keep} in one statement for the batch, not one per
   * event.
   */
  public static final class Moves {
    // Per case, when its last closure was, or null where it was reopened after.
    private final Map<UUID, Instant> closedAt = new LinkedHashMap<>();

    /** Dispatch's event about a case: a closure closes its item, a reopening opens it again. */
    public void caseMoved(EventType type, UUID caseId, Instant at) {
      if (type == EventType.CASE_CLOSED) {
        closedAt.put(caseId, at);
      } else if (type == EventType.CASE_REOPENED) {
        closedAt.put(caseId, null);
      }
    }
  }

  /** Keeps what a batch of dispatch's events did to the campaigns' items. */
  public void keep(Moves moves) {
    if (!moves.closedAt.isEmpty()) {
      ledger.casesClosed(moves.closedAt);
    }
  }

  /**
   * What supervision's events of a batch say of the campaigns' cases, gathered in their order and
   * kept with {@link #keep(Supervised)} in a JDBC batch per kind of news, not a statement each.
   * Each kind sets columns of its own, so only the order within a kind matters.
   */
  public static final class Supervised {
    private final List<Object[]> deadlines = new ArrayList<>();
    private final List<Object[]> overdue = new ArrayList<>();
    private final List<Object[]> orders = new ArrayList<>();

    /** Supervision set the case's deadline. */
    public void deadlineSet(DeadlineSet deadline) {
      deadlines.add(new Object[] {deadline.resolveDueAt(), deadline.caseId()});
    }

    /** Supervision declared the case overdue. */
    public void declaredOverdue(DeadlineBreached breach) {
      overdue.add(new Object[] {breach.breachedAt(), breach.caseId()});
    }

    /** Supervision issued an order to the case's department, at a step of the ladder or none. */
    public void orderIssued(SupervisionOrderIssued order) {
      orders.add(
          new Object[] {
            order.orderId(),
            order.issuedAt(),
            order.respondBy(),
            order.escalationStep(),
            order.caseId()
          });
    }
  }

  /** Keeps what a batch of supervision's events said of the campaigns' items. */
  public void keep(Supervised news) {
    ledger.supervised("rectify_due_at = ?", news.deadlines);
    ledger.supervised("overdue_at = ?", news.overdue);
    ledger.supervised(
        "order_id = ?, order_issued_at = ?, order_respond_by = ?, escalation_step = ?",
        news.orders);
  }
}
