package io.casegrid.dispatch.reference;

import static io.casegrid.embedded.DemoUsers.as;
import static io.casegrid.embedded.DemoUsers.asStaffOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.Location;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Departments have a hierarchy (a district's bureaus and streets, a utility's branches): shown as a
 * tree, routed to where the catalogue names a branch, and read by a department's lead as a whole.
 */
@QuarkusTest
class DepartmentHierarchyTest {

  private static final Location XISHAN =
      new Location("339902", "339902001", "339902001001", "339902001001001");

  private String branch;
  private String category;

  /** A branch of DRAINAGE of this test's own, which the catalogue names for Donghu district. */
  @BeforeEach
  void loadABranchOfTheDrainageCompany() {
    DemoCases.loadDepartmentsAndRouting();
    String run = Long.toHexString(System.nanoTime()).toUpperCase();
    branch = "DRAINAGE-" + run;
    category = "X" + run.substring(run.length() - 10);
    load(
            List.of(department(branch, "排水公司东湖分公司", "DRAINAGE")),
            List.of(
                Map.of("categoryCode", category, "departmentCode", "DRAINAGE"),
                Map.of(
                    "categoryCode", category, "districtCode", "339901", "departmentCode", branch)))
        .then()
        .statusCode(200);
  }

  private static Map<String, Object> department(String code, String name, String parent) {
    return Map.of("code", code, "name", name, "kind", "UTILITY", "parentCode", parent);
  }

  private static Response load(List<Map<String, Object>> departments, List<Map<String, ?>> rules) {
    return as("admin1")
        .contentType(ContentType.JSON)
        .body(Map.of("departments", departments, "routingRules", rules))
        .put("/api/admin/reference-data");
  }

  private UUID dispatched(Location at) {
    UUID id = UUID.randomUUID();
    return DemoCases.dispatched(
        CaseReported.builder()
            .caseId(id)
            .caseNumber("20261123" + Math.abs(id.getLeastSignificantBits() % 10_000_000))
            .kind(CaseKind.COMPLAINT)
            .channel(Channel.HOTLINE)
            .categoryCode(category)
            .urgency(Urgency.NORMAL)
            .description("雨水管道堵塞")
            .location(at)
            .reportedAt(Instant.now())
            .build());
  }

  private static String departmentOf(UUID id) {
    return as("dispatcher1").get("/api/cases/" + id).then().extract().path("departmentCode");
  }

  @Test
  void showsTheDepartmentsAsATreeWithEachDistrictsStreetsBelowIt() {
    as("dispatcher1")
        .get("/api/departments")
        .then()
        .statusCode(200)
        .body(
            "departments.find { it.code == 'GOV-339901' }.subDepartments.code",
            hasItem("ST-339901001"))
        .body("departments.code", hasItem("DRAINAGE"))
        .body("departments.code", not(hasItem(branch)));

    asStaffOf("DRAINAGE")
        .queryParam("under", "DRAINAGE")
        .get("/api/departments")
        .then()
        .statusCode(200)
        .body("departments.code", contains("DRAINAGE"))
        .body("departments[0].subDepartments.code", hasItem(branch))
        .body(
            "departments[0].subDepartments.find { it.code == '" + branch + "' }.name",
            equalTo("排水公司东湖分公司"));
    as("operator1").queryParam("under", "NOBODY").get("/api/departments").then().statusCode(404);
  }

  @Test
  void sendsACaseToTheBranchTheCatalogueNamesForItsDistrictAndToTheCompanyElsewhere() {
    UUID inDonghu = dispatched(DemoCases.HUBIN);
    UUID inXishan = dispatched(XISHAN);

    assertThat(departmentOf(inDonghu)).isEqualTo(branch);
    assertThat(departmentOf(inXishan)).isEqualTo("DRAINAGE");
    as("dispatcher1")
        .get("/api/cases/" + inDonghu)
        .then()
        .body("basis", equalTo("ROUTING_CATALOGUE"))
        .body("ruleReference", startsWith("catalogue:" + category + "@339901"));
  }

  @Test
  void showsTheLeadTheQueuesOfTheDepartmentsBelowItsOwn() {
    UUID atBranch = dispatched(DemoCases.HUBIN);
    UUID atCompany = dispatched(XISHAN);

    as("drainage-lead")
        .queryParam("category", category)
        .queryParam("scope", "WITH_SUB_DEPARTMENTS")
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(200)
        .body("items.caseId", containsInAnyOrder(atBranch.toString(), atCompany.toString()))
        .body("items.departmentCode", containsInAnyOrder(branch, "DRAINAGE"));
    as("drainage-lead")
        .queryParam("category", category)
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .body("items.caseId", contains(atCompany.toString()));
    int own = dispatchedCount("drainage-lead", "OWN");
    assertThat(dispatchedCount("drainage-lead", "WITH_SUB_DEPARTMENTS") - own).isEqualTo(1);
    as("drainage-lead").get("/api/cases/" + atBranch).then().statusCode(200);
    as("drainage-lead").get("/api/cases/" + atBranch + "/timeline").then().statusCode(200);
  }

  private static int dispatchedCount(String user, String scope) {
    return as(user)
        .queryParam("scope", scope)
        .get("/api/departments/DRAINAGE/queue/counts")
        .then()
        .statusCode(200)
        .extract()
        .path("DISPATCHED");
  }

  @Test
  void keepsTheBranchesQueuesFromStaffAndOtherLeadsAndTheirWorkToTheBranch() {
    UUID atBranch = dispatched(DemoCases.HUBIN);

    as("drainage1")
        .queryParam("scope", "WITH_SUB_DEPARTMENTS")
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:lead-only"));
    as("drainage1").get("/api/cases/" + atBranch).then().statusCode(404);
    as("water-lead").get("/api/cases/" + atBranch).then().statusCode(404);
    as("water-lead")
        .queryParam("scope", "WITH_SUB_DEPARTMENTS")
        .get("/api/departments/DRAINAGE/queue")
        .then()
        .statusCode(403);
    as("drainage-lead")
        .contentType(ContentType.JSON)
        .post("/api/departments/" + branch + "/cases/" + atBranch + "/sign")
        .then()
        .statusCode(403);

    asStaffOf(branch)
        .contentType(ContentType.JSON)
        .post("/api/departments/" + branch + "/cases/" + atBranch + "/sign")
        .then()
        .statusCode(200)
        .body("state", equalTo("SIGNED"));
  }

  @Test
  void refusesAParentThatIsUnknownOrMakesADepartmentItsOwnAncestorAndLoadsNothing() {
    String run = Long.toHexString(System.nanoTime()).toUpperCase();
    String first = "A-" + run;
    String second = "B-" + run;

    load(List.of(department(first, "甲", "NOBODY")), List.of())
        .then()
        .statusCode(400)
        .body("errors.field", contains("departments[0].parentCode"));
    load(List.of(department(first, "甲", second), department(second, "乙", first)), List.of())
        .then()
        .statusCode(400)
        .body("errors.field", contains("departments[0].parentCode", "departments[1].parentCode"));
    load(List.of(department("DRAINAGE", "排水公司", branch)), List.of())
        .then()
        .statusCode(400)
        .body("errors.field", contains("departments[0].parentCode"));

    as("admin1").queryParam("under", first).get("/api/departments").then().statusCode(404);
    as("admin1")
        .queryParam("under", "DRAINAGE")
        .get("/api/departments")
        .then()
        .body("departments[0].parentCode", equalTo(null));
  }
}
