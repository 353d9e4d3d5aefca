package io.casegrid.intake;

import static io.casegrid.embedded.DemoUsers.as;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;

/** What intake's tests set up alike: the demo city, a watch on a topic, the cases stored. */
public final class IntakeFixtures {

  private IntakeFixtures() {}

  /** Loads the demo city's reference data, as an administrator does. */
  public static void loadTheDemoCity() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
  }

  /** A complaint about a missing sewer cover in Donghu, registered by an operator: its view. */
  public static io.restassured.path.json.JsonPath registerAComplaint() {
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(
            java.util.Map.of(
                "kind", "COMPLAINT",
                "channel", "HOTLINE",
                "categoryCode", "0102",
                "description", "井盖缺失",
                "position", java.util.Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", java.util.Map.of("anonymous", true)))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  /** Reads what is published to {@code topic} on the tests' Kafka broker. */
  public static TopicProbe watch(String topic) {
    return new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), topic);
  }

  /** How many cases intake keeps, read in a transaction of its own. */
  public static long storedCases(EntityManager entityManager) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createQuery("SELECT count(c) FROM CaseRecord c", Long.class)
                    .getSingleResult());
  }
}
