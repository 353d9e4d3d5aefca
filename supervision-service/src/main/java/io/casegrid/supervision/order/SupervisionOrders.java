package io.casegrid.supervision.order;

import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.supervision.policy.SupervisionRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

/**
 * Supervision orders (督办单): an overdue case gets one, addressed to its department, which must
 * answer by a deadline of the order's own (an administrator sets how long, e.g. 1 working day).
 */
@ApplicationScoped
public class SupervisionOrders {

  private final EntityManager entityManager;
  private final SupervisionRules rules;
  private final Outbox outbox;

  SupervisionOrders(EntityManager entityManager, SupervisionRules rules, Outbox outbox) {
    this.entityManager = entityManager;
    this.rules = rules;
    this.outbox = outbox;
  }

  /** Issues an order for an overdue case; call in the transaction that declares it overdue. */
  public void issue(UUID caseId, String departmentCode, Instant now) {
    SupervisionRules.Rules current = rules.current();
    Instant respondBy = current.supervisionOrderResponse().dueFrom(now, current.calculator());
    UUID id = UUID.randomUUID();
    entityManager
        .createNativeQuery(
            "INSERT INTO supervision_order (id, case_id, department_code, issued_at, respond_by)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, id)
        .setParameter(2, caseId)
        .setParameter(3, departmentCode)
        .setParameter(4, now)
        .setParameter(5, respondBy)
        .executeUpdate();
    outbox.announce(new SupervisionOrderIssued(caseId, id, departmentCode, now, respondBy));
  }

  /** Records the department's answer, as dispatch announced it. */
  public void answered(SupervisionOrderAnswered e) {
    entityManager
        .createNativeQuery(
            "UPDATE supervision_order SET answered_at = ?1, answered_by = ?2, answer = ?3"
                + " WHERE id = ?4 AND answered_at IS NULL")
        .setParameter(1, e.answeredAt())
        .setParameter(2, e.actor())
        .setParameter(3, e.answer())
        .setParameter(4, e.orderId())
        .executeUpdate();
  }
}
