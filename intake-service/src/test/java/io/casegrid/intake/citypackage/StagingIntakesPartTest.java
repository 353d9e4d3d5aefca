package io.casegrid.intake.citypackage;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.embedded.DemoCity;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Intake's end of loading a city package: a part is checked by intake's own rules and staged with
 * nothing taking effect; activated, it replaces what was loaded (what it does not hold is retired);
 * activating it again changes nothing; and the export gives it back.
 */
@QuarkusTest
class StagingIntakesPartTest {

  private static final String PART = "application/vnd.casegrid.city-part+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode demoPart() throws Exception {
    return (ObjectNode) JSON.valueToTree(DemoCity.parts().intake());
  }

  private static io.restassured.response.ValidatableResponse stage(String load, Object part) {
    return as("admin1")
        .contentType(PART)
        .body(part.toString())
        .queryParam("load", load)
        .put("/api/admin/city-package/staging")
        .then();
  }

  @Test
  void aPartIsStagedWithoutEffectActivatedOnceAndExportedBack() throws Exception {
    String first = UUID.randomUUID().toString();
    stage(first, demoPart()).statusCode(200).body("state", equalTo("STAGED"));
    as("admin1")
        .post("/api/admin/city-package/staging/" + first + "/activation")
        .then()
        .statusCode(200);

    ObjectNode smaller = demoPart();
    smaller.withArray("categories").remove(smaller.withArray("categories").size() - 1);
    String second = UUID.randomUUID().toString();
    stage(second, smaller).statusCode(200);
    as("admin1")
        .get("/api/admin/city-package")
        .then()
        .statusCode(200)
        .body("categories.code", hasItem("H0501"));

    as("admin1")
        .post("/api/admin/city-package/staging/" + second + "/activation")
        .then()
        .statusCode(200)
        .body("state", equalTo("ACTIVE"));
    as("admin1")
        .post("/api/admin/city-package/staging/" + second + "/activation")
        .then()
        .statusCode(200)
        .body("state", equalTo("ACTIVE"));
    as("admin1")
        .get("/api/admin/city-package/staging/" + first)
        .then()
        .body("state", equalTo("SUPERSEDED"));
    as("admin1")
        .get("/api/admin/city-package")
        .then()
        .statusCode(200)
        .body("categories.code", not(hasItem("H0501")))
        .body("assets.size()", equalTo(smaller.at("/assets").size()))
        .body("sensorRules.kind", hasItem("TILT"));
  }

  @Test
  void aPartWithAnAreaThatBreaksThePrefixRuleIsRefusedAndNothingIsStaged() throws Exception {
    ObjectNode part = demoPart();
    ((ObjectNode) part.withArray("areas").get(3)).put("parentCode", "339902");
    String load = UUID.randomUUID().toString();

    stage(load, part).statusCode(400).body("errors.field", hasItem("areas[3].parentCode"));
    as("admin1").get("/api/admin/city-package/staging/" + load).then().statusCode(404);
  }

  @Test
  void onlyAPartIsTakenAndOnlyFromAnAdministrator() throws Exception {
    as("admin1")
        .contentType("application/json")
        .body(demoPart().toString())
        .queryParam("load", UUID.randomUUID().toString())
        .put("/api/admin/city-package/staging")
        .then()
        .statusCode(415);
    as("operator1")
        .contentType(PART)
        .body("{}")
        .queryParam("load", UUID.randomUUID().toString())
        .put("/api/admin/city-package/staging")
        .then()
        .statusCode(403);
  }
}
