package io.casegrid.intake.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.intake.IntakeFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The channel a case came in by is the caller's: hotline operators take calls, web and app
 * messages, what a camera flagged and referrals; grid inspectors report from the field; sensors and
 * Open311 applications file through their own entrances. Nobody files as someone else.
 */
@QuarkusTest
class ChannelFollowsTheCallerTest {

  @Inject EntityManager entityManager;

  @BeforeEach
  void loadTheDemoCity() {
    IntakeFixtures.loadTheDemoCity();
  }

  private static Map<String, Object> report(String channel) {
    return Map.of(
        "kind",
        "REPORT",
        "channel",
        channel,
        "categoryCode",
        "0102",
        "description",
        "井盖缺失",
        "position",
        Map.of("latitude", 30.215, "longitude", 120.0865),
        "reporter",
        Map.of("anonymous", true));
  }

  @ParameterizedTest
  @CsvSource({
    "operator1, SENSOR",
    "operator1, OPEN311",
    "operator1, GRID_INSPECTOR",
    "inspector1, OPEN311",
    "inspector1, SENSOR",
    "inspector1, HOTLINE",
    "inspector1, APP",
  })
  void noOneRegistersACaseOnAnotherCallersChannel(String user, String channel) {
    long before = IntakeFixtures.storedCases(entityManager);

    as(user)
        .contentType(ContentType.JSON)
        .body(report(channel))
        .post("/api/cases")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("channel"));

    assertThat(IntakeFixtures.storedCases(entityManager)).isEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource({
    "operator1, HOTLINE",
    "operator1, WEB",
    "operator1, APP",
    "operator1, VIDEO",
    "operator1, HIGHER_LEVEL_REFERRAL",
    "inspector1, GRID_INSPECTOR",
  })
  void eachCallerRegistersOnTheirOwnChannels(String user, String channel) {
    as(user)
        .contentType(ContentType.JSON)
        .body(report(channel))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .body("channel", equalTo(channel));
  }

  @Test
  void aReporterWhoJoinsACaseJoinsOnTheCallersChannelToo() {
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(report("HOTLINE"))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    as("inspector1")
        .contentType(ContentType.JSON)
        .body(Map.of("channel", "SENSOR", "reporter", Map.of("anonymous", true)))
        .post("/api/cases/" + id + "/reporters")
        .then()
        .statusCode(403)
        .body("errors[0].field", equalTo("channel"));
    as("inspector1")
        .contentType(ContentType.JSON)
        .body(Map.of("channel", "GRID_INSPECTOR", "reporter", Map.of("anonymous", true)))
        .post("/api/cases/" + id + "/reporters")
        .then()
        .statusCode(201)
        .body("reporterCount", equalTo(2));
  }
}
