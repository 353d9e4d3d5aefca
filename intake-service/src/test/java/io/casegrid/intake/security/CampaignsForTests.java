package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** A campaign for the tests that call every endpoint: a draft over the sewer covers. */
final class CampaignsForTests {

  private CampaignsForTests() {}

  static String draft() {
    return as("supervisor1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "井盖专项整治（接口测试）",
                "scope",
                Map.of("categoryCodes", List.of("0102"), "registerAsOf", "2026-01-01"),
                "period",
                Map.of(
                    "startsOn", "2026-01-01",
                    "inspectBy", "2099-01-01",
                    "rectifyBy", "2099-12-31",
                    "rectificationWorkingDays", 10)))
        .post("/api/campaigns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
