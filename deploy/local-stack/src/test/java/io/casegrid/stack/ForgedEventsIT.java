package io.casegrid.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's attack: one hand-written {@code case.closed} on dispatch's topic made intake and
 * supervision show a case as closed, and Open311 told the public so. The brokers now refuse anyone
 * who does not log in, and any service but dispatch writing there; and a record written by one who
 * may (here the Kafka administrator) is still not believed unless dispatch is its source.
 */
class ForgedEventsIT {

  private final LocalStack system = RunningSystem.stack();
  private final EventCodec codec = new EventCodec();

  @Test
  void aCaseClosedFromAnotherSourceThanDispatchIsSetAsideAndChangesNothing() throws Exception {
    JsonPath registered =
        RunningSystem.as("operator1")
            .baseUri(system.url("intake"))
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "kind", "COMPLAINT",
                    "channel", "HOTLINE",
                    "categoryCode", "0102",
                    "description", "井盖缺失（伪造结案的试验）",
                    "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                    "reporter", Map.of("anonymous", true, "callbackConsent", false)))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    UUID id = UUID.fromString(registered.getString("id"));
    String number = registered.getString("caseNumber");
    // Dispatched, and its clock started: the forged closure would stop it.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> supervisionView(id).then().statusCode(200).body("signDueAt", notNullValue()));

    try (TopicProbe bus = new TopicProbe(system.kafka().adminLogin(), Topics.DISPATCH_CASES)) {
      bus.send(
          Topics.DISPATCH_CASES,
          id.toString(),
          codec.write(
              codec.envelope(
                  new CaseClosed(id, "DRAINAGE", "impostor", Instant.now()),
                  Topics.INTAKE_SOURCE,
                  Instant.now())));
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deadLetters("intake", id) == 1 && deadLetters("supervision", id) == 1);
    RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("status", not(equalTo("CLOSED")));
    supervisionView(id).then().statusCode(200).body("closedAt", nullValue());
    given()
        .baseUri(system.url("intake"))
        .get("/open311/v2/requests/" + number + ".json")
        .then()
        .statusCode(200)
        .body("[0].status", equalTo("open"));
    assertThat(deadLetterError("intake", id)).contains("/casegrid/intake", Topics.DISPATCH_CASES);
  }

  private io.restassured.response.Response supervisionView(UUID id) {
    return RunningSystem.as("supervisor1")
        .baseUri(system.url("supervision"))
        .get("/api/cases/" + id + "/deadline");
  }

  private long deadLetters(String service, UUID id) throws Exception {
    try (Connection c = system.postgres().connect(service);
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM dead_letter WHERE record_key = ?")) {
      s.setString(1, id.toString());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String deadLetterError(String service, UUID id) throws Exception {
    try (Connection c = system.postgres().connect(service);
        PreparedStatement s =
            c.prepareStatement("SELECT error FROM dead_letter WHERE record_key = ?")) {
      s.setString(1, id.toString());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
