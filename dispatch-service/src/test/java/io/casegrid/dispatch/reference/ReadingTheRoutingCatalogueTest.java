package io.casegrid.dispatch.reference;

import static io.casegrid.embedded.DemoUsers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseReported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A city writes the rules it actually has — "this goes to the office where it lies" (属地), for the
 * whole city or a district — reads them back with their effective dates, and sees in the preview
 * the chain of rules that decided.
 */
@QuarkusTest
class ReadingTheRoutingCatalogueTest {

  @BeforeEach
  void loadTheCity() {
    DemoCases.loadDepartmentsAndRouting();
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            """
            {
              "departments": [
                {"code": "CO-339901001001", "name": "桂花社区居委会", "kind": "TERRITORIAL",
                 "parentCode": "ST-339901001"}
              ],
              "territories": [
                {"communityCode": "339901001001", "departmentCode": "CO-339901001001"}
              ],
              "routingRules": [
                {"categoryCode": "E0901", "territorialOffice": "STREET"},
                {"categoryCode": "E0902", "departmentCode": "CITY_MANAGEMENT"},
                {"categoryCode": "E0902", "districtCode": "339901", "territorialOffice": "COMMUNITY",
                 "effectiveFrom": "2026-01-01T00:00:00+08:00"}
              ]
            }
            """)
        .put("/api/admin/reference-data")
        .then()
        .statusCode(200);
  }

  @Test
  void theRulesReadBackWithTheirScopeTargetAndEffectiveDates() {
    as("dispatcher1")
        .queryParam("category", "E0902")
        .queryParam("district", "339901")
        .get("/api/routing-rules")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2))
        .body("[0].districtCode", nullValue())
        .body("[0].departmentCode", equalTo("CITY_MANAGEMENT"))
        .body("[1].districtCode", equalTo("339901"))
        .body("[1].territorialOffice", equalTo("COMMUNITY"))
        .body("[1].effectiveFrom", equalTo("2025-12-31T16:00:00Z"))
        .body("[1].inEffect", equalTo(true));
    as("drainage1").get("/api/routing-rules").then().statusCode(403);
  }

  @Test
  void theTerritoriesReadBackForStreetsAndCommunities() {
    as("operator1")
        .get("/api/territories")
        .then()
        .statusCode(200)
        .body("find { it.areaCode == '339901001' }.departmentCode", equalTo("ST-339901001"))
        .body("find { it.areaCode == '339901001001' }.level", equalTo("COMMUNITY"));
  }

  @Test
  void thePreviewShowsTheDistrictsTerritorialRuleOverridingTheCitysAndTheOfficeItFound() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "categoryCode", "E0902",
                "districtCode", "339901",
                "streetCode", "339901001",
                "communityCode", "339901001001"))
        .post("/api/routing/preview")
        .then()
        .statusCode(200)
        .body("departmentCode", equalTo("CO-339901001001"))
        .body("basis", equalTo("ROUTING_CATALOGUE"))
        .body(
            "chain.step",
            equalTo(List.of("ASSET_OWNER", "DISTRICT_RULE", "CITY_RULE", "TERRITORIAL_OFFICE")))
        .body("chain[2].outcome", equalTo("OVERRIDDEN"))
        .body("chain[3].reference", equalTo("territory:339901001001"));
  }

  @Test
  void aCaseOfACategoryRoutedToItsTerritoryReachesTheOfficeOfItsStreet() {
    CaseReported garbage = DemoCases.reported("E0901", DemoCases.HUBIN, null);

    DemoCases.dispatched(garbage);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                as("dispatcher1")
                    .get("/api/cases/" + garbage.caseId())
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("ST-339901001"))
                    .body("ruleReference", startsWith("catalogue:E0901@city"))
                    .body("ruleReference", endsWith("->territory:339901001")));
    org.assertj.core.api.Assertions.assertThat(
            DemoCases.seen(DemoCases.events(), garbage.caseId(), CaseDispatched.class))
        .extracting(CaseDispatched::basis)
        .contains(io.casegrid.events.RoutingBasis.ROUTING_CATALOGUE);
  }
}
