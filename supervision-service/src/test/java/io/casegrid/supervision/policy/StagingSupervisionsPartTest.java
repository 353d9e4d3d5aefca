package io.casegrid.supervision.policy;

import static io.casegrid.embedded.DemoUsers.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.embedded.DemoCity;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Supervision's end of loading a city package: a part is checked and staged without effect; once
 * activated its calendar, policies and the composite's weights are those in force, what it does not
 * hold is retired, and a broken part is refused naming its field with nothing staged.
 */
@QuarkusTest
class StagingSupervisionsPartTest {

  private static final String PART = "application/vnd.casegrid.city-part+json";

  private static String activated(ObjectNode part) {
    String load = UUID.randomUUID().toString();
    as("admin1")
        .contentType(PART)
        .body(part.toString())
        .queryParam("load", load)
        .put("/api/admin/city-package/staging")
        .then()
        .statusCode(200);
    as("admin1")
        .post("/api/admin/city-package/staging/" + load + "/activation")
        .then()
        .statusCode(200)
        .body("state", equalTo("ACTIVE"));
    return load;
  }

  private String before;

  @BeforeEach
  void takeWhatIsLoaded() {
    before = LoadedRules.taken();
  }

  @AfterEach
  void putBackWhatWasLoaded() {
    LoadedRules.putBack(before);
  }

  @Test
  void theWeightsAndTheCalendarOfAnActivatedPartAreInForceAndWhatItLacksIsRetired() {
    ObjectNode part = DemoCity.parts().supervision().deepCopy();
    part.putObject("metricWeights").put("on-time-closure", 0.4).put("satisfaction", 0.6);
    ((ObjectNode) part.get("calendar")).withArray("holidays").remove(0);

    activated(part);

    as("leader1")
        .get("/api/rankings/departments?month=2026-10")
        .then()
        .statusCode(200)
        .body("weights.SATISFACTION", equalTo(0.6f))
        .body("weights.size()", equalTo(2));
    as("admin1")
        .get("/api/calendar?year=2026")
        .then()
        .body("days.date", not(hasItem("2026-01-01")))
        .body("days.date", hasItem("2026-01-02"));
    as("admin1")
        .get("/api/admin/city-package")
        .then()
        .statusCode(200)
        .body("metricWeights.satisfaction", equalTo(0.6f));
  }

  @Test
  void aBrokenPartIsRefusedByItsFieldAndNothingIsStaged() {
    ObjectNode part = DemoCity.parts().supervision().deepCopy();
    ((ObjectNode) part.withArray("deadlinePolicies").get(0)).putObject("sign").put("amount", 1);
    part.putObject("metricWeights").put("speed", 1);
    String load = UUID.randomUUID().toString();

    as("admin1")
        .contentType(PART)
        .body(part.toString())
        .queryParam("load", load)
        .put("/api/admin/city-package/staging")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("deadlinePolicies[0].sign.unit"))
        .body("errors.field", hasItem("metricWeights"));
    as("admin1").get("/api/admin/city-package/staging/" + load).then().statusCode(404);
  }
}
