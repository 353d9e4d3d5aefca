package io.casegrid.dispatch.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.events.CaseMerged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A move of a case is kept by writing only the columns it changed, under the case's version: what
 * supervision wrote meanwhile stays, and a change another command made meanwhile refuses the move.
 */
@QuarkusTest
class KeepingACasesRowTest {

  @Inject Cases cases;
  @Inject EntityManager entityManager;

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static UUID dispatchedToDrainage() {
    return DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
  }

  @Test
  void keepsTheDeadlinesSupervisionSetAfterTheCommandReadTheCase() {
    UUID id = dispatchedToDrainage();
    Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              DispatchCase c = cases.load(id);
              // Supervision's follower, between the command's read and its write.
              QuarkusTransaction.requiringNew()
                  .run(
                      () ->
                          sql(
                              "UPDATE dispatch_case SET resolve_due_at = ?1 WHERE case_id = ?2",
                              utc(due),
                              id));
              cases.keep(c, c.sign("drainage1", Cases.now()));
            });

    Object[] row = row(id);
    assertThat(row[0]).isEqualTo("SIGNED");
    assertThat(row[1] instanceof OffsetDateTime at ? at.toInstant() : row[1]).isEqualTo(due);
    assertThat(((Number) row[2]).longValue()).isEqualTo(1);
  }

  @Test
  void refusesAMoveOfACaseAnotherCommandChangedSinceItWasReadAndKeepsNothingOfIt() {
    UUID id = dispatchedToDrainage();

    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          DispatchCase c = cases.load(id);
                          // Another clerk's command, between this one's read and its write.
                          QuarkusTransaction.requiringNew()
                              .run(
                                  () -> {
                                    DispatchCase other = cases.load(id);
                                    cases.keep(other, other.sign("drainage2", Cases.now()));
                                  });
                          cases.keep(c, c.sign("drainage1", Cases.now()));
                        }))
        .isInstanceOf(OptimisticLockException.class);

    assertThat(actorsOfTheTimeline(id)).containsExactly("routing", "drainage2");
    assertThat(((Number) row(id)[2]).longValue()).isEqualTo(1);
  }

  @Test
  void writesNoRowAndKeepsTheVersionWhenTheMoveChangedNothingOnTheCase() {
    UUID id = dispatchedToDrainage();
    CaseMerged joined = new CaseMerged(id, "C-JOINED", null, null, 2, "operator1", Instant.now());

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              DispatchCase c = cases.load(id);
              cases.keep(c, c.joinedBy(joined));
            });

    assertThat(((Number) row(id)[2]).longValue()).isZero();
    assertThat(actorsOfTheTimeline(id)).containsExactly("routing", "operator1");
  }

  @Test
  void readsEveryColumnOfTheCasesTableSoThatACommandCanWriteAnyOfThem() {
    @SuppressWarnings("unchecked")
    List<String> table =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    entityManager
                        .createNativeQuery(
                            "SELECT column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema()"
                                + " AND table_name = 'dispatch_case'")
                        .getResultList());

    assertThat(CaseRows.columns()).containsExactlyInAnyOrderElementsOf(table);
  }

  private void sql(String statement, Object... parameters) {
    var query = entityManager.createNativeQuery(statement);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    query.executeUpdate();
  }

  private Object[] row(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (Object[])
                    entityManager
                        .createNativeQuery(
                            "SELECT state, resolve_due_at, version FROM dispatch_case WHERE"
                                + " case_id = ?1")
                        .setParameter(1, id)
                        .getSingleResult());
  }

  @SuppressWarnings("unchecked")
  private List<String> actorsOfTheTimeline(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createNativeQuery(
                        "SELECT actor FROM case_action WHERE case_id = ?1 ORDER BY id")
                    .setParameter(1, id)
                    .getResultList());
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
