package io.casegrid.supervision.timer;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Warnings (预警) and overdue (超期) fire from durable timers, once each. */
@QuarkusTest
class DeadlineTimersTest {

  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe supervision;

  @BeforeAll
  static void watch() {
    supervision =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.SUPERVISION_CASES);
  }

  @AfterAll
  static void stopWatching() {
    supervision.close();
  }

  /** T001: a test category whose case must be resolved within 7.2 seconds, warned at half. */
  @BeforeEach
  void loadAShortPolicy() {
    loadShortPolicy();
  }

  static void loadShortPolicy() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "calendar": {
                "workingPeriods": [{"start": "08:30", "end": "12:00"}, {"start": "13:30", "end": "17:30"}],
                "weekend": ["SATURDAY", "SUNDAY"]
              },
              "deadlinePolicies": [
                {"categoryCode": "T001", "urgency": "URGENT",
                 "sign": {"amount": 0.001, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 0.002, "unit": "NATURAL_HOURS"},
                 "warningShare": 0.5},
                {"categoryCode": "0101", "urgency": "URGENT",
                 "sign": {"amount": 0.5, "unit": "NATURAL_HOURS"},
                 "resolve": {"amount": 6, "unit": "NATURAL_HOURS"}}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  private static UUID dispatched(String category, Instant at) {
    return dispatched(category, at, "WATER");
  }

  private static UUID dispatched(String category, Instant at, String department) {
    UUID id = UUID.randomUUID();
    publish(
        new CaseDispatched(
            id,
            "202611230009999",
            department,
            RoutingBasis.ASSET_OWNER,
            "asset-owner:WATER",
            category,
            Urgency.URGENT,
            null,
            at,
            at,
            List.of()));
    return id;
  }

  private static void publish(CaseEvent event) {
    supervision.send(
        Topics.DISPATCH_CASES,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.DISPATCH_SOURCE, Instant.now())));
  }

  /** The first event of a type announced for a case. */
  private static <T extends CaseEvent> T first(UUID id, Class<T> type) {
    return supervision.records(r -> r.key().equals(id.toString())).stream()
        .map(r -> CODEC.read(r.value()))
        .filter(e -> EventType.ofType(e.type()).map(EventType::payloadClass).orElse(null) == type)
        .map(e -> CODEC.payload(e, type))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> firedFor(UUID id) {
    return supervision.records(r -> r.key().equals(id.toString())).stream()
        .map(r -> CODEC.read(r.value()).type())
        .filter(
            t ->
                t.equals(EventType.DEADLINE_WARNING.type())
                    || t.equals(EventType.DEADLINE_BREACHED.type()))
        .toList();
  }

  @Test
  void warnsAndThenDeclaresTheCaseOverdueOnceEach() {
    UUID id = dispatched("T001", Instant.now());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> firedFor(id), l -> l.contains(EventType.DEADLINE_BREACHED.type()));
    assertThat(firedFor(id))
        .containsExactly(EventType.DEADLINE_WARNING.type(), EventType.DEADLINE_BREACHED.type());
    as("supervisor1")
        .get("/api/cases/" + id + "/deadline")
        .then()
        .body("warnedAt", notNullValue())
        .body("breachedAt", notNullValue());
    DeadlineBreached breached = first(id, DeadlineBreached.class);
    assertThat(breached.departmentCode()).isEqualTo("WATER");
    assertThat(breached.breachedAt()).isAfterOrEqualTo(breached.resolveDueAt());

    // The overdue case's department gets a supervision order (督办单) and answers it.
    SupervisionOrderIssued order = first(id, SupervisionOrderIssued.class);
    assertThat(order.respondBy()).isAfter(order.issuedAt());
    as("supervisor1")
        .queryParam("department", "WATER")
        .get("/api/supervision-orders")
        .then()
        .body("id", hasItem(order.orderId().toString()));
    publish(
        new SupervisionOrderAnswered(
            id, order.orderId(), "WATER", "已安排抢修队，今晚完成", "water-lead", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .queryParam("answered", true)
                    .get("/api/supervision-orders")
                    .then()
                    .body("id", hasItem(order.orderId().toString())));
  }

  @Test
  void firesATimerThatFellDueWhileNobodyWasWatchingAtOnce() {
    // Dispatched a day ago with six hours to resolve: both timers are long due.
    UUID id = dispatched("0101", Instant.now().minus(Duration.ofDays(1)));

    await().atMost(Duration.ofSeconds(20)).until(() -> firedFor(id), l -> l.size() == 2);
    DeadlineWarning warning = first(id, DeadlineWarning.class);
    assertThat(warning.warnedAt()).isAfter(warning.resolveDueAt());
  }

  @Test
  void climbsTheEscalationLadderAsADepartmentsCasesGoOverdue() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {"escalationLadder": {"period": "MONTH", "rungs": [
              {"overdueCases": 1, "step": "YELLOW_CARD"},
              {"overdueCases": 2, "step": "ACCOUNTABILITY_NOTICE"}]}}
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
    String department = "LATE-" + Long.toHexString(System.nanoTime()).toUpperCase();
    Instant longAgo = Instant.now().minus(Duration.ofHours(12));

    UUID first = dispatched("0101", longAgo, department);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .queryParam("department", department)
                    .get("/api/accountability")
                    .then()
                    .body("step", org.hamcrest.Matchers.equalTo(List.of("YELLOW_CARD"))));
    UUID second = dispatched("0101", longAgo, department);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("supervisor1")
                    .queryParam("department", department)
                    .get("/api/accountability")
                    .then()
                    .body(
                        "step",
                        org.hamcrest.Matchers.equalTo(
                            List.of("ACCOUNTABILITY_NOTICE", "YELLOW_CARD")))
                    .body("[0].overdueCases", org.hamcrest.Matchers.equalTo(2))
                    .body(
                        "[0].caseIds",
                        org.hamcrest.Matchers.containsInAnyOrder(
                            first.toString(), second.toString())));
  }

  @Test
  void refusesALadderWhoseStepsDoNotGrowWithTheCount() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {"escalationLadder": {"period": "MONTH", "rungs": [
              {"overdueCases": 1, "step": "LEADERSHIP_REPORT"},
              {"overdueCases": 2, "step": "YELLOW_CARD"}]}}
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(400)
        .body("errors[0].field", org.hamcrest.Matchers.equalTo("escalationLadder.rungs"));
  }

  @Test
  void neverDeclaresOverdueACaseResolvedInTime() {
    UUID id = dispatched("T001", Instant.now());
    publish(new CaseResolved(id, "WATER", "已修复", "clerk", Instant.now()));

    // Past its deadline of 7.2 seconds, still no overdue.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(() -> !firedFor(id).contains(EventType.DEADLINE_BREACHED.type()));
    as("supervisor1")
        .get("/api/cases/" + id + "/deadline")
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("RESOLVED"))
        .body("breachedAt", org.hamcrest.Matchers.nullValue());
  }
}
