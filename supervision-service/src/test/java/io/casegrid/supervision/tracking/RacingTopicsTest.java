package io.casegrid.supervision.tracking;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Supervision follows a case from intake's topic and from dispatch's, in parallel: both may open
 * the same case at once, and one of them then loses the race for its row. Seen in the fault suite,
 * where the loser's {@code case.reported} was set aside as a dead letter and the case went overdue
 * though it had been resolved.
 */
@QuarkusTest
class RacingTopicsTest {

  private static final EventCodec CODEC = new EventCodec();

  @Inject EntityManager entityManager;

  private final UUID caseId = UUID.randomUUID();

  private void sql(String statement) {
    QuarkusTransaction.requiringNew()
        .run(() -> entityManager.createNativeQuery(statement).executeUpdate());
  }

  private long count(String query) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> ((Number) entityManager.createNativeQuery(query).getSingleResult()).longValue());
  }

  /**
   * The race as the database shows it to the loser: its insert of the case's row fails on the key
   * (a real unique violation of PostgreSQL), the first {@code times} times it is tried.
   */
  private void loseTheRaceForTheRow(int times) {
    sql("CREATE SEQUENCE race_attempts");
    sql(
        """
        CREATE FUNCTION lose_the_race() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.case_id = '%s' AND nextval('race_attempts') <= %d THEN
            RAISE EXCEPTION 'duplicate key value violates unique constraint "case_deadline_pkey"'
              USING ERRCODE = 'unique_violation';
          END IF;
          RETURN NEW;
        END $$
        """
            .formatted(caseId, times));
    sql(
        "CREATE TRIGGER lose_the_race BEFORE INSERT ON case_deadline"
            + " FOR EACH ROW EXECUTE FUNCTION lose_the_race()");
  }

  @AfterEach
  void endTheRace() {
    sql("DROP TRIGGER IF EXISTS lose_the_race ON case_deadline");
    sql("DROP FUNCTION IF EXISTS lose_the_race()");
    sql("DROP SEQUENCE IF EXISTS race_attempts");
  }

  @Test
  void aCaseWhoseRowAnotherConsumerInsertedFirstIsAppliedAgainNotSetAside() {
    loseTheRaceForTheRow(2);

    try (TopicProbe bus =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.INTAKE_CASES)) {
      bus.send(
          Topics.INTAKE_CASES,
          caseId.toString(),
          CODEC.write(
              CODEC.envelope(
                  CaseReported.builder()
                      .caseId(caseId)
                      .caseNumber("202610090000777")
                      .kind(CaseKind.COMPLAINT)
                      .channel(Channel.HOTLINE)
                      .categoryCode("0101")
                      .urgency(Urgency.URGENT)
                      .description("上水井盖破损")
                      .location(
                          new Location("339901", "339901001", "339901001001", "339901001001001"))
                      .reportedAt(Instant.parse("2026-10-09T02:00:00Z"))
                      .build(),
                  Topics.INTAKE_SOURCE,
                  Instant.now())));
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .get("/api/cases/" + caseId + "/deadline")
                    .then()
                    .statusCode(200)
                    .body("caseNumber", equalTo("202610090000777")));
    assertThat(count("SELECT last_value FROM race_attempts")).isGreaterThan(2);
    assertThat(count("SELECT count(*) FROM dead_letter WHERE record_key = '" + caseId + "'"))
        .isZero();
  }
}
