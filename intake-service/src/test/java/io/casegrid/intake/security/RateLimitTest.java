package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client over the limit of registering cases (or filing Open311 requests) is answered 429, and
 * only that client.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimit.class)
class RateLimitTest {

  /** Two registrations at once, then one every ten seconds. */
  public static class LowLimit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "casegrid.rate-limit.groups.case-writes.requests-per-second", "0.1",
          "casegrid.rate-limit.groups.case-writes.burst", "2",
          "casegrid.rate-limit.groups.open311-writes.requests-per-second", "0.1",
          "casegrid.rate-limit.groups.open311-writes.burst", "2");
    }
  }

  @Test
  void answersAClientOverItsLimitWith429AndRetryAfterAndLeavesOthersAlone() {
    // Empty bodies: refused as invalid (400), but they count, and nothing is stored.
    assertThat(register("operator1").statusCode()).isEqualTo(400);
    assertThat(register("operator1").statusCode()).isEqualTo(400);

    Response refused = register("operator1");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:casegrid:problem:rate-limited");
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);

    // Another person has a bucket of their own.
    assertThat(register("inspector1").statusCode()).isEqualTo(400);
    // Reading is not limited.
    assertThat(
            as("operator1").queryParam("number", "2026112300000001").get("/api/cases").statusCode())
        .isEqualTo(200);
    // No token: the roles are checked first, so the answer stays 401.
    assertThat(
            RestAssured.given()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/cases")
                .statusCode())
        .isEqualTo(401);

    String metrics = RestAssured.get("/q/metrics").asString();
    assertThat(metrics)
        .containsPattern(
            "casegrid_rate_limit_refused_total\\{[^}]*client=\"casegrid-console\"[^}]*\\} 1\\.0");
    assertThat(metrics).doesNotContain("operator1");
  }

  @Test
  void limitsFilingOpen311RequestsPerAddressButNotReadingThem() {
    // A wrong api_key is refused (403), but the attempt counts.
    assertThat(file().statusCode()).isEqualTo(403);
    assertThat(file().statusCode()).isEqualTo(403);
    Response refused = file();
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 10);
    assertThat(RestAssured.get("/open311/v2/requests.json").statusCode()).isEqualTo(200);
  }

  private static Response file() {
    return RestAssured.given()
        .contentType("application/x-www-form-urlencoded; charset=utf-8")
        .formParam("api_key", "wrong")
        .formParam("service_code", "0102")
        .post("/open311/v2/requests.json");
  }

  private static Response register(String user) {
    return as(user).contentType(ContentType.JSON).body("{}").post("/api/cases");
  }
}
