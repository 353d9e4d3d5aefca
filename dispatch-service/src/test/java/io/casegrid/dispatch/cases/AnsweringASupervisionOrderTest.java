package io.casegrid.dispatch.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An overdue case carries its supervision order (督办单) in the queue until it is answered. */
@QuarkusTest
class AnsweringASupervisionOrderTest {

  private static final TopicProbe events = DemoCases.events();

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  @Inject EntityManager entityManager;

  private static CloudEvent fromSupervision(CaseEvent event) {
    CloudEvent envelope = DemoCases.CODEC.envelope(event, Topics.SUPERVISION_SOURCE, Instant.now());
    events.send(
        Topics.SUPERVISION_CASES, event.caseId().toString(), DemoCases.CODEC.write(envelope));
    return envelope;
  }

  private long timesRecorded(CloudEvent event) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(
                                "SELECT count(*) FROM processed_event WHERE event_id = ?1")
                            .setParameter(1, event.id())
                            .getSingleResult())
                    .longValue());
  }

  private static UUID overdueWithAnOrder() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    Instant now = Instant.now();
    fromSupervision(new DeadlineBreached(id, "DRAINAGE", now.minusSeconds(60), now));
    fromSupervision(
        new SupervisionOrderIssued(
            id, UUID.randomUUID(), "DRAINAGE", now, now.plus(Duration.ofDays(1)), null));
    awaitShown(id, "overdueSince", "supervisionOrderId");
    return id;
  }

  private static void awaitShown(UUID id, String... fields) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var shown = as("dispatcher1").get("/api/cases/" + id).then();
              for (String field : fields) {
                shown.body(field, notNullValue());
              }
            });
  }

  private static io.restassured.response.Response answer(String department, UUID id) {
    return answer(department, id, null);
  }

  private static io.restassured.response.Response answer(
      String department, UUID id, String idempotencyKey) {
    var request = asStaffOf(department);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request
        .contentType(ContentType.JSON)
        .body(Map.of("answer", "已调派抢修队，今日18时前完成"))
        .post("/api/departments/" + department + "/cases/" + id + "/supervision-order/answer");
  }

  @Test
  void showsTheOrderOnTheCaseUntilTheDepartmentAnswersIt() {
    UUID id = overdueWithAnOrder();

    answer("DRAINAGE", id)
        .then()
        .statusCode(200)
        .body("supervisionOrderId", nullValue())
        .body("overdueSince", notNullValue());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> DemoCases.seen(events, id, SupervisionOrderAnswered.class), l -> l.size() == 1);
    assertThat(DemoCases.seen(events, id, SupervisionOrderAnswered.class).get(0).answer())
        .isEqualTo("已调派抢修队，今日18时前完成");
    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .body("action[-1]", equalTo("ANSWER_SUPERVISION_ORDER"));
    answer("DRAINAGE", id).then().statusCode(409);
  }

  @Test
  void answersARetriedAnswerOnceWhenItCarriesTheSameIdempotencyKey() {
    UUID id = overdueWithAnOrder();
    String key = UUID.randomUUID().toString();

    for (int attempt = 0; attempt < 2; attempt++) {
      answer("DRAINAGE", id, key).then().statusCode(200).body("supervisionOrderId", nullValue());
    }

    // The case's events come in order: a second answer would stand before the signing.
    asStaffOf("DRAINAGE")
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/departments/DRAINAGE/cases/" + id + "/sign")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, CaseSigned.class), l -> !l.isEmpty());
    assertThat(DemoCases.seen(events, id, SupervisionOrderAnswered.class)).hasSize(1);
  }

  @Test
  void passesOverAWarningWithoutKeepingItsIdAndKeepsTheBreachs() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    Instant now = Instant.now();
    CloudEvent warning =
        fromSupervision(new DeadlineWarning(id, "DRAINAGE", now.plusSeconds(60), now));
    CloudEvent breach = fromSupervision(new DeadlineBreached(id, "DRAINAGE", now, now));

    // One partition per case: the warning was read before the breach took effect.
    awaitShown(id, "overdueSince");
    assertThat(timesRecorded(breach)).isEqualTo(1);
    assertThat(timesRecorded(warning)).isZero();
  }

  @Test
  void showsAnOrderItsBreachCarriesAsOneAnnouncedOnItsOwnAndAnswersIt() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant respondBy = now.plus(Duration.ofDays(1));
    UUID announcedApart = UUID.randomUUID();
    UUID carried = UUID.randomUUID();
    UUID byThePair = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    UUID byOne = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));

    // As supervision announced an overdue case before, and as it does now.
    fromSupervision(new DeadlineBreached(byThePair, "DRAINAGE", now, now));
    fromSupervision(
        new SupervisionOrderIssued(
            byThePair, announcedApart, "DRAINAGE", now, respondBy, "YELLOW_CARD"));
    CloudEvent breach =
        fromSupervision(
            new DeadlineBreached(byOne, "DRAINAGE", now, now)
                .withOrder(
                    new DeadlineBreached.BreachOrder(carried, now, respondBy, "YELLOW_CARD")));

    awaitShown(byThePair, "overdueSince", "supervisionOrderId");
    awaitShown(byOne, "overdueSince", "supervisionOrderId");
    JsonPath pair = as("dispatcher1").get("/api/cases/" + byThePair).jsonPath();
    JsonPath one = as("dispatcher1").get("/api/cases/" + byOne).jsonPath();
    assertThat(pair.getString("supervisionOrderId")).isEqualTo(announcedApart.toString());
    assertThat(one.getString("supervisionOrderId")).isEqualTo(carried.toString());
    for (String field : new String[] {"overdueSince", "orderRespondBy"}) {
      assertThat(one.getString(field)).as(field).isNotNull().isEqualTo(pair.getString(field));
    }
    assertThat(timesRecorded(breach)).isEqualTo(1);

    answer("DRAINAGE", byOne).then().statusCode(200).body("supervisionOrderId", nullValue());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> DemoCases.seen(events, byOne, SupervisionOrderAnswered.class),
            l -> l.size() == 1);
    assertThat(DemoCases.seen(events, byOne, SupervisionOrderAnswered.class).get(0).orderId())
        .isEqualTo(carried);
  }

  @Inject DeadlineFollower follower;

  private static CloudEvent envelope(CaseEvent event) {
    return DemoCases.CODEC.envelope(event, Topics.SUPERVISION_SOURCE, Instant.now());
  }

  @Test
  void keepsTheLatestNewsOfEachKindWhenOneBatchBringsSeveralForACase() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    UUID twice = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    UUID onlyBreached = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));
    UUID carried = UUID.randomUUID();
    UUID reissued = UUID.randomUUID();
    Instant firstDue = now.plus(Duration.ofDays(2));
    Instant movedDue = now.plus(Duration.ofDays(5));
    Instant respondBy = now.plus(Duration.ofDays(1));
    Instant reissuedRespondBy = now.plus(Duration.ofDays(3));

    // One poll batch, as the inbox hands it over: both cases' news, in the order it happened.
    List<CloudEvent> batch =
        List.of(
            envelope(deadlineSet(twice, firstDue)),
            envelope(deadlineSet(onlyBreached, firstDue)),
            envelope(
                new DeadlineBreached(twice, "DRAINAGE", now, now)
                    .withOrder(new DeadlineBreached.BreachOrder(carried, now, respondBy, null))),
            envelope(
                new SupervisionOrderIssued(
                    twice, reissued, "DRAINAGE", now, reissuedRespondBy, "YELLOW_CARD")),
            envelope(deadlineSet(twice, movedDue)),
            envelope(new DeadlineBreached(onlyBreached, "DRAINAGE", now, now)));
    QuarkusTransaction.requiringNew().run(() -> follower.apply(batch));

    JsonPath both = as("dispatcher1").get("/api/cases/" + twice).jsonPath();
    assertThat(Instant.parse(both.getString("resolveDueAt"))).isEqualTo(movedDue);
    assertThat(Instant.parse(both.getString("signDueAt"))).isEqualTo(movedDue.minusSeconds(3600));
    assertThat(Instant.parse(both.getString("overdueSince"))).isEqualTo(now);
    assertThat(both.getString("supervisionOrderId")).isEqualTo(reissued.toString());
    assertThat(Instant.parse(both.getString("orderRespondBy"))).isEqualTo(reissuedRespondBy);
    // A kind of news the batch did not bring for a case leaves its columns as they were.
    JsonPath breached = as("dispatcher1").get("/api/cases/" + onlyBreached).jsonPath();
    assertThat(Instant.parse(breached.getString("resolveDueAt"))).isEqualTo(firstDue);
    assertThat(Instant.parse(breached.getString("overdueSince"))).isEqualTo(now);
    assertThat(breached.getString("supervisionOrderId")).isNull();
    assertThat(breached.getString("orderRespondBy")).isNull();
  }

  private static DeadlineSet deadlineSet(UUID caseId, Instant resolveDueAt) {
    return new DeadlineSet(
        caseId,
        "DRAINAGE",
        "test",
        resolveDueAt.minus(Duration.ofDays(7)),
        resolveDueAt.minusSeconds(3600),
        null,
        resolveDueAt);
  }

  @Test
  void letsOnlyTheCasesDepartmentAnswer() {
    UUID id = overdueWithAnOrder();

    answer("HEATING", id).then().statusCode(403);
  }
}
