package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A manhole-cover campaign over the demo city's Xihu district, through all three services: the
 * census, inspectors' results, the defects in the owners' queues with the campaign's time limit,
 * their fixes verified, and progress, blind spots and the weekly bulletin showing exactly that.
 */
class RectificationCampaignIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
  private static final String PHOTO = "https://photos.example.org/campaign/cover.jpg";

  private final LocalStack system = RunningSystem.stack();

  private io.restassured.specification.RequestSpecification intake(String user) {
    return RunningSystem.as(user).baseUri(system.url("intake")).contentType(ContentType.JSON);
  }

  private static Map<String, Object> period(LocalDate inspectBy) {
    return Map.of(
        "startsOn", TODAY.minusDays(7).toString(),
        "inspectBy", inspectBy.toString(),
        "rectifyBy", TODAY.plusDays(60).toString(),
        "rectificationWorkingDays", 10);
  }

  private String record(String campaign, String asset, Map<String, Object> result) {
    return intake("inspector1")
        .body(result)
        .post("/api/campaigns/" + campaign + "/items/" + asset + "/result")
        .then()
        .statusCode(201)
        .extract()
        .path("caseId");
  }

  private static Map<String, Object> ok(double lat, double lon) {
    return Map.of("condition", "OK", "position", Map.of("latitude", lat, "longitude", lon));
  }

  private static Map<String, Object> defect(String kind, double lat, double lon) {
    return Map.of(
        "condition",
        "DEFECT",
        "defectKind",
        kind,
        "photos",
        List.of(PHOTO),
        "position",
        Map.of("latitude", lat, "longitude", lon));
  }

  private JsonPath progress(String campaign) {
    return intake("supervisor1")
        .get("/api/campaigns/" + campaign + "/progress?groupBy=OWNER")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private void inQueue(String department, String staff, String caseId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as(staff)
                    .baseUri(system.url("dispatch"))
                    .queryParam("size", 200)
                    .get("/api/departments/" + department + "/queue")
                    .then()
                    .statusCode(200)
                    .body("items.caseId", hasItem(caseId)));
  }

  @Test
  void aCampaignFindsDefectsTheOwnersRectifyAndTheLedgerShowsExactlyThat() {
    List<String> covers = new java.util.ArrayList<>();
    for (int c = 1; c <= 14; c++) {
      covers.add(String.format("01%02d", c));
    }
    RunningSystem.LaunchedCampaign launched =
        RunningSystem.launchCampaign(
            Map.of(
                "name",
                "西山区窨井盖专项整治",
                "scope",
                Map.of(
                    "categoryCodes",
                    covers,
                    "areaCodes",
                    List.of("339902"),
                    "registerAsOf",
                    TODAY.toString()),
                "period",
                period(TODAY)));
    String campaign = launched.id();
    int inScope = launched.itemsInScope();
    assertThat(inScope).isGreaterThan(10);

    record(campaign, "3399020101000003", ok(30.308949, 120.158160));
    record(campaign, "3399020102000004", ok(30.291213, 120.145741));
    String sewer = record(campaign, "3399020102000012", defect("BROKEN", 30.226101, 120.161853));
    String water = record(campaign, "3399020101000009", defect("MISSING", 30.210688, 120.164474));
    Map<String, Object> drainagesReally = new java.util.HashMap<>(ok(30.294043, 120.179826));
    drainagesReally.put("ownerFound", "DRAINAGE");
    record(campaign, "3399020101000016", drainagesReally);
    intake("drainage1")
        .body(Map.of("confirmed", true))
        .post("/api/campaigns/" + campaign + "/items/3399020101000016/ownership")
        .then()
        .statusCode(200);
    String found =
        intake("inspector1")
            .body(
                Map.of(
                    "categoryCode", "0103",
                    "condition", "OK",
                    "position", Map.of("latitude", 30.2265, "longitude", 120.1622),
                    "ownerCode", "DRAINAGE"))
            .post("/api/campaigns/" + campaign + "/found-assets")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String newCode = "3399020103" + (100_000 + (int) (Math.random() * 899_999));
    intake("drainage1")
        .body(Map.of("confirmed", true, "assetCode", newCode))
        .post("/api/campaigns/" + campaign + "/found-assets/" + found + "/confirmation")
        .then()
        .statusCode(200);

    intake("supervisor1")
        .get("/api/assets/3399020101000016")
        .then()
        .body("asset.ownerDepartmentCode", equalTo("DRAINAGE"));
    inQueue("DRAINAGE", "drainage1", sewer);
    inQueue("WATER", "water1", water);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("supervisor1")
                    .baseUri(system.url("supervision"))
                    .get("/api/cases/" + sewer + "/deadline")
                    .then()
                    .statusCode(200)
                    .body("policy", equalTo("campaign:" + campaign)));

    RunningSystem.handledAndPassed(sewer, "drainage1", "DRAINAGE", "已更换井盖", "inspector1");
    RunningSystem.handledAndPassed(water, "water1", "WATER", "已补齐井盖", "inspector1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(progress(campaign).getInt("total.rectified")).isEqualTo(2));

    intake("supervisor1")
        .body(period(TODAY.minusDays(1)))
        .put("/api/campaigns/" + campaign + "/period")
        .then()
        .statusCode(200);
    JsonPath report = progress(campaign);
    assertThat(report.getInt("total.inScope")).isEqualTo(inScope + 1);
    assertThat(report.getInt("total.inspected")).isEqualTo(6);
    assertThat(report.getInt("total.defects")).isEqualTo(2);
    assertThat(report.getInt("total.rectified")).isEqualTo(2);
    assertThat(report.getInt("total.overdue")).isZero();
    assertThat(report.getInt("total.blindSpots")).isEqualTo(inScope + 1 - 6);
    intake("supervisor1")
        .queryParam("size", 1000)
        .get("/api/campaigns/" + campaign + "/blind-spots")
        .then()
        .statusCode(200)
        .body("size()", equalTo(inScope + 1 - 6));
    String csv =
        RunningSystem.as("leader1")
            .baseUri(system.url("intake"))
            .queryParam("format", "csv")
            .get("/api/campaigns/" + campaign + "/bulletins/weekly")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv)
        .contains("全部," + (inScope + 1) + ",6,")
        .contains(",2,2,100.0%,0," + (inScope + 1 - 6))
        .contains("进度滞后单位");
  }
}
