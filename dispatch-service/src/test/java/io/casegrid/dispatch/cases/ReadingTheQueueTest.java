package io.casegrid.dispatch.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.Location;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A department reads its queue: most urgent deadline first, narrowed as it needs. */
@QuarkusTest
class ReadingTheQueueTest {

  private static final TopicProbe events = DemoCases.events();

  @Inject ObjectMapper json;

  /** A new department per test keeps the queue to the cases the test makes. */
  private static String newDepartment() {
    String code = "UTIL-" + Long.toHexString(System.nanoTime()).toUpperCase();
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            "{\"departments\": [{\"code\": \"%s\", \"name\": \"测试公司\", \"kind\": \"UTILITY\"}]}"
                .formatted(code))
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
    return code;
  }

  /** A case that the asset's owner receives, and the deadline supervision sets for it. */
  private static UUID dispatched(String owner, Urgency urgency, String grid, Instant due) {
    UUID id = UUID.randomUUID();
    Location at =
        new Location(grid.substring(0, 6), grid.substring(0, 9), grid.substring(0, 12), grid);
    CaseReported reported =
        CaseReported.builder()
            .caseId(id)
            .caseNumber("20261123" + Math.abs(id.getLeastSignificantBits() % 10_000_000))
            .kind(CaseKind.COMPLAINT)
            .channel(Channel.HOTLINE)
            .categoryCode("0102")
            .urgency(urgency)
            .description("井盖缺失")
            .location(at)
            .assetCode("3399010102000001")
            .assetOwnerCode(owner)
            .reportedAt(Instant.now())
            .build();
    DemoCases.publish(events, reported);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, CaseDispatched.class), l -> !l.isEmpty());
    DeadlineSet deadline = new DeadlineSet(id, owner, "test", Instant.now(), due, null, due);
    events.send(
        Topics.SUPERVISION_CASES,
        id.toString(),
        DemoCases.CODEC.write(
            DemoCases.CODEC.envelope(deadline, Topics.SUPERVISION_SOURCE, Instant.now())));
    return id;
  }

  @Test
  void showsTheCaseDueFirstAtTheTopPagesWithTheTotalAndNarrowsByUrgencyAreaAndDueTime() {
    String department = newDepartment();
    Instant now = Instant.now();
    UUID later =
        dispatched(department, Urgency.NORMAL, "339901001001001", now.plus(Duration.ofDays(5)));
    UUID soon =
        dispatched(department, Urgency.URGENT, "339902001001001", now.plus(Duration.ofHours(2)));
    UUID middle =
        dispatched(department, Urgency.NORMAL, "339901001002003", now.plus(Duration.ofDays(1)));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                asStaffOf(department)
                    .get("/api/departments/" + department + "/queue")
                    .then()
                    .body("total", equalTo(3))
                    .body(
                        "items.caseId",
                        equalTo(List.of(soon.toString(), middle.toString(), later.toString()))));
    asStaffOf(department)
        .queryParam("size", 2)
        .get("/api/departments/" + department + "/queue")
        .then()
        .body("total", equalTo(3))
        .body("items.caseId", equalTo(List.of(soon.toString(), middle.toString())));
    asStaffOf(department)
        .queryParam("page", 1)
        .queryParam("size", 2)
        .get("/api/departments/" + department + "/queue")
        .then()
        .body("total", equalTo(3))
        .body("items.caseId", equalTo(List.of(later.toString())));
    asStaffOf(department)
        .queryParam("page", 5)
        .queryParam("size", 2)
        .get("/api/departments/" + department + "/queue")
        .then()
        .body("total", equalTo(3))
        .body("items", org.hamcrest.Matchers.empty());
    asStaffOf(department)
        .queryParam("urgency", "NORMAL")
        .get("/api/departments/" + department + "/queue")
        .then()
        .body("items.caseId", equalTo(List.of(middle.toString(), later.toString())));
    asStaffOf(department)
        .queryParam("area", "339901001")
        .get("/api/departments/" + department + "/queue")
        .then()
        .body("items.caseId", equalTo(List.of(middle.toString(), later.toString())));
    asStaffOf(department)
        .queryParam(
            "dueBefore", now.plus(Duration.ofDays(2)).atOffset(ZoneOffset.ofHours(8)).toString())
        .get("/api/departments/" + department + "/queue")
        .then()
        .body("items.caseId", equalTo(List.of(soon.toString(), middle.toString())));
  }

  @Test
  void findsACaseByItsNumberInItsDepartmentsQueueButNotInAnothers() {
    String department = newDepartment();
    String other = newDepartment();
    Instant due = Instant.now().plus(Duration.ofDays(1));
    UUID sought = dispatched(department, Urgency.NORMAL, "339901001001001", due);
    dispatched(department, Urgency.NORMAL, "339901001001001", due);
    String number =
        asStaffOf(department)
            .get("/api/cases/" + sought)
            .then()
            .statusCode(200)
            .extract()
            .path("caseNumber");

    asStaffOf(department)
        .queryParam("number", number)
        .get("/api/departments/" + department + "/queue")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items.caseId", equalTo(List.of(sought.toString())))
        .body("items[0].caseNumber", equalTo(number))
        .body("items[0].state", equalTo("DISPATCHED"));
    asStaffOf(other)
        .queryParam("number", number)
        .get("/api/departments/" + other + "/queue")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void refusesACaseNumberThatIsNoNumber() {
    asStaffOf("DRAINAGE")
        .queryParam("number", "2026' OR '1'='1")
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("number"));
    as("operator1")
        .queryParam("verifier", "HOTLINE")
        .queryParam("number", "12")
        .get("/api/verification-tasks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("number"));
  }

  @Test
  void documentsTheFilterByCaseNumberOnTheDepartmentsAndTheVerifiersQueues() {
    io.restassured.RestAssured.given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths.'/api/departments/{code}/queue'.get.parameters.name", hasItem("number"))
        .body("paths.'/api/verification-tasks'.get.parameters.name", hasItem("number"));
  }

  @Test
  void countsTheDepartmentsCasesByState() {
    String department = newDepartment();
    Instant due = Instant.now().plus(Duration.ofDays(1));
    UUID first = dispatched(department, Urgency.NORMAL, "339901001001001", due);
    dispatched(department, Urgency.NORMAL, "339901001001001", due);
    asStaffOf(department)
        .contentType(ContentType.JSON)
        .post("/api/departments/" + department + "/cases/" + first + "/sign")
        .then()
        .statusCode(200);

    asStaffOf(department)
        .get("/api/departments/" + department + "/queue/counts")
        .then()
        .body("DISPATCHED", equalTo(1))
        .body("SIGNED", equalTo(1))
        .body("CLOSED", equalTo(0));
  }

  @Test
  void refusesAnAreaThatIsNoAreaCode() {
    asStaffOf("DRAINAGE")
        .queryParam("area", "east' OR 1=1 --")
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("area"));
  }

  @Test
  void showsAQueueOnlyToItsOwnDepartmentAndToDispatchers() {
    String department = newDepartment();
    String other = newDepartment();
    dispatched(department, Urgency.NORMAL, "339901001001001", Instant.now().plusSeconds(3600));

    asStaffOf(other)
        .get("/api/departments/" + department + "/queue")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    asStaffOf(other).get("/api/departments/" + department + "/queue/counts").then().statusCode(403);
    as("dispatcher1")
        .get("/api/departments/" + department + "/queue")
        .then()
        .statusCode(200)
        .body("total", equalTo(1));
  }

  @Test
  void hidesAnotherDepartmentsCaseFromItsStaffAsIfItDidNotExist() {
    String department = newDepartment();
    UUID id =
        dispatched(department, Urgency.NORMAL, "339901001001001", Instant.now().plusSeconds(3600));

    asStaffOf("WATER").get("/api/cases/" + id).then().statusCode(404);
    asStaffOf("WATER").get("/api/cases/" + id + "/timeline").then().statusCode(404);
    asStaffOf(department).get("/api/cases/" + id).then().statusCode(200);
  }

  @Test
  void refusesAReaderWithoutATokenAsProblemJson() {
    io.restassured.RestAssured.given()
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer");
  }

  @Test
  void answersWriteQueueItemsWithTheLeanWriterThatQueueItemJsonTestHoldsToJacksonsOutput()
      throws Exception {
    assertThat(json.getSerializerProviderInstance().findValueSerializer(QueueItem.class))
        .isInstanceOf(QueueItemJson.class);
  }
}
