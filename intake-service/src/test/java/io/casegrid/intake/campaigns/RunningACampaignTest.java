package io.casegrid.intake.campaigns;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The supervision centre runs a manhole-cover campaign over Donghu district: the census, the
 * inspectors' results, defects becoming cases of the campaign, an owner correcting the register, a
 * found cover, and the progress, blind spots and bulletin that follow.
 *
 * <p>Its campaigns cover the water and heating covers (0101, 0110), kinds of which no other test
 * registers assets: the suite's other tests import thousands of sewer and gas covers into Donghu,
 * and a ledger over those would hold what they left behind rather than the demo city's few dozen.
 */
@QuarkusTest
class RunningACampaignTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  private static final String WATER_COVER = "3399010101000008";
  private static final String HEATING_COVER = "3399010110000001";
  private static final String HEATING_COVER_2 = "3399010110000025";
  private static final List<String> KINDS = List.of("0101", "0110");
  private static final String WATER_COVER_ELSEWHERE = "3399020101000003";
  private static final String GAS_COVER_ELSEWHERE = "3399030111000001";
  private static final String PHOTO = "https://photos.example.org/covers/1.jpg";
  private static TopicProbe bus;

  @Inject EntityManager entityManager;

  @BeforeAll
  static void connect() {
    bus = new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.INTAKE_CASES);
  }

  @AfterAll
  static void disconnect() {
    bus.close();
  }

  @BeforeEach
  void loadTheDemoCity() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
  }

  private static Map<String, Object> period(LocalDate inspectBy) {
    return Map.of(
        "startsOn",
        TODAY.minusDays(7).toString(),
        "inspectBy",
        inspectBy.toString(),
        "rectifyBy",
        TODAY.plusDays(30).toString(),
        "rectificationWorkingDays",
        10);
  }

  private static String launched(List<String> kinds) {
    String id =
        as("supervisor1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "东湖区窨井盖专项整治",
                    "scope",
                    Map.of(
                        "categoryCodes",
                        kinds,
                        "areaCodes",
                        List.of("339901"),
                        "registerAsOf",
                        TODAY.toString()),
                    "period",
                    period(TODAY)))
            .post("/api/campaigns")
            .then()
            .statusCode(201)
            .body("state", equalTo("DRAFT"))
            .extract()
            .path("id");
    as("supervisor1")
        .post("/api/campaigns/" + id + "/launch")
        .then()
        .statusCode(200)
        .body("state", equalTo("ACTIVE"));
    return id;
  }

  // The register's own answer to "which assets of this kind lie in Donghu", read page by page.
  private static List<String> registeredInDonghu(String category) {
    List<String> codes = new ArrayList<>();
    String after = null;
    do {
      var request = as("supervisor1").queryParam("area", "339901").queryParam("category", category);
      if (after != null) {
        request = request.queryParam("after", after);
      }
      JsonPath page = request.get("/api/assets").then().statusCode(200).extract().jsonPath();
      codes.addAll(page.getList("assets.asset.code"));
      after = page.getString("next");
    } while (after != null);
    return codes;
  }

  private static io.restassured.response.Response record(
      String campaign, String asset, String user, Map<String, Object> result) {
    return as(user)
        .contentType(ContentType.JSON)
        .body(result)
        .post("/api/campaigns/" + campaign + "/items/" + asset + "/result");
  }

  private static Map<String, Object> ok() {
    return Map.of(
        "condition", "OK", "position", Map.of("latitude", 30.2491, "longitude", 120.1161));
  }

  private static Map<String, Object> broken() {
    return Map.of(
        "condition",
        "DEFECT",
        "defectKind",
        "BROKEN",
        "note",
        "井盖破损一角",
        "photos",
        List.of(PHOTO),
        "position",
        Map.of("latitude", 30.21137, "longitude", 120.12717));
  }

  private static JsonPath progress(String campaign, String groupBy) {
    return as("supervisor1")
        .queryParam("groupBy", groupBy)
        .get("/api/campaigns/" + campaign + "/progress")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void theCensusHasOneItemForEveryAssetOfItsKindsInItsAreas() {
    String campaign = launched(KINDS);
    int expected = registeredInDonghu("0101").size() + registeredInDonghu("0110").size();

    as("supervisor1")
        .get("/api/campaigns/" + campaign)
        .then()
        .body("itemsInScope", equalTo(expected))
        .body("launchMillis", notNullValue());
    JsonPath total = progress(campaign, "DISTRICT");
    assertThat(total.getInt("total.inScope")).isEqualTo(expected).isGreaterThan(10);
    assertThat(total.getList("groups.name")).containsExactly("东湖区");
  }

  @Test
  void aDefectBecomesACaseOfTheCampaignAndAVerifiedFixClosesItsItem() {
    String campaign = launched(KINDS);

    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);
    String caseId =
        record(campaign, HEATING_COVER, "inspector1", broken())
            .then()
            .statusCode(201)
            .body("caseId", notNullValue())
            .extract()
            .path("caseId");

    CaseReported reported =
        CODEC.payload(
            CODEC.read(bus.first(caseId, Duration.ofSeconds(20)).value()), CaseReported.class);
    assertThat(reported.assetCode()).isEqualTo(HEATING_COVER);
    assertThat(reported.assetOwnerCode()).isEqualTo("HEATING");
    assertThat(reported.campaign().campaignId()).isEqualTo(UUID.fromString(campaign));
    assertThat(reported.campaign().rectificationWorkingDays()).isEqualTo(10);
    JsonPath before = progress(campaign, "OWNER");
    assertThat(before.getInt("total.inspected")).isEqualTo(2);
    assertThat(before.getInt("total.defects")).isEqualTo(1);
    assertThat(before.getInt("total.rectified")).isZero();
    assertThat(before.getInt("total.overdue")).isZero();

    // Supervision declares the case overdue and orders its department, at a step of the ladder.
    UUID id = UUID.fromString(caseId);
    Instant due = Instant.now().minus(Duration.ofHours(2));
    UUID order = UUID.randomUUID();
    fromSupervision(new DeadlineSet(id, "HEATING", "campaign:" + campaign, due, due, null, due));
    fromSupervision(new DeadlineBreached(id, "HEATING", due, due));
    fromSupervision(
        new SupervisionOrderIssued(
            id, order, "HEATING", Instant.now(), Instant.now().plusSeconds(86_400), "YELLOW_CARD"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(progress(campaign, "OWNER").getInt("total.overdue")).isEqualTo(1));
    JsonPath overdue = progress(campaign, "OWNER");
    assertThat(groupOf(overdue, "HEATING"))
        .containsEntry("behindSchedule", true)
        .containsEntry("supervisionOrders", 1)
        .containsEntry("escalationStep", "YELLOW_CARD");
    // Behind on both counts: the inspection's pace (its deadline is today) and the overdue fix.
    String bulletin = weeklyCsv(campaign);
    assertThat(bulletin.lines().filter(l -> l.startsWith("示范市热力公司,排查率")))
        .singleElement(STRING)
        .contains("，低于应排查进度100.0%；")
        .endsWith("1处问题整改超期,1,黄牌警告");
    assertThat(bulletin).contains("示范市热力公司," + HEATING_COVER + ",BROKEN,");

    fromDispatch(new CaseClosed(id, "HEATING", "inspector1", Instant.now()));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(progress(campaign, "OWNER").getInt("total.rectified")).isEqualTo(1));
    Map<String, Object> heating = group(progress(campaign, "OWNER"), "HEATING");
    assertThat(heating)
        .containsEntry("defects", 1)
        .containsEntry("rectified", 1)
        .containsEntry("overdue", 0);
    assertThat(weeklyCsv(campaign)).contains("无整改超期");
  }

  @Test
  void anOrderItsBreachCarriesIsKeptOnTheItemAsAnOrderAnnouncedOnItsOwn() {
    String campaign = launched(KINDS);
    UUID byThePair = defectFound(campaign, HEATING_COVER);
    UUID byOne = defectFound(campaign, HEATING_COVER_2);
    Instant due = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    Instant issued = due.plus(Duration.ofMinutes(1));
    Instant respondBy = issued.plus(Duration.ofDays(1));
    UUID announcedApart = UUID.randomUUID();
    UUID carried = UUID.randomUUID();

    // As supervision announced an overdue case before, and as it does now.
    fromSupervision(new DeadlineBreached(byThePair, "HEATING", due, due));
    fromSupervision(
        new SupervisionOrderIssued(
            byThePair, announcedApart, "HEATING", issued, respondBy, "YELLOW_CARD"));
    fromSupervision(
        new DeadlineBreached(byOne, "HEATING", due, due)
            .withOrder(
                new DeadlineBreached.BreachOrder(carried, issued, respondBy, "YELLOW_CARD")));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(group(progress(campaign, "OWNER"), "HEATING"))
                    .containsEntry("overdue", 2));
    assertThat(groupOf(progress(campaign, "OWNER"), "HEATING"))
        .containsEntry("supervisionOrders", 2)
        .containsEntry("escalationStep", "YELLOW_CARD");
    List<Object> pair = supervisionOnItem(byThePair);
    List<Object> one = supervisionOnItem(byOne);
    assertThat(pair.get(0)).isEqualTo(announcedApart);
    assertThat(one.get(0)).isEqualTo(carried);
    assertThat(one.subList(1, 5)).doesNotContainNull().isEqualTo(pair.subList(1, 5));
  }

  private static UUID defectFound(String campaign, String asset) {
    return UUID.fromString(
        record(campaign, asset, "inspector1", broken())
            .then()
            .statusCode(201)
            .extract()
            .path("caseId"));
  }

  // The order, then when it was issued and is to be answered, the step and when the case went
  // overdue, as the campaign's item keeps them.
  private List<Object> supervisionOnItem(UUID caseId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                List.of(
                    (Object[])
                        entityManager
                            .createNativeQuery(
                                "SELECT order_id, order_issued_at, order_respond_by,"
                                    + " escalation_step, overdue_at FROM campaign_item"
                                    + " WHERE case_id = ?1")
                            .setParameter(1, caseId)
                            .getSingleResult()));
  }

  @Test
  void aFixClosedThenReopenedForReworkLeavesItsItemOpenUntilItIsClosedAgain() {
    String campaign = launched(KINDS);
    UUID id = defectFound(campaign, HEATING_COVER);
    Instant closed = Instant.now().minusSeconds(60);

    // Sent together, the two usually reach intake in one batch: the reopening, after, wins.
    fromDispatch(new CaseClosed(id, "HEATING", "inspector1", closed));
    fromDispatch(new CaseReopened(id, "HEATING", "井盖仍松动", 1, "inspector1", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("operator1").get("/api/cases/" + id).then().body("status", equalTo("IN_HAND")));
    assertThat(group(progress(campaign, "OWNER"), "HEATING"))
        .containsEntry("defects", 1)
        .containsEntry("rectified", 0);

    fromDispatch(new CaseClosed(id, "HEATING", "inspector1", Instant.now()));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(group(progress(campaign, "OWNER"), "HEATING"))
                    .containsEntry("rectified", 1));
  }

  private static void fromSupervision(CaseEvent event) {
    bus.send(
        Topics.SUPERVISION_CASES,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.SUPERVISION_SOURCE, Instant.now())));
  }

  private static void fromDispatch(CaseEvent event) {
    bus.send(
        Topics.DISPATCH_CASES,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.DISPATCH_SOURCE, Instant.now())));
  }

  private static String weeklyCsv(String campaign) {
    return as("leader1")
        .queryParam("format", "csv")
        .get("/api/campaigns/" + campaign + "/bulletins/weekly")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> groupOf(JsonPath report, String key) {
    List<Map<String, Object>> groups = report.getList("groups");
    return groups.stream()
        .filter(g -> key.equals(((Map<String, Object>) g.get("progress")).get("key")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> group(JsonPath report, String key) {
    return (Map<String, Object>) groupOf(report, key).get("progress");
  }

  // The whole ledger as the supervision centre reads it: every item, the totals and the summary.
  private static String ledger(String campaign) {
    String items =
        as("supervisor1")
            .queryParam("size", 500)
            .get("/api/campaigns/" + campaign + "/items")
            .then()
            .statusCode(200)
            .body("size()", org.hamcrest.Matchers.lessThan(500))
            .extract()
            .asString();
    return items
        + progress(campaign, "OWNER").getString("total")
        + as("supervisor1").get("/api/campaigns/" + campaign).then().extract().path("itemsInScope");
  }

  @Test
  void badResultsAreRefusedWithClearErrorsAndChangeNothing() {
    String campaign = launched(KINDS);
    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);
    String before = ledger(campaign);

    record(campaign, WATER_COVER, "inspector1", broken())
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("already-inspected"));
    assertThat(ledger(campaign)).isEqualTo(before);
    record(campaign, WATER_COVER_ELSEWHERE, "inspector1", ok())
        .then()
        .statusCode(422)
        .body("type", containsString("outside-campaign-scope"))
        .body("errors[0].field", equalTo("assetCode"))
        .body("errors[0].message", containsString("not in the scope"));
    record(campaign, GAS_COVER_ELSEWHERE, "inspector1", ok())
        .then()
        .statusCode(422)
        .body("type", containsString("outside-campaign-scope"));
    assertThat(ledger(campaign)).isEqualTo(before);
    Map<String, Object> haunted = new HashMap<>(broken());
    haunted.put("defectKind", "HAUNTED");
    record(campaign, HEATING_COVER, "inspector1", haunted)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("defectKind"));
    record(campaign, HEATING_COVER, "water1", broken())
        .then()
        .statusCode(403)
        .body("type", containsString("other-department"));
    assertThat(ledger(campaign)).isEqualTo(before);

    as("supervisor1").post("/api/campaigns/" + campaign + "/end").then().statusCode(200);
    String ended = ledger(campaign);
    record(campaign, HEATING_COVER, "inspector1", broken())
        .then()
        .statusCode(409)
        .body("type", containsString("campaign-ended"));
    record(campaign, HEATING_COVER, "inspector1", ok())
        .then()
        .statusCode(409)
        .body("type", containsString("campaign-ended"));

    assertThat(ledger(campaign)).isEqualTo(ended);
    JsonPath after = progress(campaign, "OWNER");
    assertThat(after.getInt("total.inspected")).isEqualTo(1);
    assertThat(after.getInt("total.defects")).isZero();
    assertThat(bus.records(r -> r.value().contains(campaign))).isEmpty();
  }

  @Test
  void aResultAfterTheCampaignsLastDayIsRefusedAndChangesNothing() {
    String campaign = launched(KINDS);
    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);
    // Time passes: the campaign's last day was yesterday (no command moves it into the past).
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                entityManager
                    .createNativeQuery(
                        "UPDATE campaign SET inspect_by = ?1, rectify_by = ?1 WHERE id = ?2")
                    .setParameter(1, TODAY.minusDays(1))
                    .setParameter(2, UUID.fromString(campaign))
                    .executeUpdate());
    String before = ledger(campaign);

    record(campaign, HEATING_COVER, "inspector1", broken())
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("campaign-ended"))
        .body("detail", containsString("ended on " + TODAY.minusDays(1)));

    assertThat(ledger(campaign)).isEqualTo(before);
    assertThat(bus.records(r -> r.value().contains(campaign))).isEmpty();
  }

  @Test
  void aCoverOfAnotherOwnerGoesToItAndTheRegisterIsCorrectedWhenItConfirms() {
    String campaign = launched(KINDS);
    Map<String, Object> heatingsReally = new HashMap<>(ok());
    heatingsReally.put("ownerFound", "HEATING");

    record(campaign, WATER_COVER, "inspector1", heatingsReally).then().statusCode(201);
    as("heating1")
        .queryParam("toInspect", false)
        .get("/api/campaigns/" + campaign + "/items")
        .then()
        .statusCode(200)
        .body("findAll { it.assetCode == '" + WATER_COVER + "' }", hasSize(1));
    as("water1")
        .contentType(ContentType.JSON)
        .body(Map.of("confirmed", true))
        .post("/api/campaigns/" + campaign + "/items/" + WATER_COVER + "/ownership")
        .then()
        .statusCode(403);
    as("heating1")
        .contentType(ContentType.JSON)
        .body(Map.of("confirmed", true))
        .post("/api/campaigns/" + campaign + "/items/" + WATER_COVER + "/ownership")
        .then()
        .statusCode(200);

    as("supervisor1")
        .get("/api/assets/" + WATER_COVER)
        .then()
        .body("asset.ownerDepartmentCode", equalTo("HEATING"));
    assertThat(group(progress(campaign, "OWNER"), "HEATING").get("inspected")).isEqualTo(1);
  }

  @Test
  void aCoverNotInTheRegisterIsFoundPendingAndJoinsRegisterAndLedgerWhenConfirmed() {
    String campaign = launched(KINDS);
    int before = progress(campaign, "OWNER").getInt("total.inScope");
    String code = "33990101100" + String.format("%05d", (int) (Math.random() * 100_000));

    String found =
        as("inspector1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "categoryCode",
                    "0110",
                    "condition",
                    "DEFECT",
                    "defectKind",
                    "UNMARKED",
                    "photos",
                    List.of(PHOTO),
                    "position",
                    Map.of("latitude", 30.2031, "longitude", 120.1021),
                    "ownerCode",
                    "HEATING"))
            .post("/api/campaigns/" + campaign + "/found-assets")
            .then()
            .statusCode(201)
            .body("state", equalTo("PENDING"))
            .extract()
            .path("id");
    as("supervisor1")
        .get("/api/campaigns/" + campaign)
        .then()
        .body("foundAssetsPending", equalTo(1));

    as("heating1")
        .contentType(ContentType.JSON)
        .body(Map.of("confirmed", true, "assetCode", code))
        .post("/api/campaigns/" + campaign + "/found-assets/" + found + "/confirmation")
        .then()
        .statusCode(200)
        .body("state", equalTo("CONFIRMED"))
        .body("caseId", notNullValue());

    as("supervisor1")
        .get("/api/assets/" + code)
        .then()
        .statusCode(200)
        .body("asset.ownerDepartmentCode", equalTo("HEATING"));
    JsonPath after = progress(campaign, "OWNER");
    assertThat(after.getInt("total.inScope")).isEqualTo(before + 1);
    assertThat(after.getInt("total.defects")).isEqualTo(1);
  }

  @Test
  void itemsNotInspectedByTheDeadlineAreBlindSpotsAndTheBulletinNamesWhoIsBehind() {
    String campaign = launched(KINDS);
    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);
    record(campaign, HEATING_COVER_2, "inspector1", ok()).then().statusCode(201);
    as("supervisor1")
        .contentType(ContentType.JSON)
        .body(period(TODAY.minusDays(1)))
        .put("/api/campaigns/" + campaign + "/period")
        .then()
        .statusCode(200);

    JsonPath report = progress(campaign, "OWNER");
    int inScope = report.getInt("total.inScope");
    assertThat(report.getInt("total.blindSpots")).isEqualTo(inScope - 2);
    as("supervisor1")
        .queryParam("size", 1000)
        .get("/api/campaigns/" + campaign + "/blind-spots")
        .then()
        .statusCode(200)
        .body("size()", equalTo(inScope - 2));
    as("supervisor1")
        .accept("application/geo+json")
        .queryParam("size", 1000)
        .get("/api/campaigns/" + campaign + "/blind-spots")
        .then()
        .statusCode(200)
        .body("features.size()", equalTo(inScope - 2));
    String csv = weeklyCsv(campaign);
    assertThat(csv).contains("进度滞后单位").contains("全部," + inScope + ",2,");
    assertThat(csv.lines().filter(l -> l.contains("低于应排查进度"))).isNotEmpty();
    as("leader1")
        .queryParam("format", "html")
        .get("/api/campaigns/" + campaign + "/bulletins/weekly")
        .then()
        .statusCode(200)
        .body(containsString("专项整治周报"));
  }
}
