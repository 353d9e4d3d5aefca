package io.casegrid.intake.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.DemoUsers;
import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An Open311 application files no more than its api_key allows, and an address that guesses keys is
 * stopped: once over its allowance of wrong keys, even the right key is answered 429, so that a
 * guess that happens to be right is not told apart.
 */
@QuarkusTest
@TestProfile(Open311KeyLimitsTest.FewFilings.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Open311KeyLimitsTest {

  /** Three filings per key at once, three wrong keys per address, then hardly any more. */
  public static class FewFilings implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "casegrid.rate-limit.groups.open311-clients.requests-per-second", "0.01",
          "casegrid.rate-limit.groups.open311-clients.burst", "3",
          "casegrid.rate-limit.groups.open311-key-guesses.requests-per-second", "0.01",
          "casegrid.rate-limit.groups.open311-key-guesses.burst", "3");
    }
  }

  @BeforeEach
  void loadTheDemoCity() {
    DemoCity.load(
        "intake",
        RestAssured.baseURI + ":" + RestAssured.port,
        TestInfrastructure.shared().tokens().forUser("admin1"));
  }

  @Test
  @Order(1)
  void anApplicationOverThePaceOfItsKeyIsAnswered429WithRetryAfter() {
    for (int i = 0; i < 3; i++) {
      assertThat(file(DemoUsers.OPEN311_API_KEY).statusCode()).isEqualTo(201);
    }

    Response refused = file(DemoUsers.OPEN311_API_KEY);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 100);
    assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:casegrid:problem:rate-limited");
  }

  @Test
  @Order(2)
  void anAddressGuessingKeysIsRefusedEvenWithTheRightKeyOnceOverItsAllowance() {
    for (int i = 0; i < 3; i++) {
      assertThat(file("guess-" + i).statusCode()).isEqualTo(403);
    }

    assertThat(file("guess-3").statusCode()).isEqualTo(429);
    Response right = file(DemoUsers.OPEN311_API_KEY);
    assertThat(right.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(right.header("Retry-After"))).isBetween(1, 100);
    // Reading stays open.
    assertThat(RestAssured.get("/open311/v2/services.json").statusCode()).isEqualTo(200);
  }

  private static Response file(String apiKey) {
    return given()
        .contentType("application/x-www-form-urlencoded; charset=utf-8")
        .formParam("api_key", apiKey)
        .formParam("service_code", "0102")
        .formParam("lat", "30.215000")
        .formParam("long", "120.086500")
        .formParam("description", "井盖缺失")
        .post("/open311/v2/requests.json");
  }
}
