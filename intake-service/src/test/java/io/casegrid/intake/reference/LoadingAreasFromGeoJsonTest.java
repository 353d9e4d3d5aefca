package io.casegrid.intake.reference;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An administrator loads a district's areas and grids as the city's GIS exports them, a GeoJSON
 * FeatureCollection with the 15-digit grid codes, and cases are located in them at once.
 */
@QuarkusTest
class LoadingAreasFromGeoJsonTest {

  private static final String AREAS = "/api/admin/areas";

  @BeforeEach
  void loadTheDemoCity() {
    DemoCity.load(
        "intake",
        RestAssured.baseURI + ":" + RestAssured.port,
        TestInfrastructure.shared().tokens().forUser("admin1"));
  }

  // A square of 0.1 degrees with its south-west corner at the given point.
  private static String feature(String properties, double south, double west) {
    return String.format(
        "{\"type\":\"Feature\",\"properties\":%s,\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[%3$s,%2$s],[%5$s,%2$s],[%5$s,%4$s],[%3$s,%4$s],[%3$s,%2$s]]]}}",
        properties, south, west, south + 0.1, west + 0.1);
  }

  private static ValidatableResponse register(double latitude, double longitude) {
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind", "COMPLAINT",
                "channel", "HOTLINE",
                "categoryCode", "E0101",
                "description", "路边垃圾",
                "position", Map.of("latitude", latitude, "longitude", longitude),
                "reporter", Map.of("anonymous", true)))
        .post("/api/cases")
        .then();
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  @Test
  void loadsADistrictDownToItsGridsAndLocatesACaseInTheGrid() {
    as("admin1")
        .contentType("application/geo+json; charset=utf-8")
        .body(
            collection(
                feature("{\"code\":\"339909001001001\",\"name\":\"远郊第1网格\"}", 31.0, 121.0),
                feature(
                    "{\"code\":\"339909\",\"name\":\"远郊区\",\"nameEn\":\"Outskirts\"}", 31.0, 121.0),
                feature("{\"code\":339909001,\"name\":\"远郊街道\"}", 31.0, 121.0),
                feature(
                    "{\"code\":\"339909001001\",\"level\":\"COMMUNITY\",\"parentCode\":\"339909001\","
                        + "\"name\":\"远郊社区\"}",
                    31.0,
                    121.0)))
        .put(AREAS)
        .then()
        .statusCode(200)
        .body("areas", equalTo(4));

    register(31.05, 121.05)
        .statusCode(201)
        .body("location.gridCode", equalTo("339909001001001"))
        .body("location.districtCode", equalTo("339909"));
  }

  @Test
  void aWrongFeatureIsNamedByItsPlaceInTheCollectionAndNothingIsLoaded() {
    as("admin1")
        .contentType("application/geo+json; charset=utf-8")
        .body(
            collection(
                feature("{\"code\":\"339908\",\"name\":\"另一区\"}", 32.0, 122.0),
                feature("{\"code\":\"339907001001001\",\"name\":\"无上级网格\"}", 32.0, 122.0),
                "{\"type\":\"Feature\",\"properties\":{\"code\":\"339908001\",\"name\":\"街道\"},"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[122.05,32.05]}}"))
        .put(AREAS)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("features[1].properties.parentCode"))
        .body("errors.field", hasItem("features[2].geometry"));

    register(32.05, 122.05).statusCode(422);
  }

  @Test
  void aLevelInLowerCaseIsTakenAsItsLevel() {
    as("admin1")
        .contentType("application/geo+json")
        .body(
            collection(
                feature(
                    "{\"code\":\"339906\",\"level\":\"district\",\"name\":\"小写区\"}", 33.0, 123.0),
                feature(
                    "{\"code\":\"339906001\",\"level\":\"Street\",\"name\":\"小写街道\"}",
                    33.0,
                    123.0)))
        .put(AREAS)
        .then()
        .statusCode(200)
        .body("areas", equalTo(2));
  }

  @Test
  void everyRefusalOfAnAreaNamesItsRuleAndTheOffendingValue() {
    as("admin1")
        .contentType("application/geo+json")
        .body(
            collection(
                feature("{\"code\":\"339905\",\"level\":\"town\",\"name\":\"某区\"}", 34.0, 124.0),
                feature("{\"code\":\"33990\",\"name\":\"五位\"}", 34.0, 124.0),
                feature(
                    "{\"code\":\"339905001\",\"level\":\"COMMUNITY\",\"name\":\"错层\"}",
                    34.0,
                    124.0),
                feature(
                    "{\"code\":\"339905002\",\"parentCode\":\"339904\",\"name\":\"错父\"}",
                    34.0,
                    124.0)))
        .put(AREAS)
        .then()
        .statusCode(400)
        .body(
            "errors.find { it.field == 'features[0].properties.level' }.message",
            allOf(containsString("'town'"), containsString("DISTRICT")))
        .body(
            "errors.find { it.field == 'features[1].properties.code' }.message",
            allOf(containsString("'33990'"), containsString("national")))
        .body(
            "errors.find { it.field == 'features[2].properties.code' }.message",
            allOf(containsString("'339905001'"), containsString("COMMUNITY"), containsString("12")))
        .body(
            "errors.find { it.field == 'features[3].properties.parentCode' }.message",
            allOf(containsString("'339904'"), containsString("prefix")));
  }

  @Test
  void onlyAFeatureCollectionInGeoJsonIsTaken() {
    as("admin1")
        .contentType("application/geo+json; charset=utf-8")
        .body("[]")
        .put(AREAS)
        .then()
        .statusCode(400);
    as("admin1")
        .contentType("application/geo+json; charset=utf-8")
        .body("{\"type\":\"Feature\",\"features\":[]}")
        .put(AREAS)
        .then()
        .statusCode(400);
    as("admin1").contentType(ContentType.JSON).body(collection()).put(AREAS).then().statusCode(415);
  }
}
