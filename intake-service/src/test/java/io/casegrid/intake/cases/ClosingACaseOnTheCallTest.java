package io.casegrid.intake.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A consultation answered on the call is kept, closed at first contact, and never routed. */
@QuarkusTest
class ClosingACaseOnTheCallTest {

  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe announced;

  @Inject EntityManager entityManager;

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

  static Map<String, Object> consultation(String answer) {
    Map<String, Object> body = new HashMap<>();
    body.put("kind", "CONSULTATION");
    body.put("channel", "HOTLINE");
    body.put("categoryCode", "H0401");
    body.put("description", "咨询居住证办理需要哪些材料");
    body.put("addressText", "湖滨街道");
    body.put(
        "reporter",
        Map.of("name", "赵六", "phone", "13600001111", "anonymous", false, "callbackConsent", true));
    if (answer != null) {
      body.put("resolvedOnCall", Map.of("answer", answer));
    }
    return body;
  }

  private long stored() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createQuery("SELECT count(c) FROM CaseRecord c", Long.class)
                    .getSingleResult());
  }

  @Test
  void keepsAConsultationAnsweredOnTheCallClosedAtFirstContactAndAnnouncesItNotToBeRouted() {
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(consultation("携带身份证、租房合同到社区服务中心办理"))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .body("status", equalTo("CLOSED_AT_FIRST_CONTACT"))
            .body("answerOnCall", equalTo("携带身份证、租房合同到社区服务中心办理"))
            .body("answeredBy", equalTo("operator1"))
            .extract()
            .path("id");

    ConsumerRecord<String, String> record = announced.first(id, Duration.ofSeconds(20));
    CloudEvent event = CODEC.read(record.value());
    assertThat(event.type()).isEqualTo("io.casegrid.case.reported.v1");
    CaseReported reported = CODEC.payload(event, CaseReported.class);
    assertThat(reported.closedAtFirstContact()).isTrue();
    assertThat(reported.resolvedAtFirstContact().actor()).isEqualTo("operator1");
    assertThat(record.value())
        .doesNotContain("13600001111")
        .doesNotContain("赵六")
        .doesNotContain("租房合同");
    as("supervisor1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("CLOSED_AT_FIRST_CONTACT"));
  }

  @Test
  void announcesACaseRegisteredWithoutAnAnswerToBeRouted() {
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(consultation(null))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .body("status", equalTo("REGISTERED"))
            .extract()
            .path("id");

    CaseReported reported =
        CODEC.payload(
            CODEC.read(announced.first(id, Duration.ofSeconds(20)).value()), CaseReported.class);
    assertThat(reported.closedAtFirstContact()).isFalse();
  }

  @Test
  void refusesABlankAnswerNamingTheFieldAndStoresNothing() {
    long before = stored();
    as("operator1")
        .contentType(ContentType.JSON)
        .body(consultation(" "))
        .post("/api/cases")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("resolvedOnCall.answer"));
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void letsOnlyTheHotlineCloseACaseOnTheCall() {
    long before = stored();
    as("inspector1")
        .contentType(ContentType.JSON)
        .body(consultation("已现场答复"))
        .post("/api/cases")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(stored()).isEqualTo(before);
  }
}
