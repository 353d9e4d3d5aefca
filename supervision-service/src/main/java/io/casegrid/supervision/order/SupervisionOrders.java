package io.casegrid.supervision.order;

import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.kit.sql.SqlArrays;
import io.casegrid.supervision.policy.SupervisionRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Supervision orders (督办单): an overdue case gets one, addressed to its department, which must
 * answer by a deadline of the order's own (an administrator sets how long, e.g. 1 working day).
 */
@ApplicationScoped
public class SupervisionOrders {

  private final EntityManager entityManager;
  private final SupervisionRules rules;

  SupervisionOrders(EntityManager entityManager, SupervisionRules rules) {
    this.entityManager = entityManager;
    this.rules = rules;
  }

  /**
   * Issues an order for each breach to the case's department, in one statement, with the step of
   * the escalation ladder {@code stepReached} answers for the breach (null: none); answers the
   * breaches carrying their orders, for the caller to announce (one event per breach says both).
   * Call in the transaction that declares the cases overdue, after the ladder was climbed.
   */
  public List<DeadlineBreached> issueAll(
      List<DeadlineBreached> breaches,
      Instant now,
      Function<DeadlineBreached, String> stepReached) {
    if (breaches.isEmpty()) {
      return List.of();
    }
    SupervisionRules.Rules current = rules.current();
    Instant respondBy = current.supervisionOrderResponse().dueFrom(now, current.calculator());
    List<DeadlineBreached> ordered = new ArrayList<>(breaches.size());
    for (DeadlineBreached breach : breaches) {
      ordered.add(
          breach.withOrder(
              new DeadlineBreached.BreachOrder(
                  UUID.randomUUID(), now, respondBy, stepReached.apply(breach))));
    }
    entityManager
        .unwrap(Session.class)
        .doWork(connection -> insert(connection, ordered, now, respondBy));
    return ordered;
  }

  // One statement for the whole batch, over unnest(…): as a JDBC batch the orders went as a dozen
  // multi-row inserts of up to 128 rows, each parsed and planned apart. A batch's orders share
  // when they were issued and by when they must be answered.
  private static void insert(
      Connection connection, List<DeadlineBreached> ordered, Instant issuedAt, Instant respondBy)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            """
            INSERT INTO supervision_order (id, case_id, department_code, issued_at, respond_by)
            SELECT o.id, o.case_id, o.department_code, ?::timestamptz, ?::timestamptz
            FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS o (id, case_id, department_code)
            """)) {
      insert.setObject(1, issuedAt.atOffset(ZoneOffset.UTC));
      insert.setObject(2, respondBy.atOffset(ZoneOffset.UTC));
      insert.setArray(3, SqlArrays.of(connection, "uuid", ordered, b -> b.order().orderId()));
      insert.setArray(4, SqlArrays.of(connection, "uuid", ordered, DeadlineBreached::caseId));
      insert.setArray(
          5, SqlArrays.of(connection, "text", ordered, DeadlineBreached::departmentCode));
      insert.executeUpdate();
    }
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
