package io.casegrid.dispatch.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.events.CaseReported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A case is read with the names people know beside its codes — its category, its place (the grid
 * with its community and street) and its department — and its timeline says which rule, for which
 * category, sent it to which department, instead of the raw rule reference.
 */
@QuarkusTest
class ReadingCasesByNameTest {

  @BeforeEach
  void theCityWithItsNames() {
    DemoCases.loadDepartmentsAndRouting();
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "departments": [{"code": "DRAINAGE", "name": "示范市排水公司",
                               "nameEn": "Demo City Drainage Co.", "kind": "UTILITY"}],
              "categories": [{"code": "0102", "name": "污水井盖", "nameEn": "Sewage manhole cover"}],
              "areas": [
                {"code": "339901001", "name": "湖滨街道", "nameEn": "Hubin Subdistrict"},
                {"code": "339901001001", "name": "桂花社区", "nameEn": "Guihua Community"},
                {"code": "339901001001001", "name": "第1网格", "nameEn": "Grid 1"}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  @Test
  void aCaseIsReadWithTheNamesOfItsCategoryPlaceAndDepartment() {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    UUID id = DemoCases.dispatched(cover);

    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("category.name", equalTo("污水井盖"))
        .body("category.nameEn", equalTo("Sewage manhole cover"))
        .body("place.code", equalTo("339901001001001"))
        .body("place.name", equalTo("湖滨街道桂花社区第1网格"))
        .body("place.nameEn", equalTo("Hubin Subdistrict, Guihua Community, Grid 1"))
        .body("department.name", equalTo("示范市排水公司"));
  }

  @Test
  void theTimelineSaysWhichRuleForWhichCategorySentTheCaseWhere() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, null));

    as("dispatcher1")
        .get("/api/cases/" + id + "/timeline")
        .then()
        .statusCode(200)
        .body("find { it.action == 'DISPATCH' }.routed.kind", equalTo("CATALOGUE"))
        .body("find { it.action == 'DISPATCH' }.routed.category.name", equalTo("污水井盖"))
        .body("find { it.action == 'DISPATCH' }.routed.district", nullValue())
        .body("find { it.action == 'DISPATCH' }.routed.effectiveFrom", nullValue())
        .body("find { it.action == 'DISPATCH' }.department.name", equalTo("示范市排水公司"))
        .body("reason", hasItem("catalogue:0102@city"));
  }

  @Test
  void aCodeTheCityNamedNotIsReadAsItsCodeAlone() {
    UUID id =
        DemoCases.dispatched(
            DemoCases.reported(
                "0102",
                new io.casegrid.events.Location("339901", "339901009", null, "339901009001001"),
                null));

    as("dispatcher1")
        .get("/api/cases/" + id)
        .then()
        .statusCode(200)
        .body("place.code", equalTo("339901009001001"))
        .body("place.name", nullValue());
  }
}
