package io.casegrid.intake.assets;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A caller stands at a cover without its code: the registered covers of the category nearby are
 * suggested, the nearest first, and the only one right there is taken with its owner; the case says
 * how its asset was found. The register reads back by code, by area and near a point.
 */
@QuarkusTest
class FindingTheAssetFromThePositionTest {

  // A cover of the demo city owned by the drainage company, and where it lies.
  private static final String COVER = "3399010102000002";
  private static final double LAT = 30.202386;
  private static final double LON = 120.101998;

  @BeforeEach
  void loadTheDemoCity() {
    DemoCity.load(
        "intake",
        RestAssured.baseURI + ":" + RestAssured.port,
        TestInfrastructure.shared().tokens().forUser("admin1"));
  }

  private static ValidatableResponse register(
      double lat, double lon, String assetCode, String foundBy) {
    Map<String, Object> body = new HashMap<>();
    body.put("kind", "COMPLAINT");
    body.put("channel", "HOTLINE");
    body.put("categoryCode", "0102");
    body.put("description", "井盖缺失");
    body.put("position", Map.of("latitude", lat, "longitude", lon));
    body.put("reporter", Map.of("anonymous", true));
    if (assetCode != null) {
      body.put("assetCode", assetCode);
    }
    if (foundBy != null) {
      body.put("assetFoundBy", foundBy);
    }
    return as("operator1").contentType(ContentType.JSON).body(body).post("/api/cases").then();
  }

  @Test
  void aCoverReportedAtItsExactPositionWithoutItsCodeIsTakenWithItsOwner() {
    register(LAT, LON, null, null)
        .statusCode(201)
        .body("assetCode", equalTo(COVER))
        .body("assetOwnerCode", equalTo("DRAINAGE"))
        .body("assetFoundBy", equalTo("POSITION"));
  }

  @Test
  void aReportWhereNoCoverLiesCloseEnoughTakesNone() {
    register(LAT + 0.001, LON, null, null)
        .statusCode(201)
        .body("assetCode", nullValue())
        .body("assetFoundBy", nullValue());
  }

  @Test
  void theCoversNearbyAreSuggestedTheNearestFirstAndTheOperatorsChoiceIsRecordedAsSuch() {
    as("operator1")
        .queryParam("latitude", LAT + 0.0001)
        .queryParam("longitude", LON)
        .queryParam("category", "0102")
        .get("/api/assets/near")
        .then()
        .statusCode(200)
        .body("radiusMetres", equalTo(30))
        .body("assets[0].asset.code", equalTo(COVER))
        .body("assets[0].distanceMetres", lessThanOrEqualTo(12))
        .body("assets[0].location.gridCode", equalTo("339901001001002"));

    register(LAT + 0.0001, LON, COVER, "SUGGESTION")
        .statusCode(201)
        .body("assetFoundBy", equalTo("SUGGESTION"))
        .body("assetOwnerCode", equalTo("DRAINAGE"));
    register(LAT + 0.0001, LON, COVER, null).statusCode(201).body("assetFoundBy", equalTo("CODE"));
    register(LAT, LON, null, "SUGGESTION").statusCode(400);
  }

  @Test
  void theRegisterReadsBackByCodeAndByArea() {
    as("dispatcher1")
        .get("/api/assets/" + COVER)
        .then()
        .statusCode(200)
        .body("asset.ownerDepartmentCode", equalTo("DRAINAGE"))
        .body("location.streetCode", equalTo("339901001"));
    as("drainage1").get("/api/assets/3399019999999999").then().statusCode(404);
    as("inspector1")
        .queryParam("area", "339901001")
        .queryParam("category", "0102")
        .queryParam("size", 1000)
        .get("/api/assets")
        .then()
        .statusCode(200)
        .body("assets.asset.code", hasItem(COVER))
        .body("assets.size()", greaterThan(1))
        .body("next", nullValue());
  }

  @Test
  void theAreasReadBackAsATreeOneByOneAndAsGeoJson() {
    as("supervisor1")
        .queryParam("level", "STREET")
        .get("/api/areas")
        .then()
        .statusCode(200)
        .body("areas.code", hasItem("339901"))
        .body("areas.find { it.code == '339901' }.areas.code", hasItem("339901001"))
        .body("areas.find { it.code == '339901' }.areas[0].areas.size()", equalTo(0));
    as("leader1")
        .get("/api/areas/339901001001001")
        .then()
        .statusCode(200)
        .body("level", equalTo("GRID"))
        .body("geometry.type", equalTo("Polygon"));
    as("operator1")
        .accept("application/geo+json")
        .queryParam("under", "339901001")
        .get("/api/areas")
        .then()
        .statusCode(200)
        .body("type", equalTo("FeatureCollection"))
        .body("features.properties.code", hasItem("339901001001001"))
        .body("features.size()", equalTo(1 + 2 + 8));
  }
}
