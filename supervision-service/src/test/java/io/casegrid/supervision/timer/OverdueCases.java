package io.casegrid.supervision.timer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Cases of one department written straight into the tables, as the consumer leaves them with their
 * overdue timers, so that they fall due together, in the same second, a second from now.
 */
final class OverdueCases {

  private OverdueCases() {}

  static void fallingDueTogether(EntityManager entityManager, String department, int cases) {
    Instant due = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MICROS);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              entityManager
                  .createNativeQuery(
                      """
                      INSERT INTO case_deadline (case_id, case_number, category_code, urgency,
                        department_code, district_code, reported_at, clock_started_at,
                        dispatched_at, policy_reference, resolve_due_at, status, resolve_unit)
                      SELECT gen_random_uuid(), 'SIDE' || lpad(g::text, 8, '0'), '0101', 'URGENT',
                        ?1, '330106', now(), now(), now(), 'test', ?2, 'IN_HAND', 'NATURAL_HOURS'
                      FROM generate_series(1, ?3) g
                      """)
                  .setParameter(1, department)
                  .setParameter(2, due)
                  .setParameter(3, cases)
                  .executeUpdate();
              entityManager
                  .createNativeQuery(
                      "INSERT INTO deadline_timer (case_id, kind, fire_at) SELECT case_id,"
                          + " 'OVERDUE', resolve_due_at FROM case_deadline WHERE department_code"
                          + " = ?1 AND resolve_due_at = ?2")
                  .setParameter(1, department)
                  .setParameter(2, due)
                  .executeUpdate();
            });
  }
}
