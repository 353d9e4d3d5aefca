package io.casegrid.dispatch.cases;

import static io.casegrid.dispatch.DemoCases.post;
import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.ApprovalRequested;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.RequestKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extensions (延期) and parking (挂账): a department asks, a dispatcher decides. */
@QuarkusTest
class ApprovalsTest {

  private static final TopicProbe events = DemoCases.events();

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static UUID signedByDrainage() {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    DemoCases.dispatched(cover);
    post("/api/departments/DRAINAGE/cases/" + cover.caseId() + "/sign", null)
        .then()
        .statusCode(200);
    return cover.caseId();
  }

  private static String ask(UUID id, String kind, OffsetDateTime until) {
    Map<String, Object> body =
        until == null
            ? Map.of("kind", kind, "reason", "需协调道路开挖许可")
            : Map.of("kind", kind, "reason", "需协调道路开挖许可", "until", until.toString());
    return post("/api/departments/DRAINAGE/cases/" + id + "/approval-requests", body)
        .then()
        .statusCode(200)
        .body("status", equalTo("PENDING"))
        .extract()
        .path("id");
  }

  @Test
  void grantsAnExtensionTheDepartmentAskedFor() {
    UUID id = signedByDrainage();
    OffsetDateTime until = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withNano(0);
    String request = ask(id, "EXTENSION", until);

    post(
            "/api/departments/DRAINAGE/cases/" + id + "/approval-requests",
            Map.of("kind", "EXTENSION", "reason", "again", "until", until.toString()))
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:casegrid:problem:request-pending"));
    String number = as("dispatcher1").get("/api/cases/" + id).then().extract().path("caseNumber");
    as("dispatcher1")
        .get("/api/approval-requests")
        .then()
        .body("id", hasItem(request))
        .body("find { it.id == '" + request + "' }.caseNumber", equalTo(number));

    post(
            "/api/approval-requests/" + request + "/decision",
            Map.of("approved", true, "reason", "同意"))
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"))
        .body("decidedBy", equalTo("dispatcher1"));
    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .body("state", equalTo("SIGNED"))
        .body("extendedUntil", equalTo(until.toString()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, ApprovalDecided.class), l -> l.size() == 1);
    assertThat(DemoCases.seen(events, id, ApprovalRequested.class))
        .singleElement()
        .satisfies(r -> assertThat(r.kind()).isEqualTo(RequestKind.EXTENSION));
    assertThat(DemoCases.seen(events, id, ApprovalDecided.class).get(0).approved()).isTrue();
    post(
            "/api/approval-requests/" + request + "/decision",
            Map.of("approved", false, "reason", "x"))
        .then()
        .statusCode(409);
  }

  @Test
  void answersARetriedRequestWithTheRequestItMadeOnce() {
    UUID id = signedByDrainage();
    String key = UUID.randomUUID().toString();

    List<String> answered = new ArrayList<>();
    for (int attempt = 0; attempt < 2; attempt++) {
      answered.add(
          asStaffOf("DRAINAGE")
              .header("Idempotency-Key", key)
              .contentType(ContentType.JSON)
              .body(Map.of("kind", "PARKING", "reason", "等待拆迁"))
              .post("/api/departments/DRAINAGE/cases/" + id + "/approval-requests")
              .then()
              .statusCode(200)
              .body("status", equalTo("PENDING"))
              .extract()
              .path("id"));
    }
    String first = answered.get(0);
    assertThat(answered).containsOnly(first);

    // The case's events come in order: a second request would stand before the decision.
    post(
            "/api/approval-requests/" + first + "/decision",
            Map.of("approved", false, "reason", "不同意"))
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, ApprovalDecided.class), l -> !l.isEmpty());
    assertThat(DemoCases.seen(events, id, ApprovalRequested.class)).hasSize(1);
  }

  @Test
  void refusesAnExtensionWithoutANewDateInTheFuture() {
    UUID id = signedByDrainage();

    post(
            "/api/departments/DRAINAGE/cases/" + id + "/approval-requests",
            Map.of("kind", "EXTENSION", "reason", "需要更多时间"))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("until"));
    post(
            "/api/departments/DRAINAGE/cases/" + id + "/approval-requests",
            Map.of(
                "kind", "EXTENSION",
                "reason", "需要更多时间",
                "until", OffsetDateTime.now().minusDays(1).toString()))
        .then()
        .statusCode(422);
    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .body("action", equalTo(List.of("DISPATCH", "SIGN")));
  }

  @Test
  void parksACaseWithApprovalStopsWorkOnItAndResumesIt() {
    UUID id = signedByDrainage();
    String request = ask(id, "PARKING", null);

    post(
            "/api/approval-requests/" + request + "/decision",
            Map.of("approved", true, "reason", "雨季暂缓"))
        .then()
        .statusCode(200);
    as("dispatcher1").get("/api/cases/" + id).then().body("state", equalTo("PARKED"));
    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "done"))
        .then()
        .statusCode(409);

    post("/api/departments/DRAINAGE/cases/" + id + "/resume", null)
        .then()
        .statusCode(200)
        .body("state", equalTo("SIGNED"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, CaseResumed.class), l -> l.size() == 1);
  }

  @Test
  void keepsTheCaseWorkingWhenParkingIsRefused() {
    UUID id = signedByDrainage();
    String request = ask(id, "PARKING", null);

    post(
            "/api/approval-requests/" + request + "/decision",
            Map.of("approved", false, "reason", "不符合缓办条件"))
        .then()
        .statusCode(200)
        .body("status", equalTo("REFUSED"));
    as("dispatcher1").get("/api/cases/" + id).then().body("state", equalTo("SIGNED"));
  }

  @Test
  void withdrawsAPendingRequestWhenTheCaseIsResolvedMeanwhile() {
    UUID id = signedByDrainage();
    String request = ask(id, "EXTENSION", OffsetDateTime.now().plusDays(2));

    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已修复"))
        .then()
        .statusCode(200);

    as("dispatcher1")
        .get("/api/approval-requests?status=WITHDRAWN")
        .then()
        .body("id", hasItem(request));
    post(
            "/api/approval-requests/" + request + "/decision",
            Map.of("approved", true, "reason", "ok"))
        .then()
        .statusCode(409);
  }

  @Test
  void letsOnlyTheCasesDepartmentAsk() {
    UUID id = signedByDrainage();

    post(
            "/api/departments/HEATING/cases/" + id + "/approval-requests",
            Map.of("kind", "PARKING", "reason", "x"))
        .then()
        .statusCode(403);
    post(
            "/api/approval-requests/" + UUID.randomUUID() + "/decision",
            Map.of("approved", true, "reason", "x"))
        .then()
        .statusCode(404);
  }
}
