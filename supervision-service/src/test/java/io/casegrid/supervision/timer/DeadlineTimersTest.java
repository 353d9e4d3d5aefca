package io.casegrid.supervision.timer;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.casegrid.supervision.accountability.AccountabilityStep;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Warnings (预警) and overdue (超期) fire from durable timers, once each. */
@QuarkusTest
class DeadlineTimersTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static TopicProbe supervision;

  @Inject EntityManager entityManager;
  @Inject MeterRegistry registry;

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

  /** The types of every event announced for a case, in their order. */
  private static List<String> announcedFor(UUID id) {
    return supervision.records(r -> r.key().equals(id.toString())).stream()
        .map(r -> CODEC.read(r.value()).type())
        .toList();
  }

  private static List<String> firedFor(UUID id) {
    return announcedFor(id).stream()
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

    // The overdue case's department gets a supervision order (督办单), announced on the breach
    // itself: one event per breach, none of its own.
    DeadlineBreached.BreachOrder order = breached.order();
    assertThat(order).isNotNull();
    assertThat(order.respondBy()).isAfter(order.issuedAt());
    assertThat(announcedFor(id))
        .containsOnlyOnce(EventType.DEADLINE_BREACHED.type())
        .doesNotContain(EventType.SUPERVISION_ORDER_ISSUED.type());
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
    loadLadder(1, 2);
    String department = "LATE-" + Long.toHexString(System.nanoTime()).toUpperCase();
    Instant longAgo = Instant.now().minus(Duration.ofHours(12));

    UUID first = dispatched("0101", longAgo, department);
    awaitSteps(department, "YELLOW_CARD");
    UUID second = dispatched("0101", longAgo, department);
    awaitSteps(department, "ACCOUNTABILITY_NOTICE", "YELLOW_CARD")
        .body("[0].overdueCases", equalTo(2))
        .body("[0].caseIds", containsInAnyOrder(first.toString(), second.toString()));

    // Each case's supervision order names the step its department stood on once it was counted.
    assertThat(orderOf(first).escalationStep()).isEqualTo("YELLOW_CARD");
    assertThat(orderOf(second).escalationStep()).isEqualTo("ACCOUNTABILITY_NOTICE");
  }

  @Test
  void storesForEachCaseOfABatchTheOrderItsBreachAnnounces() {
    String department = "BATCH-" + Long.toHexString(System.nanoTime()).toUpperCase();
    OverdueCases.fallingDueTogether(entityManager, department, 5);

    List<Object[]> stored =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> ordersOf(department), rows -> rows.size() == 5);
    assertThat(stored.stream().map(row -> row[1]).distinct()).hasSize(5);
    for (Object[] row : stored) {
      DeadlineBreached.BreachOrder announced = orderOf((UUID) row[1]);
      assertThat(row[0]).isEqualTo(announced.orderId());
      assertThat(row[2]).isEqualTo(department);
      assertThat(Instant.from((TemporalAccessor) row[3])).isEqualTo(announced.issuedAt());
      assertThat(Instant.from((TemporalAccessor) row[4])).isEqualTo(announced.respondBy());
    }
  }

  // Awaitility asks from a thread of its own, which has no transaction unless it starts one.
  @SuppressWarnings("unchecked")
  private List<Object[]> ordersOf(String department) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createNativeQuery(
                        "SELECT o.id, o.case_id, o.department_code, o.issued_at, o.respond_by"
                            + " FROM supervision_order o JOIN case_deadline d USING (case_id)"
                            + " WHERE d.department_code = ?1")
                    .setParameter(1, department)
                    .getResultList());
  }

  private static DeadlineBreached.BreachOrder orderOf(UUID id) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> first(id, DeadlineBreached.class).order(), java.util.Objects::nonNull);
  }

  @Test
  void takesEveryRungReachedOnceAndInOrderWhenCasesGoOverdueTogether() {
    loadLadder(1, 2, 3);
    // Three cases going overdue together reach all three rungs at once.
    String together = "TOGETHER-" + Long.toHexString(System.nanoTime()).toUpperCase();
    OverdueCases.fallingDueTogether(entityManager, together, 3);
    awaitSteps(together, "LEADERSHIP_REPORT", "ACCOUNTABILITY_NOTICE", "YELLOW_CARD")
        .body("overdueCases", equalTo(List.of(3, 2, 1)));

    // One overdue case, then two together: the notice comes before the report.
    String later = "LATER-" + Long.toHexString(System.nanoTime()).toUpperCase();
    OverdueCases.fallingDueTogether(entityManager, later, 1);
    awaitSteps(later, "YELLOW_CARD");
    OverdueCases.fallingDueTogether(entityManager, later, 2);
    awaitSteps(later, "LEADERSHIP_REPORT", "ACCOUNTABILITY_NOTICE", "YELLOW_CARD");
  }

  @Test
  void datesABreachFoundLateAtItsDeadlineAndCountsItInTheMonthOfItsDeadline() {
    loadLadder(1, 2, 3);
    String department = "OUTAGE-" + Long.toHexString(System.nanoTime()).toUpperCase();
    // As after an outage of supervision: the case fell due 40 days ago, six hours after dispatch.
    Instant dispatchedAt = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS);
    UUID id = dispatched("0101", dispatchedAt, department);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> firedFor(id), l -> l.contains(EventType.DEADLINE_BREACHED.type()));
    DeadlineBreached breached = first(id, DeadlineBreached.class);
    Instant due = dispatchedAt.plus(Duration.ofHours(6));
    assertThat(breached.resolveDueAt()).isEqualTo(due);
    assertThat(breached.breachedAt()).isEqualTo(due);
    JsonPath view =
        as("supervisor1").get("/api/cases/" + id + "/deadline").then().extract().jsonPath();
    assertThat(instant(view.getString("breachedAt"))).isEqualTo(due);
    assertThat(instant(view.getString("breachDetectedAt")))
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));

    // The ladder counts the breach in the period of its deadline, not in the one it was found in.
    LocalDate deadlineMonth = LocalDate.ofInstant(due, SHANGHAI).withDayOfMonth(1);
    awaitSteps(department, "YELLOW_CARD")
        .body("[0].periodStart", equalTo(deadlineMonth.toString()));

    // How late breaches are found is measured: this one 40 days less six hours late.
    Timer lag = registry.find("casegrid.deadlines.breach.detection.lag").timer();
    assertThat(lag).isNotNull();
    assertThat(lag.totalTime(TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(Duration.ofDays(40).minusHours(6).toSeconds());
  }

  private static Instant instant(String local) {
    return OffsetDateTime.parse(local).toInstant();
  }

  /**
   * A monthly ladder of as many rungs as counts given: a yellow card, then a notice, then a report
   * to leadership, from these counts of overdue cases on.
   */
  static void loadLadder(int... counts) {
    StringBuilder rungs = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      rungs
          .append(i == 0 ? "" : ", ")
          .append("{\"overdueCases\": ")
          .append(counts[i])
          .append(", \"step\": \"")
          .append(AccountabilityStep.values()[i])
          .append("\"}");
    }
    as("admin1")
        .contentType(ContentType.JSON)
        .body("{\"escalationLadder\": {\"period\": \"MONTH\", \"rungs\": [" + rungs + "]}}")
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  /** The department's accountability record, as the supervision centre reads it. */
  static ValidatableResponse accountabilityOf(String department) {
    return as("supervisor1").queryParam("department", department).get("/api/accountability").then();
  }

  /** Waits until the department's accountability record lists these steps, newest first. */
  static ValidatableResponse awaitSteps(String department, String... steps) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> accountabilityOf(department).body("step", equalTo(List.of(steps))));
    return accountabilityOf(department);
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
        .body("errors[0].field", equalTo("escalationLadder.rungs"));
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
        .body("status", equalTo("RESOLVED"))
        .body("breachedAt", nullValue());
  }
}
