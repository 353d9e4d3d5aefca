package io.casegrid.stack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A case goes from the caller to its department's queue and gets a deadline. */
class CaseLifecycleIT {

  private final LocalStack system = RunningSystem.stack();

  private io.restassured.response.Response file(Map<String, Object> complaint) {
    return RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .contentType(ContentType.JSON)
        .body(complaint)
        .post("/api/cases");
  }

  @Test
  void aComplaintFiledAtIntakeReachesItsDepartmentsQueueAndGetsADeadline() {
    String id =
        file(Map.of(
                "kind", "COMPLAINT",
                "channel", "HOTLINE",
                "categoryCode", "0102",
                "description", "湖滨路口污水井盖缺失，已有行人绊倒",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter",
                    Map.of(
                        "name",
                        "李四",
                        "phone",
                        "13900001111",
                        "anonymous",
                        false,
                        "callbackConsent",
                        true)))
            .then()
            .statusCode(201)
            .body("location.gridCode", equalTo("339901001001001"))
            .extract()
            .path("id");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("drainage1")
                    .baseUri(system.url("dispatch"))
                    .queryParam("size", 200)
                    .get("/api/departments/DRAINAGE/queue")
                    .then()
                    .statusCode(200)
                    .body("items.caseId", hasItem(id)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("drainage1")
                    .baseUri(system.url("supervision"))
                    .get("/api/cases/" + id + "/deadline")
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("DRAINAGE"))
                    .body("policy", equalTo("0102/URGENT"))
                    .body("makeSafeDueAt", notNullValue())
                    .body("resolveDueAt", notNullValue()));
  }

  @Test
  void aCaseGoesRoundTheWholeLoopAndEveryServiceSeesItClosed() {
    String id =
        file(Map.of(
                "kind", "COMPLAINT",
                "channel", "HOTLINE",
                "categoryCode", "0101",
                "description", "上水井盖破损",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", Map.of("anonymous", true, "callbackConsent", false)))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("dispatcher1")
                    .baseUri(system.url("dispatch"))
                    .get("/api/cases/" + id)
                    .then()
                    .body("departmentCode", equalTo("WATER")));

    RunningSystem.handledAndPassed(id, "water1", "WATER", "已更换井盖", "operator1");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("operator1")
                    .baseUri(system.url("intake"))
                    .get("/api/cases/" + id)
                    .then()
                    .body("status", equalTo("CLOSED"))
                    .body("departmentCode", equalTo("WATER")));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("supervisor1")
                    .baseUri(system.url("supervision"))
                    .get("/api/cases/" + id + "/deadline")
                    .then()
                    .body("status", equalTo("CLOSED"))
                    .body("signedAt", notNullValue())
                    .body("closedAt", notNullValue()));
  }

  /** A cover of the demo city's asset register, reported missing by a caller standing at it. */
  private String coverReported(String category, String assetCode, double lat, double lon) {
    return file(Map.of(
            "kind",
            "COMPLAINT",
            "channel",
            "HOTLINE",
            "categoryCode",
            category,
            "description",
            "井盖缺失",
            "position",
            Map.of("latitude", lat, "longitude", lon),
            "assetCode",
            assetCode,
            "reporter",
            Map.of("anonymous", true, "callbackConsent", false)))
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private io.restassured.response.ValidatableResponse inDispatch(String id) {
    return RunningSystem.as("dispatcher1")
        .baseUri(system.url("dispatch"))
        .get("/api/cases/" + id)
        .then()
        .statusCode(200);
  }

  private io.restassured.response.ValidatableResponse deadlineOf(String id) {
    return RunningSystem.as("supervisor1")
        .baseUri(system.url("supervision"))
        .get("/api/cases/" + id + "/deadline")
        .then();
  }

  private io.restassured.response.ValidatableResponse inIntake(String id) {
    return RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .get("/api/cases/" + id)
        .then();
  }

  private void reaches(String id, String department, String basis) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                inDispatch(id)
                    .body("departmentCode", equalTo(department))
                    .body("basis", equalTo(basis)));
  }

  @Test
  void aMissingSewerCoverReachesTheDrainageCompanyBecauseOfTheAssetsOwner() {
    String id = coverReported("0102", "3399010102000002", 30.202386, 120.101998);

    reaches(id, "DRAINAGE", "ASSET_OWNER");
    inDispatch(id).body("ruleReference", equalTo("asset-owner:DRAINAGE"));
  }

  @Test
  void anUnownedCoverReachesTheCompetentDepartment() {
    String id = coverReported("0114", "3399010114000005", 30.201529, 120.098757);

    reaches(id, "CITY_MANAGEMENT", "ROUTING_CATALOGUE");
  }

  @Test
  void aCoverDrainageFindsToBeTheGasCompanysIsReferredThereAndEveryServiceFollows() {
    String id = coverReported("0102", "3399010102000002", 30.202386, 120.101998);
    String resolveDue =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deadlineOf(id).extract().path("resolveDueAt"), due -> due != null);
    for (String step : List.of("sign", "referral")) {
      RunningSystem.as("drainage1")
          .baseUri(system.url("dispatch"))
          .contentType(ContentType.JSON)
          .body(
              step.equals("referral")
                  ? Map.of("ownerCode", "GAS", "reason", "开盖后为燃气阀门井")
                  : Map.of())
          .post("/api/departments/DRAINAGE/cases/" + id + "/" + step)
          .then()
          .statusCode(200);
    }

    inDispatch(id)
        .body("departmentCode", equalTo("GAS"))
        .body("state", equalTo("DISPATCHED"))
        .body("returnCount", equalTo(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                deadlineOf(id)
                    .body("departmentCode", equalTo("GAS"))
                    .body("signedAt", nullValue())
                    .body("resolveDueAt", equalTo(resolveDue)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> inIntake(id).body("departmentCode", equalTo("GAS")));
  }

  @Test
  void aCaseWithNoRuleForItsCategoryGoesToTheStreetsTerritorialOffice() {
    String id =
        file(Map.of(
                "kind", "REPORT",
                "channel", "HOTLINE",
                "categoryCode", "E0199",
                "description", "桥下有人搭建临时棚屋",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", Map.of("anonymous", true, "callbackConsent", false)))
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                RunningSystem.as("dispatcher1")
                    .baseUri(system.url("dispatch"))
                    .get("/api/cases/" + id)
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("ST-339901001"))
                    .body("basis", equalTo("TERRITORIAL_FALLBACK")));
  }
}
