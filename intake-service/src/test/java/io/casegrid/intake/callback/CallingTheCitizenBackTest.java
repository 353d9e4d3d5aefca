package io.casegrid.intake.callback;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.KafkaLogin;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Satisfaction;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hotline calls the citizen back after closure (回访). */
@QuarkusTest
class CallingTheCitizenBackTest {

  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe intake;
  private static TopicProbe dispatch;

  @Inject EntityManager entityManager;

  @BeforeAll
  static void connect() {
    KafkaLogin kafka = TestInfrastructure.shared().kafka().adminLogin();
    intake = new TopicProbe(kafka, Topics.INTAKE_CASES);
    dispatch = new TopicProbe(kafka, Topics.DISPATCH_CASES);
  }

  @AfterAll
  static void disconnect() {
    intake.close();
    dispatch.close();
  }

  @BeforeEach
  void loadTheDemoCity() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
  }

  private static final String NAME = "孙七";

  private static String registered(String phone, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>();
    body.put("kind", "COMPLAINT");
    body.put("channel", "HOTLINE");
    body.put("categoryCode", "E0101");
    body.put("description", "路边垃圾三天没人清运");
    body.put("position", Map.of("latitude", 30.215, "longitude", 120.0865));
    body.put(
        "reporter",
        Map.of("name", NAME, "phone", phone, "anonymous", false, "callbackConsent", true));
    body.putAll(extra);
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/cases")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String phone() {
    return "135" + String.format("%08d", (int) (Math.random() * 1e8));
  }

  /** A case the department closed, as intake learns it from dispatch's events. */
  private static String closedByTheDepartment(String phone) {
    String id = registered(phone, Map.of());
    UUID caseId = UUID.fromString(id);
    Instant now = Instant.now();
    announce(
        new CaseDispatched(
            caseId,
            "unused",
            "CM-339901",
            RoutingBasis.ROUTING_CATALOGUE,
            "catalogue:E0101@339901",
            "E0101",
            Urgency.NORMAL,
            null,
            now,
            now,
            List.of()));
    announce(new CaseClosed(caseId, "CM-339901", "operator2", now.plusSeconds(60)));
    awaitStatus(id, "CLOSED");
    return id;
  }

  private static void announce(CaseEvent event) {
    dispatch.send(
        Topics.DISPATCH_CASES,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.DISPATCH_SOURCE, Instant.now())));
  }

  private static void awaitStatus(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> as("operator1").get("/api/cases/" + id).then().body("status", equalTo(status)));
  }

  private static Map<String, Object> verdict(Satisfaction satisfaction, String comment) {
    return Map.of(
        "contacted",
        true,
        "resolved",
        satisfaction != Satisfaction.DISSATISFIED,
        "satisfaction",
        satisfaction.name(),
        "comment",
        comment);
  }

  private static List<ConsumerRecord<String, String>> callbacksAnnounced(String id) {
    return intake.records(
        r ->
            id.equals(r.key())
                && CODEC.read(r.value()).type().equals("io.casegrid.case.callback-recorded.v1"));
  }

  private long storedCallbacks() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createQuery("SELECT count(c) FROM CaseCallback c", Long.class)
                    .getSingleResult());
  }

  @Test
  void refusesACallbackOnACaseStillOpenAndStoresNothing() {
    String id = registered(phone(), Map.of());
    long before = storedCallbacks();

    as("operator1")
        .contentType(ContentType.JSON)
        .body(verdict(Satisfaction.SATISFIED, "还没处理"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:case-not-closed"));

    assertThat(storedCallbacks()).isEqualTo(before);
    as("operator1")
        .get("/api/cases/" + id + "/callbacks")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
    assertThat(callbacksAnnounced(id)).isEmpty();
  }

  @Test
  void announcesASatisfiedCallbackWithoutTheCitizensPersonalDataOrComment() {
    String phone = phone();
    String id = closedByTheDepartment(phone);

    as("operator1")
        .contentType(ContentType.JSON)
        .body(verdict(Satisfaction.SATISFIED, "师傅来得很快，打" + phone + "找我"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(201)
        .body("satisfaction", equalTo("SATISFIED"))
        .body("reopenRequested", equalTo(false))
        .body("recordedBy", equalTo("operator1"));

    ConsumerRecord<String, String> record =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> callbacksAnnounced(id), l -> !l.isEmpty())
            .get(0);
    CloudEvent event = CODEC.read(record.value());
    CallbackRecorded callback = CODEC.payload(event, CallbackRecorded.class);
    assertThat(callback.contacted()).isTrue();
    assertThat(callback.resolved()).isTrue();
    assertThat(callback.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
    assertThat(callback.reopen()).isFalse();
    assertThat(callback.departmentCode()).isEqualTo("CM-339901");
    assertThat(callback.actor()).isEqualTo("operator1");
    assertThat(record.value())
        .doesNotContain(phone)
        .doesNotContain(phone.substring(7))
        .doesNotContain(NAME)
        .doesNotContain("师傅来得很快");
    awaitStatus(id, "CLOSED");
    as("supervisor1")
        .get("/api/cases/" + id + "/callbacks")
        .then()
        .statusCode(200)
        .body("satisfaction", equalTo(List.of("SATISFIED")));
  }

  @Test
  void asksDispatchToReopenTheCaseWhenTheCitizenIsDissatisfiedAndTakesNoSecondCallbackMeanwhile() {
    String id = closedByTheDepartment(phone());

    as("operator1")
        .contentType(ContentType.JSON)
        .body(verdict(Satisfaction.DISSATISFIED, "垃圾还在"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(201)
        .body("reopenRequested", equalTo(true));
    as("operator1").get("/api/cases/" + id).then().body("status", equalTo("REOPEN_REQUESTED"));
    CallbackRecorded callback =
        CODEC.payload(
            CODEC.read(
                await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> callbacksAnnounced(id), l -> !l.isEmpty())
                    .get(0)
                    .value()),
            CallbackRecorded.class);
    assertThat(callback.reopen()).isTrue();
    assertThat(callback.satisfaction()).isEqualTo(Satisfaction.DISSATISFIED);
    as("operator1")
        .contentType(ContentType.JSON)
        .body(verdict(Satisfaction.DISSATISFIED, "再打一次"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(409);

    // Dispatch reopens it: the case is in hand again.
    announce(
        new CaseReopened(
            UUID.fromString(id),
            "CM-339901",
            "citizen dissatisfied",
            1,
            "operator1",
            Instant.now()));
    awaitStatus(id, "IN_HAND");
  }

  @Test
  void recordsACitizenNotReachedWithoutAVerdictAndLetsTheHotlineTryAgain() {
    String id = closedByTheDepartment(phone());

    as("operator1")
        .contentType(ContentType.JSON)
        .body(Map.of("contacted", false, "comment", "无人接听"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(201)
        .body("contacted", equalTo(false))
        .body("satisfaction", equalTo(null));
    as("operator1")
        .contentType(ContentType.JSON)
        .body(verdict(Satisfaction.BASICALLY_SATISFIED, "基本满意"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(201);

    as("operator1")
        .get("/api/cases/" + id + "/callbacks")
        .then()
        .statusCode(200)
        .body("contacted", equalTo(List.of(false, true)))
        .body("comment", equalTo(List.of("无人接听", "基本满意")));
  }

  @Test
  void refusesAVerdictForACitizenNotReachedNamingTheFields() {
    String id = closedByTheDepartment(phone());
    long before = storedCallbacks();

    as("operator1")
        .contentType(ContentType.JSON)
        .body(Map.of("contacted", false, "satisfaction", "SATISFIED"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as("operator1")
        .contentType(ContentType.JSON)
        .body(Map.of("contacted", true, "resolved", true, "satisfaction", "OVERJOYED"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("satisfaction"));

    assertThat(storedCallbacks()).isEqualTo(before);
  }

  @Test
  void callsBackACaseClosedOnTheCallWithoutAskingToReopenIt() {
    String id =
        registered(
            phone(),
            Map.of(
                "kind", "CONSULTATION",
                "categoryCode", "H0401",
                "resolvedOnCall", Map.of("answer", "到社区服务中心办理")));

    as("operator1")
        .contentType(ContentType.JSON)
        .body(verdict(Satisfaction.DISSATISFIED, "答复不清楚"))
        .post("/api/cases/" + id + "/callback")
        .then()
        .statusCode(201)
        .body("reopenRequested", equalTo(false))
        .body("departmentCode", equalTo(null));
    as("operator1")
        .get("/api/cases/" + id)
        .then()
        .body("status", equalTo("CLOSED_AT_FIRST_CONTACT"));
  }
}
