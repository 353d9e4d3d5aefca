package io.casegrid.dispatch.cases;

import static io.casegrid.dispatch.DemoCases.post;
import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intake merges a duplicate into another case: dispatch takes it out of the department's queue. */
@QuarkusTest
class ClosingMergedCasesTest {

  private static final TopicProbe events = DemoCases.events();

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static CaseReported cover() {
    return DemoCases.reported("0102", DemoCases.HUBIN, null);
  }

  private static CaseMerged merge(CaseReported surviving, CaseReported merged, int reporters) {
    return new CaseMerged(
        surviving.caseId(),
        surviving.caseNumber(),
        merged.caseId(),
        merged.caseNumber(),
        reporters,
        "operator1",
        Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  private static String state(UUID id) {
    return as("dispatcher1").get("/api/cases/" + id).then().extract().path("state");
  }

  // Every page of the drainage company's queue: other tests leave their cases in it too.
  private static List<String> drainageQueue() {
    List<String> ids = new java.util.ArrayList<>();
    for (int page = 0; ; page++) {
      JsonPath items =
          asStaffOf("DRAINAGE")
              .queryParam("size", 200)
              .queryParam("page", page)
              .get("/api/departments/DRAINAGE/queue")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<String> onPage = items.getList("items.caseId");
      ids.addAll(onPage);
      if (onPage.isEmpty() || ids.size() >= items.getLong("total")) {
        return ids;
      }
    }
  }

  private static JsonPath timeline(UUID id) {
    return as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void dispatchClosesAMergedCase() {
    CaseReported surviving = cover();
    CaseReported merged = cover();
    DemoCases.dispatched(surviving);
    DemoCases.dispatched(merged);
    post("/api/departments/DRAINAGE/cases/" + merged.caseId() + "/sign", null)
        .then()
        .statusCode(200);

    DemoCases.publish(events, merge(surviving, merged, 3));

    await().atMost(Duration.ofSeconds(20)).until(() -> "MERGED".equals(state(merged.caseId())));
    List<String> queue = drainageQueue();
    assertThat(queue).contains(surviving.caseId().toString());
    assertThat(queue).doesNotContain(merged.caseId().toString());
    JsonPath closed = timeline(merged.caseId());
    List<String> actions = closed.getList("action");
    assertThat(actions).endsWith("MERGE");
    int last = actions.size() - 1;
    assertThat(closed.getString("[" + last + "].from")).isEqualTo("SIGNED");
    assertThat(closed.getString("[" + last + "].to")).isEqualTo("MERGED");
    assertThat(closed.getString("[" + last + "].actor")).isEqualTo("operator1");
    assertThat(closed.getString("[" + last + "].reason")).contains(surviving.caseNumber());
    assertThat(timeline(surviving.caseId()).getList("reason", String.class))
        .anySatisfy(
            reason ->
                assertThat(reason).contains(merged.caseNumber()).contains("reporters now: 3"));
    post("/api/departments/DRAINAGE/cases/" + merged.caseId() + "/resolve", Map.of("result", "已补装"))
        .then()
        .statusCode(409);
  }

  @Test
  void aMergeReadBeforeTheReportKeepsTheCaseOutOfTheQueue() {
    CaseReported surviving = cover();
    CaseReported merged = cover();
    DemoCases.dispatched(surviving);

    DemoCases.publish(events, merge(surviving, merged, 2));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> timeline(surviving.caseId()).getList("action").contains("DUPLICATE_JOINED"));
    DemoCases.publish(events, merged);

    await().atMost(Duration.ofSeconds(20)).until(() -> "MERGED".equals(state(merged.caseId())));
    as("dispatcher1")
        .get("/api/cases/" + merged.caseId() + "/timeline")
        .then()
        .body("action", equalTo(List.of("MERGE")))
        .body("to", equalTo(List.of("MERGED")));
    assertThat(DemoCases.seen(events, merged.caseId(), CaseDispatched.class)).isEmpty();
  }
}
