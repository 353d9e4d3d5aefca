package io.casegrid.dispatch.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CoHandlingReported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Illegal building in Donghu: the district's city management leads, housing co-handles (协办). */
@QuarkusTest
class CoHandlingTest {

  private static final TopicProbe events = DemoCases.events();

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static UUID illegalBuilding() {
    CaseReported building = DemoCases.reported("E0402", DemoCases.HUBIN, null);
    DemoCases.publish(events, building);
    List<CaseDispatched> dispatched =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> DemoCases.seen(events, building.caseId(), CaseDispatched.class),
                l -> !l.isEmpty());
    assertThat(dispatched.get(0).departmentCode()).isEqualTo("CM-339901");
    assertThat(dispatched.get(0).coHandlerCodes()).containsExactly("HOUSING");
    return building.caseId();
  }

  private static String openTaskOfHousing(UUID caseId) {
    return as("dispatcher1")
        .get("/api/cases/" + caseId + "/co-handling")
        .then()
        .statusCode(200)
        .body("departmentCode", equalTo(List.of("HOUSING")))
        .body("state", equalTo(List.of("OPEN")))
        .extract()
        .path("[0].id");
  }

  private static io.restassured.response.Response report(String department, String task) {
    return asStaffOf(department)
        .contentType(ContentType.JSON)
        .body(Map.of("report", "已核实该建筑无规划许可"))
        .post("/api/departments/" + department + "/co-handling/" + task + "/report");
  }

  @Test
  void givesTheCoHandlerATaskThatReportsIntoTheLeadCase() {
    UUID id = illegalBuilding();
    String task = openTaskOfHousing(id);
    asStaffOf("HOUSING")
        .get("/api/departments/HOUSING/co-handling")
        .then()
        .body("id", hasItem(task));

    report("HOUSING", task).then().statusCode(200).body("state", equalTo("REPORTED"));

    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .body("action", equalTo(List.of("DISPATCH", "CO_HANDLING_REPORT")))
        .body("departmentCode", equalTo(List.of("CM-339901", "HOUSING")));
    as("dispatcher1").get("/api/cases/" + id).then().body("departmentCode", equalTo("CM-339901"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> DemoCases.seen(events, id, CoHandlingReported.class), l -> l.size() == 1);
    report("HOUSING", task).then().statusCode(409);
  }

  @Test
  void letsOnlyTheCoHandlerReportOnItsTask() {
    UUID id = illegalBuilding();
    String task = openTaskOfHousing(id);

    report("DRAINAGE", task).then().statusCode(403);
    report("HOUSING", UUID.randomUUID().toString()).then().statusCode(404);
  }

  @Test
  void cancelsOpenTasksWhenTheLeadReturnsTheCase() {
    UUID id = illegalBuilding();
    openTaskOfHousing(id);

    asStaffOf("CM-339901")
        .contentType(ContentType.JSON)
        .body(Map.of("reasonCode", "NOT_OUR_AREA", "reason", "属于开发区管辖"))
        .post("/api/departments/CM-339901/cases/" + id + "/return")
        .then()
        .statusCode(200);

    as("dispatcher1")
        .get("/api/cases/" + id + "/co-handling")
        .then()
        .body("state", equalTo(List.of("CANCELLED")));
  }
}
