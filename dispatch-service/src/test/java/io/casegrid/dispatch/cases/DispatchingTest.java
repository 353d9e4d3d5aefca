package io.casegrid.dispatch.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DispatchingTest {

  private static final EventCodec CODEC = DemoCases.CODEC;
  private static final Location HUBIN = DemoCases.HUBIN;
  private static final TopicProbe dispatched = DemoCases.events();

  @Inject EntityManager entityManager;

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static CaseReported reported(String category, Location at, String owner) {
    return DemoCases.reported(category, at, owner);
  }

  private static CloudEvent publish(CaseReported event) {
    return DemoCases.publish(dispatched, event);
  }

  private static List<CaseDispatched> announcedFor(UUID caseId) {
    return DemoCases.seen(dispatched, caseId, CaseDispatched.class);
  }

  @Test
  void sendsACoverToItsRegisteredOwnerAndAnnouncesTheDispatch() {
    CaseReported cover = reported("0102", HUBIN, "HEATING");
    publish(cover);

    List<CaseDispatched> events =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> announcedFor(cover.caseId()), l -> !l.isEmpty());
    assertThat(events.get(0).departmentCode()).isEqualTo("HEATING");
    assertThat(events.get(0).basis()).isEqualTo(RoutingBasis.ASSET_OWNER);
    asStaffOf("HEATING")
        .get("/api/departments/HEATING/queue")
        .then()
        .statusCode(200)
        .body("items.caseId", hasItem(cover.caseId().toString()));
    as("dispatcher1")
        .get("/api/cases/" + cover.caseId())
        .then()
        .body("departmentCode", equalTo("HEATING"))
        .body("ruleReference", equalTo("asset-owner:HEATING"));
  }

  @Test
  void aMissingSewerCoverReachesTheDrainageCompanyBecauseOfTheAssetsOwner() {
    CaseReported cover = reported("0102", HUBIN, "DRAINAGE");
    publish(cover);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announcedFor(cover.caseId()), l -> !l.isEmpty());
    as("dispatcher1")
        .get("/api/cases/" + cover.caseId())
        .then()
        .body("departmentCode", equalTo("DRAINAGE"))
        .body("basis", equalTo("ASSET_OWNER"))
        .body("ruleReference", equalTo("asset-owner:DRAINAGE"));
    asStaffOf("DRAINAGE")
        .queryParam("size", 200)
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .body("items.caseId", hasItem(cover.caseId().toString()));
  }

  @Test
  void anUnownedCoverReachesTheCompetentDepartment() {
    // A cover in the asset register without an owner (无主井盖).
    UUID id = UUID.randomUUID();
    CaseReported unowned =
        CaseReported.builder()
            .caseId(id)
            .caseNumber("2026112399" + Math.abs(id.getLeastSignificantBits() % 100000))
            .kind(CaseKind.COMPLAINT)
            .channel(Channel.HOTLINE)
            .categoryCode("0114")
            .urgency(Urgency.URGENT)
            .description("无主井盖缺失")
            .location(HUBIN)
            .assetCode("3399010114000003")
            .reportedAt(Instant.now())
            .build();
    publish(unowned);

    List<CaseDispatched> events =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> announcedFor(unowned.caseId()), l -> !l.isEmpty());
    assertThat(events.get(0).departmentCode()).isEqualTo("CITY_MANAGEMENT");
    assertThat(events.get(0).basis()).isEqualTo(RoutingBasis.ROUTING_CATALOGUE);
    assertThat(events.get(0).coHandlerCodes()).containsExactly("CM-339901");
    as("dispatcher1")
        .get("/api/cases/" + unowned.caseId())
        .then()
        .body("departmentCode", equalTo("CITY_MANAGEMENT"))
        .body("ruleReference", startsWith("catalogue:0114@339901"));
  }

  @Test
  void fallsBackToTheStreetsOfficeWhenNoRuleCoversTheCategory() {
    CaseReported garbage = reported("E0199", HUBIN, null);
    publish(garbage);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announcedFor(garbage.caseId()), l -> !l.isEmpty());
    as("dispatcher1")
        .get("/api/cases/" + garbage.caseId())
        .then()
        .body("departmentCode", equalTo("ST-339901001"))
        .body("basis", equalTo("TERRITORIAL_FALLBACK"));
  }

  @Test
  void appliesARedeliveredEventOnlyOnce() {
    CaseReported cover = reported("0102", HUBIN, null);
    CloudEvent once = publish(cover);
    dispatched.send(Topics.INTAKE_CASES, cover.caseId().toString(), CODEC.write(once));
    CaseReported marker = reported("0102", HUBIN, null);
    publish(marker);

    // Records of one partition are applied in order: once the marker is dispatched, so is the
    // repeat.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announcedFor(marker.caseId()), l -> !l.isEmpty());
    await().atMost(Duration.ofSeconds(20)).until(() -> !announcedFor(cover.caseId()).isEmpty());
    assertThat(announcedFor(cover.caseId())).hasSize(1);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        entityManager
                            .createQuery(
                                "SELECT count(c) FROM DispatchCase c WHERE c.caseId = :id",
                                Long.class)
                            .setParameter("id", cover.caseId())
                            .getSingleResult()))
        .isEqualTo(1L);
  }

  @Test
  void leavesACaseNoRuleCanPlaceToTheDispatchers() {
    CaseReported nowhere = reported("E0199", null, null);
    publish(nowhere);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("dispatcher1")
                    .queryParam("size", 200)
                    .get("/api/arbitration")
                    .then()
                    .body("items.caseId", hasItem(nowhere.caseId().toString())));
    assertThat(announcedFor(nowhere.caseId())).isEmpty();
  }

  @Test
  void setsAsideARecordThatIsNoEventAndGoesOnWithTheNext() {
    String key = UUID.randomUUID().toString();
    dispatched.send(Topics.INTAKE_CASES, key, "this is not a CloudEvent");
    CaseReported after = reported("0102", HUBIN, null);
    publish(after);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announcedFor(after.caseId()), l -> !l.isEmpty());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            entityManager
                                .createNativeQuery(
                                    "SELECT count(*) FROM dead_letter WHERE record_key = ?1")
                                .setParameter(1, key)
                                .getSingleResult())
                    .equals(1L));
  }

  @Test
  void publishesCasesByStateOutboxBacklogAndConsumerMetrics() {
    CaseReported cover = reported("0102", HUBIN, null);
    publish(cover);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> announcedFor(cover.caseId()), l -> !l.isEmpty());

    String metrics =
        as("dispatcher1").get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("casegrid_cases{state=\"DISPATCHED\"}")
        .contains("casegrid_outbox_backlog")
        .contains("casegrid_inbox_applied_total{consumer=\"dispatch\"}")
        .contains("kafka_consumer_fetch_manager_records_lag_max");
  }

  @Test
  void isReadyOnlyWithItsDatabaseKafkaAndOutboxRelay() {
    as("dispatcher1")
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(
            "checks.name",
            org.hamcrest.Matchers.hasItems("Database connections health check", "outbox relay"))
        .body(
            "checks.name",
            org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("Kafka")));
  }

  @Test
  void refusesAPageLargerThanTwoHundred() {
    asStaffOf("DRAINAGE")
        .queryParam("size", 500)
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("size"));
  }

  @Test
  void previewsWhereACaseWouldGoUnderTheCatalogueAtAGivenMoment() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {"routingRules": [{"categoryCode": "E0103", "departmentCode": "ST-339901001"},
              {"categoryCode": "E0103", "departmentCode": "DRAINAGE",
               "effectiveFrom": "2030-01-01T00:00:00+08:00"}]}
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);

    as("dispatcher1")
        .contentType(ContentType.JSON)
        .body("{\"categoryCode\": \"E0103\", \"districtCode\": \"339901\"}")
        .post("/api/routing/preview")
        .then()
        .statusCode(200)
        .body("departmentCode", equalTo("ST-339901001"))
        .body("basis", equalTo("ROUTING_CATALOGUE"));
    as("dispatcher1")
        .contentType(ContentType.JSON)
        .body(
            "{\"categoryCode\": \"E0103\", \"districtCode\": \"339901\","
                + " \"at\": \"2030-01-02T09:00:00+08:00\"}")
        .post("/api/routing/preview")
        .then()
        .body("departmentCode", equalTo("DRAINAGE"))
        .body("ruleReference", equalTo("catalogue:E0103@city#2029-12-31T16:00:00Z"));
    as("dispatcher1")
        .contentType(ContentType.JSON)
        .body("{\"categoryCode\": \"E0199\"}")
        .post("/api/routing/preview")
        .then()
        .body("departmentCode", equalTo(null))
        .body("ruleReference", equalTo("no-rule"));
  }

  @Test
  void refusesRoutingRulesThatNameAnUnknownDepartment() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body("{\"routingRules\": [{\"categoryCode\": \"0103\", \"departmentCode\": \"NOBODY\"}]}")
        .put("/api/admin/reference-data")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("routingRules[0].departmentCode"));
  }
}
