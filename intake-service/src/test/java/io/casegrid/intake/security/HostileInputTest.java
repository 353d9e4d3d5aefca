package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.HostileInput;
import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every endpoint of intake refuses hostile input, and stores nothing it refused. */
@QuarkusTest
class HostileInputTest {

  private static final Map<String, Object> CASE =
      Map.of(
          "kind", "COMPLAINT",
          "channel", "HOTLINE",
          "categoryCode", "0102",
          "description", "井盖缺失",
          "addressText", "湖滨街道",
          "position", Map.of("latitude", 30.215, "longitude", 120.0865),
          "reporter", Map.of("anonymous", false, "name", "张三", "phone", "13800001111"));

  @Test
  void takesAValidBodySentInChunks() throws Exception {
    loadReferenceData();
    HostileInput.Answer answer =
        HostileInput.chunked(
            "POST",
            "/api/cases",
            TestInfrastructure.shared().tokens().forUser("operator1"),
            "application/json",
            new ObjectMapper().writeValueAsBytes(CASE));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  @TestFactory
  Stream<DynamicTest> refusesHostileInputOnEveryEndpoint() {
    loadReferenceData();
    io.restassured.path.json.JsonPath registered =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(CASE)
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String duplicate =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(CASE)
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return HostileInput.against("intake", "intake")
        .path("id", registered.getString("id"))
        .path("version", "1")
        .path("format", "json")
        .path("service_code", "0102")
        .path("service_request_id", registered.getString("caseNumber"))
        .path("photoId", java.util.UUID.randomUUID().toString())
        .path("importId", AssetImportsForTests.finishedEmptyImport())
        .path("areaCode", "339901001")
        .path("assetCode", "3399010102000002")
        .path("unknownLoad", java.util.UUID.randomUUID().toString())
        .path("campaignId", CampaignsForTests.draft())
        .path("foundId", java.util.UUID.randomUUID().toString())
        .path("campaignPhotoId", java.util.UUID.randomUUID().toString())
        .body("POST /api/cases", CASE)
        .body("POST /api/cases/duplicate-suggestions", CASE)
        .body(
            "POST /api/cases/{id}/reporters",
            Map.of(
                "channel",
                "HOTLINE",
                "note",
                "又一位市民来电",
                "reporter",
                Map.of("anonymous", false, "name", "李四", "phone", "13800002222")))
        .body("POST /api/cases/{id}/merged-cases", Map.of("caseId", duplicate, "reason", "同一井盖"))
        .body(
            "POST /api/sensor-alarms",
            java.util.List.of(
                Map.of(
                    "alarmId", "hostile-input-1",
                    "assetCode", "3399010102000001",
                    "kind", "WATER_LEVEL",
                    "state", "CLEARED",
                    "value", 0.2,
                    "observedAt", "2026-11-23T09:00:00+08:00")))
        .body(
            "POST /api/cases/{id}/callback",
            Map.of(
                "contacted", true, "resolved", true, "satisfaction", "SATISFIED", "comment", "好"))
        .attacks();
  }

  private static void loadReferenceData() {
    DemoCity.load(
        "intake",
        RestAssured.baseURI + ":" + RestAssured.port,
        TestInfrastructure.shared().tokens().forUser("admin1"));
  }
}
