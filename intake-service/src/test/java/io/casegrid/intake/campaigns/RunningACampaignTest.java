package io.casegrid.intake.campaigns;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseReported;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 */
@QuarkusTest
class RunningACampaignTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  private static final String WATER_COVER = "3399010101000008";
  private static final String SEWER_COVER = "3399010102000002";
  private static final String SEWER_COVER_2 = "3399010102000009";
  private static final String GAS_COVER_ELSEWHERE = "3399030111000001";
  private static final String PHOTO = "https://photos.example.org/covers/1.jpg";
  private static TopicProbe bus;

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
        Map.of("latitude", 30.20239, "longitude", 120.10200));
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
    String campaign = launched(List.of("0101", "0102"));
    int expected = registeredInDonghu("0101").size() + registeredInDonghu("0102").size();

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
    String campaign = launched(List.of("0101", "0102"));

    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);
    String caseId =
        record(campaign, SEWER_COVER, "inspector1", broken())
            .then()
            .statusCode(201)
            .body("caseId", notNullValue())
            .extract()
            .path("caseId");

    CaseReported reported =
        CODEC.payload(
            CODEC.read(bus.first(caseId, Duration.ofSeconds(20)).value()), CaseReported.class);
    assertThat(reported.assetCode()).isEqualTo(SEWER_COVER);
    assertThat(reported.assetOwnerCode()).isEqualTo("DRAINAGE");
    assertThat(reported.campaign().campaignId()).isEqualTo(UUID.fromString(campaign));
    assertThat(reported.campaign().rectificationWorkingDays()).isEqualTo(10);
    JsonPath before = progress(campaign, "OWNER");
    assertThat(before.getInt("total.inspected")).isEqualTo(2);
    assertThat(before.getInt("total.defects")).isEqualTo(1);
    assertThat(before.getInt("total.rectified")).isZero();

    bus.send(
        Topics.DISPATCH_CASES,
        caseId,
        CODEC.write(
            CODEC.envelope(
                new CaseClosed(UUID.fromString(caseId), "DRAINAGE", "inspector1", Instant.now()),
                "/test/dispatch",
                Instant.now())));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(progress(campaign, "OWNER").getInt("total.rectified")).isEqualTo(1));
    Map<String, Object> drainage = group(progress(campaign, "OWNER"), "DRAINAGE");
    assertThat(drainage).containsEntry("defects", 1).containsEntry("rectified", 1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> group(JsonPath report, String key) {
    List<Map<String, Object>> groups = report.getList("groups");
    Map<String, Object> found =
        groups.stream()
            .filter(g -> key.equals(((Map<String, Object>) g.get("progress")).get("key")))
            .findFirst()
            .orElseThrow();
    return (Map<String, Object>) found.get("progress");
  }

  @Test
  void badResultsAreRefusedWithClearErrorsAndChangeNothing() {
    String campaign = launched(List.of("0101", "0102", "0111"));
    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);

    record(campaign, WATER_COVER, "inspector1", broken())
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", containsString("already-inspected"));
    record(campaign, GAS_COVER_ELSEWHERE, "inspector1", ok())
        .then()
        .statusCode(422)
        .body("type", containsString("outside-campaign-scope"))
        .body("errors[0].field", equalTo("assetCode"));
    Map<String, Object> haunted = new HashMap<>(broken());
    haunted.put("defectKind", "HAUNTED");
    record(campaign, SEWER_COVER, "inspector1", haunted)
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("defectKind"));
    record(campaign, SEWER_COVER, "water1", broken())
        .then()
        .statusCode(403)
        .body("type", containsString("other-department"));

    as("supervisor1").post("/api/campaigns/" + campaign + "/end").then().statusCode(200);
    record(campaign, SEWER_COVER, "inspector1", broken())
        .then()
        .statusCode(409)
        .body("type", containsString("campaign-ended"));

    JsonPath after = progress(campaign, "OWNER");
    assertThat(after.getInt("total.inspected")).isEqualTo(1);
    assertThat(after.getInt("total.defects")).isZero();
    assertThat(bus.records(r -> r.value().contains(campaign))).isEmpty();
  }

  @Test
  void aCoverOfAnotherOwnerGoesToItAndTheRegisterIsCorrectedWhenItConfirms() {
    String campaign = launched(List.of("0101", "0102"));
    Map<String, Object> drainagesReally = new HashMap<>(ok());
    drainagesReally.put("ownerFound", "DRAINAGE");

    record(campaign, WATER_COVER, "inspector1", drainagesReally).then().statusCode(201);
    as("drainage1")
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
    as("drainage1")
        .contentType(ContentType.JSON)
        .body(Map.of("confirmed", true))
        .post("/api/campaigns/" + campaign + "/items/" + WATER_COVER + "/ownership")
        .then()
        .statusCode(200);

    as("supervisor1")
        .get("/api/assets/" + WATER_COVER)
        .then()
        .body("asset.ownerDepartmentCode", equalTo("DRAINAGE"));
    assertThat(group(progress(campaign, "OWNER"), "DRAINAGE").get("inspected")).isEqualTo(1);
  }

  @Test
  void aCoverNotInTheRegisterIsFoundPendingAndJoinsRegisterAndLedgerWhenConfirmed() {
    String campaign = launched(List.of("0101", "0102"));
    int before = progress(campaign, "OWNER").getInt("total.inScope");
    String code = "33990101020" + String.format("%05d", (int) (Math.random() * 100_000));

    String found =
        as("inspector1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "categoryCode",
                    "0102",
                    "condition",
                    "DEFECT",
                    "defectKind",
                    "UNMARKED",
                    "photos",
                    List.of(PHOTO),
                    "position",
                    Map.of("latitude", 30.2031, "longitude", 120.1021),
                    "ownerCode",
                    "DRAINAGE"))
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

    as("drainage1")
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
        .body("asset.ownerDepartmentCode", equalTo("DRAINAGE"));
    JsonPath after = progress(campaign, "OWNER");
    assertThat(after.getInt("total.inScope")).isEqualTo(before + 1);
    assertThat(after.getInt("total.defects")).isEqualTo(1);
  }

  @Test
  void itemsNotInspectedByTheDeadlineAreBlindSpotsAndTheBulletinNamesWhoIsBehind() {
    String campaign = launched(List.of("0101", "0102"));
    record(campaign, WATER_COVER, "inspector1", ok()).then().statusCode(201);
    record(campaign, SEWER_COVER_2, "inspector1", ok()).then().statusCode(201);
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
    String csv =
        as("leader1")
            .queryParam("format", "csv")
            .get("/api/campaigns/" + campaign + "/bulletins/weekly")
            .then()
            .statusCode(200)
            .extract()
            .asString();
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
