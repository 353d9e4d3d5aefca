package io.casegrid.dispatch.cases;

import static io.casegrid.dispatch.DemoCases.post;
import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.FirstContactResolution;
import io.casegrid.events.Satisfaction;
import io.casegrid.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What intake's closures on the call and callbacks after closure mean for dispatch. */
@QuarkusTest
class CallingTheCitizenBackTest {

  private static final TopicProbe events = DemoCases.events();

  @Inject EntityManager entityManager;

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static UUID closedByDrainage() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);
    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已补装新井盖"))
        .then()
        .statusCode(200);
    post("/api/cases/" + id + "/verification", Map.of("passed", true))
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED"));
    return id;
  }

  private static CallbackRecorded callback(UUID caseId, Satisfaction satisfaction, boolean reopen) {
    return new CallbackRecorded(
        caseId,
        UUID.randomUUID(),
        "20261123000001",
        true,
        satisfaction != Satisfaction.DISSATISFIED,
        satisfaction,
        reopen,
        "DRAINAGE",
        "operator1",
        Instant.now());
  }

  private static CloudEvent publish(CallbackRecorded callback) {
    CloudEvent envelope = DemoCases.CODEC.envelope(callback, Topics.INTAKE_SOURCE, Instant.now());
    send(envelope);
    return envelope;
  }

  private static void send(CloudEvent envelope) {
    events.send(Topics.INTAKE_CASES, envelope.subject(), DemoCases.CODEC.write(envelope));
  }

  private boolean applied(CloudEvent event) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                            entityManager
                                .createNativeQuery(
                                    "SELECT count(*) FROM processed_event WHERE consumer ="
                                        + " 'dispatch' AND event_id = ?1")
                                .setParameter(1, event.id())
                                .getSingleResult())
                        .longValue()
                    == 1);
  }

  private long count(String sql, Object parameter) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(sql)
                            .setParameter(1, parameter)
                            .getSingleResult())
                    .longValue());
  }

  private static String state(UUID id) {
    return as("dispatcher1").get("/api/cases/" + id).then().statusCode(200).extract().path("state");
  }

  @Test
  void reopensAClosedCaseToItsDepartmentWhenTheDissatisfiedCitizensCallbackSaysSo() {
    UUID id = closedByDrainage();

    CloudEvent dissatisfied = publish(callback(id, Satisfaction.DISSATISFIED, true));
    send(dissatisfied); // delivered twice: reopened once

    List<CaseReopened> reopened =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> DemoCases.seen(events, id, CaseReopened.class), l -> !l.isEmpty());
    assertThat(reopened.get(0).departmentCode()).isEqualTo("DRAINAGE");
    assertThat(reopened.get(0).reworkCount()).isEqualTo(1);
    assertThat(reopened.get(0).actor()).isEqualTo("operator1");
    await().atMost(Duration.ofSeconds(20)).until(() -> applied(dissatisfied));
    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .body("state", equalTo("SIGNED"))
        .body("departmentCode", equalTo("DRAINAGE"))
        .body("reworkCount", equalTo(1));
    List<Map<String, Object>> timeline =
        as("dispatcher1").get("/api/cases/" + id + "/timeline").then().extract().path("$");
    Map<String, Object> last = timeline.get(timeline.size() - 1);
    assertThat(last)
        .containsEntry("action", "REOPEN_AFTER_CALLBACK")
        .containsEntry("actor", "operator1")
        .containsEntry("from", "CLOSED")
        .containsEntry("to", "SIGNED");
    assertThat((String) last.get("reason")).contains("DISSATISFIED");
    assertThat(DemoCases.seen(events, id, CaseReopened.class)).hasSize(1);
  }

  @Test
  void leavesAClosedCaseClosedWhenTheCallbackDoesNotAskToReopenIt() {
    UUID id = closedByDrainage();

    CloudEvent satisfied = publish(callback(id, Satisfaction.SATISFIED, false));
    CloudEvent dissatisfiedButNotReopening =
        publish(callback(id, Satisfaction.DISSATISFIED, false));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> applied(satisfied) && applied(dissatisfiedButNotReopening));
    assertThat(state(id)).isEqualTo("CLOSED");
    assertThat(DemoCases.seen(events, id, CaseReopened.class)).isEmpty();
  }

  @Test
  void leavesACaseStillInItsDepartmentsHandsAsItIsWhenACallbackAsksToReopenIt() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);

    CloudEvent dissatisfied = publish(callback(id, Satisfaction.DISSATISFIED, true));

    // Applied as an event that changes nothing, not refused and set aside as a bad record.
    await().atMost(Duration.ofSeconds(20)).until(() -> applied(dissatisfied));
    assertThat(count("SELECT count(*) FROM dead_letter WHERE record_key = ?1", id.toString()))
        .isZero();
    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .body("state", equalTo("SIGNED"))
        .body("reworkCount", equalTo(0));
    assertThat(DemoCases.seen(events, id, CaseReopened.class)).isEmpty();
  }

  @Test
  void doesNotRouteACaseClosedAtFirstContact() {
    CaseReported template = DemoCases.reported("0102", DemoCases.HUBIN, null);
    CaseReported answeredOnTheCall =
        CaseReported.builder()
            .caseId(template.caseId())
            .caseNumber(template.caseNumber())
            .kind(io.casegrid.events.CaseKind.CONSULTATION)
            .channel(template.channel())
            .categoryCode(template.categoryCode())
            .urgency(template.urgency())
            .description("咨询井盖维修由哪个单位负责")
            .location(template.location())
            .reportedAt(template.reportedAt())
            .resolvedAtFirstContact(new FirstContactResolution("operator1", Instant.now()))
            .build();

    CloudEvent event = DemoCases.publish(events, answeredOnTheCall);

    await().atMost(Duration.ofSeconds(20)).until(() -> applied(event));
    assertThat(count("SELECT count(*) FROM dispatch_case WHERE case_id = ?1", event.caseId()))
        .isZero();
    assertThat(DemoCases.seen(events, event.caseId(), CaseDispatched.class)).isEmpty();
    as("dispatcher1").get("/api/cases/" + event.caseId()).then().statusCode(404);
  }

  @Test
  void leavesEventTypesOfIntakesTopicItDoesNotHandleAloneAndAppliesEachOnce() {
    UUID unknownCase = UUID.randomUUID();
    CloudEvent newer =
        DemoCases.CODEC.read(
            """
            {"specversion": "1.0", "id": "%s", "source": "%s",
             "type": "io.casegrid.case.merged.v1", "subject": "%s", "time": "%s",
             "datacontenttype": "application/json", "data": {"caseId": "%s"}}
            """
                .formatted(
                    UUID.randomUUID(),
                    Topics.INTAKE_SOURCE,
                    unknownCase,
                    Instant.now(),
                    unknownCase));
    CloudEvent reopenUnknown = publish(callback(unknownCase, Satisfaction.DISSATISFIED, true));
    send(newer);
    send(newer);

    await().atMost(Duration.ofSeconds(20)).until(() -> applied(newer) && applied(reopenUnknown));
    assertThat(
            count("SELECT count(*) FROM dead_letter WHERE record_key = ?1", unknownCase.toString()))
        .isZero();
    assertThat(count("SELECT count(*) FROM dispatch_case WHERE case_id = ?1", unknownCase))
        .isZero();
  }
}
