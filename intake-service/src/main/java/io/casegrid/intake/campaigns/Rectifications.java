package io.casegrid.intake.campaigns;

import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
   * kept with {@link #keep(Supervised)} in one statement for the batch, not a statement each: per
   * case, the latest news of each kind (each kind sets columns of its own), as applying the events
   * one by one would have left the case's items.
   */
  public static final class Supervised {
    private final Map<UUID, Ledger.Supervision> byCase = new TreeMap<>();

    private Ledger.Supervision of(UUID caseId) {
      return byCase.computeIfAbsent(caseId, Ledger.Supervision::new);
    }

    /** Supervision set the case's deadline. */
    public void deadlineSet(DeadlineSet deadline) {
      of(deadline.caseId()).deadlineSet(deadline.resolveDueAt());
    }

    /** Supervision declared the case overdue. */
    public void declaredOverdue(DeadlineBreached breach) {
      of(breach.caseId()).declaredOverdue(breach.breachedAt());
    }

    /** Supervision issued an order to the case's department, at a step of the ladder or none. */
    public void orderIssued(SupervisionOrderIssued order) {
      of(order.caseId())
          .orderIssued(
              order.orderId(), order.issuedAt(), order.respondBy(), order.escalationStep());
    }
  }

  /** Keeps what a batch of supervision's events said of the campaigns' items. */
  public void keep(Supervised news) {
    if (!news.byCase.isEmpty()) {
      ledger.supervised(news.byCase.values());
    }
  }
}
