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
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.Channel;
import io.casegrid.events.RoutingBasis;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkingACaseTest {

  private static final TopicProbe events = DemoCases.events();

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  /** A sewage cover case without an owner: routing sends it to DRAINAGE by the catalogue. */
  private static UUID dispatchedToDrainage() {
    return dispatchedToDrainage(Channel.HOTLINE);
  }

  private static UUID dispatchedToDrainage(Channel channel) {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null, channel);
    DemoCases.dispatched(cover);
    return cover.caseId();
  }

  private static String state(UUID id) {
    return as("dispatcher1").get("/api/cases/" + id).then().statusCode(200).extract().path("state");
  }

  @Test
  void signsResolvesAndClosesACaseKeepingEveryStepInTheTimeline() {
    UUID id = dispatchedToDrainage();

    post("/api/departments/DRAINAGE/cases/" + id + "/sign", null)
        .then()
        .statusCode(200)
        .body("state", equalTo("SIGNED"));
    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已补装新井盖"))
        .then()
        .statusCode(200)
        .body("state", equalTo("RESOLVED"))
        .body("result", equalTo("已补装新井盖"));
    post("/api/cases/" + id + "/verification", Map.of("passed", true))
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED"));

    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .statusCode(200)
        .body("action", equalTo(List.of("DISPATCH", "SIGN", "RESOLVE", "PASS_VERIFICATION")))
        .body("actor", equalTo(List.of("routing", "drainage1", "drainage1", "operator1")))
        .body("to", equalTo(List.of("DISPATCHED", "SIGNED", "RESOLVED", "CLOSED")));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !DemoCases.seen(events, id, CaseClosed.class).isEmpty());
    assertThat(DemoCases.seen(events, id, CaseSigned.class)).hasSize(1);
  }

  @Test
  void refusesToResolveACaseNeverSignedForAndChangesNothing() {
    UUID id = dispatchedToDrainage();

    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "done"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:illegal-transition"));
    assertThat(state(id)).isEqualTo("DISPATCHED");
  }

  @Test
  void refusesToSignTwice() {
    UUID id = dispatchedToDrainage();
    post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);

    post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(409);
  }

  @Test
  void refusesToLetAnotherDepartmentActOnTheCase() {
    UUID id = dispatchedToDrainage();

    post("/api/departments/HEATING/cases/" + id + "/sign", null)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(state(id)).isEqualTo("DISPATCHED");
  }

  @Test
  void letsOnlyTheCasesOwnVerifierVerifyItAndChangesNothingForAnother() {
    UUID citizens = dispatchedToDrainage(Channel.HOTLINE);
    UUID inspectors = dispatchedToDrainage(Channel.GRID_INSPECTOR);
    for (UUID id : List.of(citizens, inspectors)) {
      post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);
      post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已处理"))
          .then()
          .statusCode(200);
    }

    as("inspector1")
        .contentType(ContentType.JSON)
        .body(Map.of("passed", true))
        .post("/api/cases/" + citizens + "/verification")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:other-verifier"));
    as("operator1")
        .contentType(ContentType.JSON)
        .body(Map.of("passed", true))
        .post("/api/cases/" + inspectors + "/verification")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:casegrid:problem:other-verifier"));
    assertThat(state(citizens)).isEqualTo("RESOLVED");
    assertThat(state(inspectors)).isEqualTo("RESOLVED");

    as("inspector1")
        .contentType(ContentType.JSON)
        .body(Map.of("passed", true))
        .post("/api/cases/" + inspectors + "/verification")
        .then()
        .statusCode(200)
        .body("state", equalTo("CLOSED"));
    as("inspector1")
        .contentType(ContentType.JSON)
        .body(Map.of("passed", true))
        .post("/api/cases/" + UUID.randomUUID() + "/verification")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void reopensAFailedVerificationToTheSameDepartmentAndCountsTheRework() {
    UUID id = dispatchedToDrainage();
    post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);
    post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已处理"))
        .then()
        .statusCode(200);

    post("/api/cases/" + id + "/verification", Map.of("passed", false))
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("reason"));
    post("/api/cases/" + id + "/verification", Map.of("passed", false, "reason", "井盖仍松动"))
        .then()
        .statusCode(200)
        .body("state", equalTo("SIGNED"))
        .body("departmentCode", equalTo("DRAINAGE"))
        .body("reworkCount", equalTo(1));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, CaseReopened.class), l -> l.size() == 1);
  }

  @Test
  void sendsAWronglyRoutedCaseToTheOwnerTheDepartmentNames() {
    UUID id = dispatchedToDrainage();

    post(
            "/api/departments/DRAINAGE/cases/" + id + "/return",
            Map.of(
                "reasonCode", "NOT_OUR_ASSET",
                "reason", "该井为热力管廊检查井",
                "suggestedOwnerCode", "HEATING"))
        .then()
        .statusCode(200)
        .body("state", equalTo("DISPATCHED"))
        .body("departmentCode", equalTo("HEATING"))
        .body("basis", equalTo("NAMED_ON_RETURN"))
        .body("returnCount", equalTo(1));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, CaseDispatched.class), l -> l.size() == 2);
    assertThat(DemoCases.seen(events, id, CaseDispatched.class).get(1).basis())
        .isEqualTo(RoutingBasis.NAMED_ON_RETURN);
    assertThat(DemoCases.seen(events, id, CaseReturned.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.departmentCode()).isEqualTo("DRAINAGE");
              assertThat(r.placedBy()).isEqualTo(RoutingBasis.ROUTING_CATALOGUE);
            });
    post("/api/departments/HEATING/cases/" + id + "/sign", null).then().statusCode(200);
  }

  @Test
  void leavesACaseRoutingCanOnlySendBackToTheDispatcherWhoPlacesIt() {
    UUID id = dispatchedToDrainage();

    post(
            "/api/departments/DRAINAGE/cases/" + id + "/return",
            Map.of("reasonCode", "NOT_OUR_AREA", "reason", "不在我司服务范围"))
        .then()
        .statusCode(200)
        .body("state", equalTo("AWAITING_ARBITRATION"));
    post(
            "/api/arbitration/" + id + "/assignment",
            Map.of("departmentCode", "NOBODY", "reason", "x"))
        .then()
        .statusCode(422);
    post(
            "/api/arbitration/" + id + "/assignment",
            Map.of("departmentCode", "HEATING", "reason", "现场核实为热力井"))
        .then()
        .statusCode(200)
        .body("state", equalTo("DISPATCHED"))
        .body("departmentCode", equalTo("HEATING"))
        .body("basis", equalTo("MANUAL"));
  }

  @Test
  void appliesARetriedCommandOnceWhenItCarriesTheSameIdempotencyKey() {
    UUID id = dispatchedToDrainage();
    String key = UUID.randomUUID().toString();

    for (int attempt = 0; attempt < 3; attempt++) {
      asStaffOf("DRAINAGE")
          .header("Idempotency-Key", key)
          .contentType(ContentType.JSON)
          .post("/api/departments/DRAINAGE/cases/" + id + "/sign")
          .then()
          .statusCode(200)
          .body("state", equalTo("SIGNED"));
    }

    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .body("action", equalTo(List.of("DISPATCH", "SIGN")));
    UUID other = dispatchedToDrainage();
    asStaffOf("DRAINAGE")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .post("/api/departments/DRAINAGE/cases/" + other + "/sign")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("Idempotency-Key"));
  }

  @Test
  void treatsAnotherUsersCommandWithTheSameKeyAsACommandOfItsOwn() {
    UUID id = dispatchedToDrainage();
    String key = UUID.randomUUID().toString();
    as("drainage1")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .post("/api/departments/DRAINAGE/cases/" + id + "/sign")
        .then()
        .statusCode(200);

    as("drainage-lead")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .post("/api/departments/DRAINAGE/cases/" + id + "/sign")
        .then()
        .statusCode(409);
    as("water1")
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .post("/api/departments/WATER/cases/" + id + "/sign")
        .then()
        .statusCode(403)
        .body("type", equalTo("urn:casegrid:problem:not-your-case"));
  }

  @Test
  void letsOnlyOneOfTwoClerksSigningAtOnceWin() throws Exception {
    List<UUID> cases = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cases.add(dispatchedToDrainage());
    }
    for (UUID id : cases) {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Integer>> clerks = new ArrayList<>();
      for (int clerk = 0; clerk < 2; clerk++) {
        clerks.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).statusCode();
                }));
      }
      start.countDown();
      List<Integer> answers = new ArrayList<>();
      for (CompletableFuture<Integer> clerk : clerks) {
        answers.add(clerk.get());
      }

      assertThat(answers).containsExactlyInAnyOrder(200, 409);
      as("dispatcher1")
          .get("/api/cases/" + id + "/timeline")
          .then()
          .body("action", equalTo(List.of("DISPATCH", "SIGN")));
    }
  }

  @Test
  void givesACitizensRepairToTheHotlineAndAnInspectorsToTheInspectorOfTheGrid() {
    UUID citizens = dispatchedToDrainage(Channel.HOTLINE);
    UUID inspectors = dispatchedToDrainage(Channel.GRID_INSPECTOR);
    for (UUID id : List.of(citizens, inspectors)) {
      post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);
      post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已修复"))
          .then()
          .statusCode(200);
    }

    List<String> hotline =
        as("dispatcher1")
            .queryParam("verifier", "HOTLINE")
            .queryParam("size", 200)
            .get("/api/verification-tasks")
            .then()
            .statusCode(200)
            .extract()
            .path("items.caseId");
    List<String> inspector =
        as("dispatcher1")
            .queryParam("verifier", "GRID_INSPECTOR")
            .queryParam("area", DemoCases.HUBIN.gridCode())
            .queryParam("size", 200)
            .get("/api/verification-tasks")
            .then()
            .statusCode(200)
            .extract()
            .path("items.caseId");
    assertThat(hotline).contains(citizens.toString()).doesNotContain(inspectors.toString());
    assertThat(inspector).contains(inspectors.toString()).doesNotContain(citizens.toString());
    as("dispatcher1")
        .queryParam("verifier", "GRID_INSPECTOR")
        .queryParam("area", "339902")
        .queryParam("size", 200)
        .get("/api/verification-tasks")
        .then()
        .body("items.caseId", org.hamcrest.Matchers.not(hasItem(inspectors.toString())));
  }

  @Test
  void findsARepairWaitingForVerificationByItsCaseNumber() {
    // A number no other case of the test database has: the hotline's queue holds them all.
    CaseReported sought =
        DemoCases.reported("0102", DemoCases.HUBIN, null, Channel.HOTLINE).toBuilder()
            .caseNumber("20261207" + System.nanoTime() % 1_000_000_000_000L)
            .build();
    DemoCases.dispatched(sought);
    UUID other = dispatchedToDrainage(Channel.HOTLINE);
    for (UUID id : List.of(sought.caseId(), other)) {
      post("/api/departments/DRAINAGE/cases/" + id + "/sign", null).then().statusCode(200);
      post("/api/departments/DRAINAGE/cases/" + id + "/resolve", Map.of("result", "已修复"))
          .then()
          .statusCode(200);
    }

    as("operator1")
        .queryParam("verifier", "HOTLINE")
        .queryParam("number", sought.caseNumber())
        .get("/api/verification-tasks")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items.caseId", equalTo(List.of(sought.caseId().toString())))
        .body("items[0].state", equalTo("RESOLVED"));
    as("operator1")
        .queryParam("verifier", "GRID_INSPECTOR")
        .queryParam("number", sought.caseNumber())
        .get("/api/verification-tasks")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void answersAnUnknownCaseWith404() {
    post("/api/departments/DRAINAGE/cases/" + UUID.randomUUID() + "/sign", null)
        .then()
        .statusCode(404);
    as("dispatcher1").get("/api/cases/" + UUID.randomUUID() + "/timeline").then().statusCode(404);
  }
}
