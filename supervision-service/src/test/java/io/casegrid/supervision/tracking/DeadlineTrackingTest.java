package io.casegrid.supervision.tracking;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Channel;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeadlineTrackingTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final Location AT =
      new Location("339901", "339901001", "339901001001", "339901001001001");
  private static TopicProbe announced;

  @Inject EntityManager entityManager;

  @BeforeAll
  static void watch() {
    announced =
        new TopicProbe(
            TestInfrastructure.shared().kafka().bootstrapServers(), Topics.SUPERVISION_CASES);
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @BeforeEach
  void loadCalendarAndPolicies() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "calendar": {
                "workingPeriods": [{"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:30"}],
                "weekend": ["SATURDAY", "SUNDAY"],
                "holidays": [{"date": "2026-10-01", "name": "国庆节"}],
                "makeUpWorkdays": [{"date": "2026-10-10", "name": "国庆调休"}]
              },
              "deadlinePolicies": [
                {"categoryCode": "0101", "urgency": "URGENT",
                 "sign": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "makeSafe": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 6, "unit": "NATURAL_HOURS"}},
                {"urgency": "NORMAL",
                 "sign": {"amount": 1, "unit": "WORKING_HOURS"},
                 "resolve": {"amount": 7, "unit": "WORKING_DAYS"}}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  private static void publish(String topic, CaseEvent event) {
    announced.send(
        topic,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, "/test", Instant.now())));
  }

  private static CaseDispatched dispatched(UUID id, String category, Urgency urgency, Instant at) {
    return new CaseDispatched(
        id,
        "202610090000001",
        "WATER",
        RoutingBasis.ASSET_OWNER,
        "asset-owner:WATER",
        category,
        urgency,
        AT,
        at.minusSeconds(60),
        at,
        List.of());
  }

  private static List<DeadlineSet> announcedFor(UUID id) {
    return announced.records(r -> r.key().equals(id.toString())).stream()
        .map(r -> CODEC.payload(CODEC.read(r.value()), DeadlineSet.class))
        .toList();
  }

  /** Waits until the case's deadline view meets the expectations. */
  private static void eventually(UUID id, Consumer<ValidatableResponse> expectations) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                expectations.accept(
                    as("supervisor1").get("/api/cases/" + id + "/deadline").then()));
  }

  @Test
  void startsTheClockAtDispatchAndSetsTheCoverDeadlinesInNaturalHours() {
    UUID id = UUID.randomUUID();
    // 2026-10-09 10:00 in Shanghai.
    publish(
        Topics.DISPATCH_CASES,
        dispatched(id, "0101", Urgency.URGENT, Instant.parse("2026-10-09T02:00:00Z")));

    List<DeadlineSet> set =
        await().atMost(Duration.ofSeconds(20)).until(() -> announcedFor(id), l -> !l.isEmpty());
    assertThat(set.get(0).resolveDueAt()).isEqualTo(Instant.parse("2026-10-09T08:00:00Z"));
    as("supervisor1")
        .get("/api/cases/" + id + "/deadline")
        .then()
        .statusCode(200)
        .body("policy", equalTo("0101/URGENT"))
        .body("clockStartedAt", equalTo("2026-10-09T10:00:00+08:00"))
        .body("makeSafeDueAt", equalTo("2026-10-09T10:30:00+08:00"))
        .body("warningAt", equalTo("2026-10-09T14:48:00+08:00"))
        .body("resolveDueAt", equalTo("2026-10-09T16:00:00+08:00"));
  }

  @Test
  void countsAnOrdinaryCaseInWorkingDaysOnTheLoadedCalendar() {
    UUID id = UUID.randomUUID();
    // Friday 2026-10-09 10:00: 7 working days are Sat 10-10 (make-up), 12, 13, 14, 15, 16, 19.
    publish(
        Topics.DISPATCH_CASES,
        dispatched(id, "E0101", Urgency.NORMAL, Instant.parse("2026-10-09T02:00:00Z")));

    eventually(
        id,
        deadline ->
            deadline
                .body("policy", equalTo("default/NORMAL"))
                .body("signDueAt", equalTo("2026-10-09T11:00:00+08:00"))
                .body("resolveDueAt", equalTo("2026-10-19T10:00:00+08:00")));
  }

  @Test
  void knowsAReportedCaseBeforeItsClockStartsAndStartsItAtDispatch() {
    UUID id = UUID.randomUUID();
    publish(
        Topics.INTAKE_CASES,
        CaseReported.builder()
            .caseId(id)
            .caseNumber("202610090000002")
            .kind(CaseKind.COMPLAINT)
            .channel(Channel.HOTLINE)
            .categoryCode("0101")
            .urgency(Urgency.URGENT)
            .description("上水井盖破损")
            .location(AT)
            .reportedAt(Instant.parse("2026-10-09T02:00:00Z"))
            .build());

    eventually(
        id,
        deadline ->
            deadline
                .statusCode(200)
                .body("categoryCode", equalTo("0101"))
                .body("resolveDueAt", equalTo(null)));

    publish(
        Topics.DISPATCH_CASES,
        dispatched(id, "0101", Urgency.URGENT, Instant.parse("2026-10-09T02:00:00Z")));
    eventually(
        id,
        deadline ->
            deadline
                .body("departmentCode", equalTo("WATER"))
                .body("resolveDueAt", equalTo("2026-10-09T16:00:00+08:00")));
  }

  @Test
  void stopsTheClockWhileTheCaseIsParkedAndMovesTheDeadlineWhenItResumes() {
    UUID id = UUID.randomUUID();
    publish(
        Topics.DISPATCH_CASES,
        dispatched(id, "0101", Urgency.URGENT, Instant.parse("2026-10-09T02:00:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new CaseSigned(id, "WATER", "clerk", Instant.parse("2026-10-09T02:10:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new ApprovalDecided(
            id,
            UUID.randomUUID(),
            RequestKind.PARKING,
            "WATER",
            true,
            "雨季暂缓",
            null,
            "dispatcher",
            Instant.parse("2026-10-09T03:00:00Z")));
    eventually(
        id,
        deadline ->
            deadline
                .body("status", equalTo("PARKED"))
                .body("signedAt", equalTo("2026-10-09T10:10:00+08:00")));

    // Parked for two hours: a natural-hour deadline moves by two hours.
    publish(
        Topics.DISPATCH_CASES,
        new CaseResumed(id, "WATER", "clerk", Instant.parse("2026-10-09T05:00:00Z")));
    eventually(
        id,
        deadline ->
            deadline
                .body("status", equalTo("IN_HAND"))
                .body("resolveDueAt", equalTo("2026-10-09T18:00:00+08:00"))
                .body("warningAt", equalTo("2026-10-09T16:48:00+08:00")));
  }

  @Test
  void movesTheDeadlineToAnApprovedExtensionAndFollowsTheCaseToClosure() {
    UUID id = UUID.randomUUID();
    publish(
        Topics.DISPATCH_CASES,
        dispatched(id, "E0101", Urgency.NORMAL, Instant.parse("2026-10-09T02:00:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new ApprovalDecided(
            id,
            UUID.randomUUID(),
            RequestKind.EXTENSION,
            "WATER",
            true,
            "需协调施工",
            Instant.parse("2026-10-30T09:30:00Z"),
            "dispatcher",
            Instant.parse("2026-10-09T03:00:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new CaseResolved(id, "WATER", "已修复", "clerk", Instant.parse("2026-10-20T02:00:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new CaseClosed(id, "WATER", "inspector", Instant.parse("2026-10-21T02:00:00Z")));

    eventually(
        id,
        deadline ->
            deadline
                .body("status", equalTo("CLOSED"))
                .body("extended", equalTo(true))
                .body("resolveDueAt", equalTo("2026-10-30T17:30:00+08:00"))
                .body("resolvedAt", equalTo("2026-10-20T10:00:00+08:00"))
                .body("closedAt", equalTo("2026-10-21T10:00:00+08:00")));
  }

  @Test
  void followsACaseReferredToTheAssetsOwnerWithItsDeadlineAndCountsNoReturn() {
    UUID id = UUID.randomUUID();
    Instant dispatchedAt = Instant.parse("2026-10-09T02:00:00Z");
    Instant referredAt = Instant.parse("2026-10-09T02:20:00Z");
    publish(Topics.DISPATCH_CASES, dispatched(id, "0101", Urgency.URGENT, dispatchedAt));
    publish(
        Topics.DISPATCH_CASES,
        new CaseSigned(id, "WATER", "clerk", Instant.parse("2026-10-09T02:10:00Z")));
    // As dispatch announces a referral: the referral, then the dispatch to the owner.
    publish(
        Topics.DISPATCH_CASES,
        new CaseReferred(
            id, "WATER", "GAS", "3399010101000001", "WATER", "实为燃气阀门井", "clerk", referredAt));
    publish(
        Topics.DISPATCH_CASES,
        new CaseDispatched(
            id,
            "202610090000001",
            "GAS",
            RoutingBasis.ASSET_OWNER,
            "referral:WATER:3399010101000001",
            "0101",
            Urgency.URGENT,
            AT,
            dispatchedAt.minusSeconds(60),
            referredAt,
            List.of()));

    eventually(
        id,
        deadline ->
            deadline
                .body("departmentCode", equalTo("GAS"))
                .body("signedAt", nullValue())
                .body("clockStartedAt", equalTo("2026-10-09T10:00:00+08:00"))
                .body("resolveDueAt", equalTo("2026-10-09T16:00:00+08:00")));
    CaseDeadline followed =
        QuarkusTransaction.requiringNew().call(() -> entityManager.find(CaseDeadline.class, id));
    assertThat(followed.returns).isZero();
    assertThat(followed.dispatches).isEqualTo(2);
  }

  @Test
  void countsAReopenedCaseAsNotClosedUntilItClosesAgainAndItsFinalCloseDecidesIfOnTime() {
    UUID id = UUID.randomUUID();
    String department = "REOPEN-" + Long.toHexString(System.nanoTime()).toUpperCase();
    // Dispatched 2026-10-09 10:00 in Shanghai with 6 hours to resolve: due at 16:00.
    Instant dispatchedAt = Instant.parse("2026-10-09T02:00:00Z");
    publish(
        Topics.DISPATCH_CASES,
        new CaseDispatched(
            id,
            "202610090000003",
            department,
            RoutingBasis.ROUTING_CATALOGUE,
            "catalogue:0101",
            "0101",
            Urgency.URGENT,
            AT,
            dispatchedAt.minusSeconds(60),
            dispatchedAt,
            List.of()));
    publish(
        Topics.DISPATCH_CASES,
        new CaseResolved(id, department, "已修复", "clerk", Instant.parse("2026-10-09T03:00:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new CaseClosed(id, department, "inspector", Instant.parse("2026-10-09T04:00:00Z")));
    // The citizen was dissatisfied at the callback the next day: dispatch reopens the case.
    publish(
        Topics.DISPATCH_CASES,
        new CaseReopened(
            id, department, "回访不满意", 1, "operator1", Instant.parse("2026-10-10T01:00:00Z")));

    eventually(
        id, deadline -> deadline.body("status", equalTo("IN_HAND")).body("closedAt", nullValue()));
    assertThat(octoberOf(department))
        .containsEntry("due", 1)
        .containsEntry("closed", 0)
        .containsEntry("closedOnTime", 0);

    // Closed again after its deadline: late, though its first closing was in time.
    publish(
        Topics.DISPATCH_CASES,
        new CaseResolved(id, department, "已更换", "clerk", Instant.parse("2026-10-10T02:00:00Z")));
    publish(
        Topics.DISPATCH_CASES,
        new CaseClosed(id, department, "inspector", Instant.parse("2026-10-10T03:00:00Z")));
    eventually(id, deadline -> deadline.body("closedAt", equalTo("2026-10-10T11:00:00+08:00")));
    assertThat(octoberOf(department))
        .containsEntry("due", 1)
        .containsEntry("closed", 1)
        .containsEntry("closedOnTime", 0)
        .containsEntry("reworked", 1);
  }

  /** A department's counters in October 2026. */
  private static Map<String, Object> octoberOf(String department) {
    return as("supervisor1")
        .queryParam("groupBy", "department")
        .queryParam("from", "2026-10-01")
        .queryParam("to", "2026-10-31")
        .get("/api/metrics")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("groups.find { it.key == '" + department + "' }.counts");
  }

  @Test
  void refusesOverlappingWorkingPeriodsAndChangesNothing() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            "{\"calendar\": {\"workingPeriods\": [{\"start\": \"08:00\", \"end\": \"12:00\"},"
                + " {\"start\": \"11:00\", \"end\": \"17:00\"}]}}")
        .put("/api/admin/reference-data")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("calendar.workingPeriods"));
  }

  @Test
  void answersAnUnknownCaseWith404() {
    as("supervisor1").get("/api/cases/" + UUID.randomUUID() + "/deadline").then().statusCode(404);
  }
}
