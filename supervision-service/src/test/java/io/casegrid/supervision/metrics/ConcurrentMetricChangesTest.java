package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.supervision.metrics.CaseFacts.Dispatch;
import io.casegrid.supervision.metrics.CaseFacts.Return;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two transactions change the metrics of the same departments in opposite orders, as two consumers'
 * batches do when intake's and dispatch's topics (or two instances) carry events of the same
 * departments. Seen in the fault suite: written per event, each held the rows of its first events
 * while it waited for the other's, until PostgreSQL aborted one as a deadlock and its batch was
 * applied again, at length, in consumer transactions lasting tens of seconds.
 */
@QuarkusTest
class ConcurrentMetricChangesTest {

  private static final String RUN = Long.toHexString(System.nanoTime()).toUpperCase();

  @Inject MetricsProjection metrics;
  @Inject EntityManager entityManager;

  // The cases this test counted, which no case row backs: left behind, a rebuild of the metrics
  // from the cases would drop them, and MetricsTest's rebuild compares every row.
  private final List<String> counted = new CopyOnWriteArrayList<>();

  @AfterEach
  void withdrawTheCasesItCounted() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              counted.forEach(department -> metrics.changed(reportedTo(department), null));
              metrics.write();
            });
    counted.clear();
  }

  // Each department in its own district, street and grid: the two share no row but their own.
  private static CaseFacts reportedTo(String department) {
    Instant reported = Instant.parse("2096-03-04T02:00:00Z");
    String district = department.startsWith("CA-") ? "339901" : "339902";
    return new CaseFacts(
        department,
        district,
        district + "001",
        district + "001001001",
        "0101",
        reported,
        false,
        reported.plusSeconds(600),
        null,
        List.of(new Dispatch(department, Return.NONE)),
        false,
        false,
        0,
        0,
        null,
        reported.plusSeconds(3600),
        reported.plusSeconds(86_400),
        null,
        null);
  }

  private long received(String department) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(
                                "SELECT COALESCE(SUM(received), 0) FROM metric_daily"
                                    + " WHERE department_code = ?1")
                            .setParameter(1, department)
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void twoTransactionsChangingTheSameRowsInOppositeOrdersBothCommit() throws Exception {
    String first = "CA-" + RUN;
    String second = "CB-" + RUN;
    CyclicBarrier bothChangedOne = new CyclicBarrier(2);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<Void> forwards =
          CompletableFuture.runAsync(() -> changeInTurn(bothChangedOne, first, second), two);
      CompletableFuture<Void> backwards =
          CompletableFuture.runAsync(() -> changeInTurn(bothChangedOne, second, first), two);

      CompletableFuture.allOf(forwards, backwards).get(60, TimeUnit.SECONDS);
    } finally {
      two.shutdownNow();
    }

    assertThat(received(first)).isEqualTo(2);
    assertThat(received(second)).isEqualTo(2);
  }

  // A case of each department reported, in turn, the other transaction changing its first while
  // this one changes its own.
  private void changeInTurn(CyclicBarrier bothChangedOne, String one, String other) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              metrics.changed(null, reportedTo(one));
              try {
                bothChangedOne.await(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              metrics.changed(null, reportedTo(other));
              metrics.write();
            });
    counted.addAll(List.of(one, other));
  }

  @Test
  void aTransactionThatNeverWritesItsChangesCannotCommit() {
    String department = "CC-" + RUN;

    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(() -> metrics.changed(null, reportedTo(department))))
        .hasStackTraceContaining("MetricsProjection.write() was not called");

    assertThat(received(department)).isZero();
  }
}
