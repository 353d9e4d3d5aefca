package io.casegrid.intake.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.EventCodec;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A citizen calls back: "what happened to my complaint?" */
@QuarkusTest
class AnsweringACallerTest {

  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe dispatch;

  @BeforeAll
  static void connect() {
    dispatch =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.DISPATCH_CASES);
  }

  @AfterAll
  static void disconnect() {
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

  private static String register(String phone, String description) {
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind",
                "COMPLAINT",
                "channel",
                "HOTLINE",
                "categoryCode",
                "E0101",
                "description",
                description,
                "position",
                Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter",
                Map.of("name", "王五", "phone", phone, "anonymous", false, "callbackConsent", true)))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void announce(CaseEvent event) {
    dispatch.send(
        Topics.DISPATCH_CASES,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, Topics.DISPATCH_SOURCE, Instant.now())));
  }

  @Test
  void findsACallersCasesByTheirPhoneHoweverItIsTypedNewestFirst() {
    String phone = "139" + String.format("%08d", (int) (Math.random() * 1e8));
    String first = register(phone, "楼下垃圾堆放三天无人清理");
    String second = register(phone.substring(0, 3) + "-" + phone.substring(3), "垃圾又堆起来了");

    as("operator1")
        .queryParam("phone", phone.substring(0, 3) + " " + phone.substring(3))
        .get("/api/cases")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(second, first)))
        .body(
            "reporterPhoneMasked[0]", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)));
  }

  @Test
  void refusesASearchWithoutExactlyOneKey() {
    as("operator1").get("/api/cases").then().statusCode(422);
    as("operator1")
        .queryParam("number", "202611230000001")
        .queryParam("phone", "13800001111")
        .get("/api/cases")
        .then()
        .statusCode(422);
  }

  @Test
  void tellsTheCallerWhichDepartmentHasTheCaseAndWhereItStands() {
    String id = register("13700001111", "路边垃圾未清运");
    UUID caseId = UUID.fromString(id);
    Instant now = Instant.now();
    announce(dispatched(caseId, "CM-339901", now));
    announce(new CaseSigned(caseId, "CM-339901", "clerk", now.plusSeconds(60)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("operator1")
                    .get("/api/cases/" + id)
                    .then()
                    .body("status", equalTo("IN_HAND"))
                    .body("departmentCode", equalTo("CM-339901")));
  }

  @Test
  void showsWhereTheCaseStandsAfterEverythingDispatchReportedAtOnceInItsOrder() {
    String id = register("13700002222", "路灯不亮");
    UUID caseId = UUID.fromString(id);
    Instant now = Instant.now();
    // Sent back to back, so that the consumer reads them in few batches: returned by the first
    // department and placed with another, which signs and reports it handled.
    announce(dispatched(caseId, "CM-339901", now));
    announce(
        new CaseReturned(
            caseId, "CM-339901", "NOT_OURS", "不是我们的", "WATER", "clerk", now.plusSeconds(10), null));
    announce(dispatched(caseId, "WATER", now.plusSeconds(20)));
    announce(new CaseSigned(caseId, "WATER", "clerk", now.plusSeconds(30)));
    announce(new CaseResolved(caseId, "WATER", "修好了", "clerk", now.plusSeconds(40)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("operator1")
                    .get("/api/cases/" + id)
                    .then()
                    .body("status", equalTo("RESOLVED"))
                    .body("departmentCode", equalTo("WATER")));
  }

  private static CaseDispatched dispatched(UUID caseId, String department, Instant at) {
    return new CaseDispatched(
        caseId,
        "unused",
        department,
        RoutingBasis.ROUTING_CATALOGUE,
        "catalogue:E0101@339901",
        "E0101",
        Urgency.NORMAL,
        null,
        at,
        at,
        List.of());
  }
}
