package io.casegrid.intake.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.Topics;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that got no answer to a registration (it timed out, the connection dropped) sends it
 * again with the same {@code Idempotency-Key}: the city gets one case, announced once, and the
 * client the same answer as if the first had reached it.
 */
@QuarkusTest
class RetryingARegistrationTest {

  private static TopicProbe announced;

  @BeforeAll
  static void watchTheTopic() {
    announced = IntakeFixtures.watch(Topics.INTAKE_CASES);
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @BeforeEach
  void loadTheDemoCity() {
    IntakeFixtures.loadTheDemoCity();
  }

  private static Map<String, Object> complaint(String description) {
    return complaint(description, "HOTLINE");
  }

  private static Map<String, Object> complaint(String description, String channel) {
    return Map.of(
        "kind",
        "COMPLAINT",
        "channel",
        channel,
        "categoryCode",
        "0102",
        "description",
        description,
        "position",
        Map.of("latitude", 30.215, "longitude", 120.0865),
        "reporter",
        Map.of("anonymous", true, "callbackConsent", false));
  }

  private static Response register(String user, String key, Map<String, Object> body) {
    return as(user)
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/cases");
  }

  @Test
  void aRetryAfterATimeoutGetsTheFirstAnswerAndNoSecondCase() {
    String key = UUID.randomUUID().toString();
    String description = "井盖缺失 " + key;
    // The client gives up long before intake answers; intake registers the case all the same.
    RestAssuredConfig impatient =
        RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 1));
    Throwable gaveUp =
        catchThrowable(
            () ->
                as("operator1")
                    .config(impatient)
                    .header("Idempotency-Key", key)
                    .contentType(ContentType.JSON)
                    .body(complaint(description))
                    .post("/api/cases"));
    while (gaveUp != null && gaveUp.getCause() != null) {
      gaveUp = gaveUp.getCause();
    }
    assertThat(gaveUp).isInstanceOf(SocketTimeoutException.class);

    Response retry = register("operator1", key, complaint(description));
    retry.then().statusCode(201);
    String id = retry.path("id");
    register("operator1", key, complaint(description))
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .header("Location", retry.header("Location"))
        .body("id", equalTo(id))
        .body("caseNumber", equalTo(retry.<String>path("caseNumber")));

    assertThat(casesDescribedAs(description)).isEqualTo(1);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !announced.records(r -> r.key().equals(id)).isEmpty());
    Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> announced.records(r -> r.key().equals(id)).size() == 1);
  }

  @Test
  void retriesArrivingTogetherMakeOneCase() {
    String key = UUID.randomUUID().toString();
    String description = "井盖缺失 " + key;
    List<CompletableFuture<Response>> retries =
        IntStream.range(0, 6)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> register("operator1", key, complaint(description))))
            .toList();
    List<Response> answers = retries.stream().map(CompletableFuture::join).toList();

    assertThat(answers).extracting(Response::statusCode).containsOnly(201);
    assertThat(answers)
        .extracting(a -> a.<String>path("id"))
        .containsOnly(answers.get(0).<String>path("id"));
    assertThat(answers)
        .as("one first answer, the others replayed")
        .filteredOn(a -> a.header("Idempotent-Replayed") == null)
        .hasSize(1);
    assertThat(casesDescribedAs(description)).isEqualTo(1);
  }

  @Test
  void aKeyUsedForAnotherRegistrationIsRefusedAndChangesNothing() {
    String key = UUID.randomUUID().toString();
    register("operator1", key, complaint("井盖缺失 " + key)).then().statusCode(201);

    register("operator1", key, complaint("另一个井盖 " + key))
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:casegrid:problem:idempotency-key-reused"))
        .body("errors[0].field", equalTo("Idempotency-Key"));
    assertThat(casesDescribedAs("另一个井盖 " + key)).isZero();
  }

  @Test
  void anotherCallersSameKeyIsAnotherRegistration() {
    String key = UUID.randomUUID().toString();
    String description = "井盖缺失 " + key;
    String first = register("operator1", key, complaint(description)).path("id");
    // An inspector reports from the field, the only channel open to inspectors.
    register("inspector1", key, complaint(description, "GRID_INSPECTOR"))
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", nullValue());
    assertThat(casesDescribedAs(description)).isEqualTo(2);
    assertThat(first).isNotNull();
  }

  @Test
  void aRefusedRegistrationKeepsNothingSoItsCorrectionMayUseTheSameKey() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> wrong = new java.util.HashMap<>(complaint("井盖缺失 " + key));
    wrong.put("categoryCode", "9999");
    register("operator1", key, wrong)
        .then()
        .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)));

    register("operator1", key, complaint("井盖缺失 " + key))
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", nullValue());
    assertThat(casesDescribedAs("井盖缺失 " + key)).isEqualTo(1);
  }

  @Test
  void aKeyThatIsNoKeyIsRefused() {
    register("operator1", "x".repeat(101), complaint("井盖缺失"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("Idempotency-Key"));
  }

  private static long casesDescribedAs(String description) {
    try (Connection db = TestInfrastructure.shared().postgres().connect("intake");
        PreparedStatement count =
            db.prepareStatement("SELECT count(*) FROM case_record WHERE description = ?")) {
      count.setString(1, description);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
