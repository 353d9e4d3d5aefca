package io.casegrid.supervision.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Several workers fire timers side by side, a case each per batch here, so that the breaches of one
 * department are declared in transactions that overlap.
 */
@QuarkusTest
@TestProfile(TimerWorkersTest.FourWorkersOneTimerEach.class)
class TimerWorkersTest {

  private static final int CASES = 12;

  public static class FourWorkersOneTimerEach implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("casegrid.timers.workers", "4", "casegrid.timers.batch-size", "1");
    }
  }

  @Inject EntityManager entityManager;
  @Inject DataSource dataSource;

  @Test
  void climbsTheLadderWhenTheBreachesThatReachTheRungAreDeclaredByWorkersSideBySide() {
    DeadlineTimersTest.loadShortPolicy();
    DeadlineTimersTest.loadLadder(CASES);
    String department = "SIDE-" + Long.toHexString(System.nanoTime()).toUpperCase();
    OverdueCases.fallingDueTogether(entityManager, department, CASES);

    // The last breaches' workers must each see the other's: together they reach the rung.
    DeadlineTimersTest.awaitSteps(department, "YELLOW_CARD")
        .body("[0].overdueCases", equalTo(CASES))
        .body("[0].caseIds", hasSize(CASES));
    // The firing marks the cases without a new version: a consumer that read one before commits
    // its own change without a conflict.
    Object[] marked =
        (Object[])
            entityManager
                .createNativeQuery(
                    "SELECT count(breached_at), max(version) FROM case_deadline"
                        + " WHERE department_code = ?1")
                .setParameter(1, department)
                .getSingleResult();
    assertThat(((Number) marked[0]).intValue()).isEqualTo(CASES);
    assertThat(((Number) marked[1]).longValue()).isZero();
  }

  @Test
  void declaresBreachesWithoutWaitingForAnotherWorkersCountOnceTheLadderIsClimbed()
      throws SQLException {
    DeadlineTimersTest.loadShortPolicy();
    DeadlineTimersTest.loadLadder(1);
    String department = "CLIMBED-" + Long.toHexString(System.nanoTime()).toUpperCase();
    OverdueCases.fallingDueTogether(entityManager, department, 1);
    DeadlineTimersTest.awaitSteps(department, "YELLOW_CARD");

    // Another worker counting the department's breaches, its lock held until it commits.
    try (Connection counting = dataSource.getConnection()) {
      counting.setAutoCommit(false);
      try (PreparedStatement lock =
          counting.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('ladder:' || ?))")) {
        lock.setString(1, department);
        lock.execute();
      }
      try {
        OverdueCases.fallingDueTogether(entityManager, department, 3);
        await().atMost(Duration.ofSeconds(15)).until(() -> breached(department), n -> n == 4);
      } finally {
        counting.rollback();
      }
    }
    DeadlineTimersTest.accountabilityOf(department)
        .body("step", equalTo(List.of("YELLOW_CARD")))
        .body("[0].overdueCases", equalTo(1));
  }

  // Awaitility asks from a thread of its own, which has no transaction unless it starts one.
  private long breached(String department) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(
                                "SELECT count(breached_at) FROM case_deadline"
                                    + " WHERE department_code = ?1")
                            .setParameter(1, department)
                            .getSingleResult())
                    .longValue());
  }
}
