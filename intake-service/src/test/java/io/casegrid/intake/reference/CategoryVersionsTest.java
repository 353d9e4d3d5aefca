package io.casegrid.intake.reference;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseReported;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrator loads a changed category catalogue; it becomes a new version, and each case
 * keeps the version it was filed under.
 */
@QuarkusTest
class CategoryVersionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = new EventCodec();
  // The unowned manhole cover: a category no other test relies on.
  private static final String UNOWNED = "0114";
  private static TopicProbe announced;

  @BeforeAll
  static void watchTheTopic() {
    announced =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.INTAKE_CASES);
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @BeforeEach
  void loadTheDemoCatalogue() {
    load(DemoCity.json("intake"));
  }

  // Other tests find the demo catalogue as it is.
  @AfterEach
  void restoreTheDemoCatalogue() {
    load(DemoCity.json("intake"));
  }

  private static JsonPath load(String referenceData) {
    return as("admin1")
        .contentType(ContentType.JSON)
        .body(referenceData)
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The demo catalogue with the unowned cover category changed as {@code change} says. */
  private static String catalogueWith(Map<String, Object> change) throws Exception {
    ObjectNode demo = (ObjectNode) JSON.readTree(DemoCity.json("intake"));
    ObjectNode only = JSON.createObjectNode();
    ArrayNode categories = only.putArray("categories");
    demo.get("categories")
        .forEach(
            c -> {
              ObjectNode copy = c.deepCopy();
              if (copy.get("code").asText().equals(UNOWNED)) {
                change.forEach((k, v) -> copy.set(k, JSON.valueToTree(v)));
              }
              categories.add(copy);
            });
    return only.toString();
  }

  private static int currentVersion() {
    return as("supervisor1")
        .get("/api/categories/versions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getInt("[0].version");
  }

  private static JsonPath file(double metresNorth) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    double latitude = random.nextDouble(30.205, 30.315) + metresNorth / 111_195.08;
    return as("operator1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind",
                "COMPLAINT",
                "channel",
                "HOTLINE",
                "categoryCode",
                UNOWNED,
                "description",
                "无主井盖松动",
                "addressText",
                "湖滨路",
                "position",
                Map.of("latitude", latitude, "longitude", random.nextDouble(120.085, 120.235)),
                "reporter",
                Map.of("anonymous", true)))
        .post("/api/cases")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static CaseReported announcedReport(String id) {
    return CODEC.payload(
        CODEC.read(announced.first(id, Duration.ofSeconds(20)).value()), CaseReported.class);
  }

  @Test
  void aCaseKeepsTheCategoryVersionItWasFiledUnder() throws Exception {
    int before = currentVersion();
    JsonPath filedBefore = file(0);
    String earlier = filedBefore.getString("id");
    assertThat(filedBefore.getInt("category.version")).isEqualTo(before);

    int after =
        load(catalogueWith(Map.of("name", "无主井盖（待认领）", "defaultUrgency", "EMERGENCY")))
            .getInt("categoryVersion");
    String later = file(0).getString("id");

    assertThat(after).isEqualTo(before + 1);
    as("operator1")
        .get("/api/cases/" + earlier)
        .then()
        .statusCode(200)
        .body("category.version", equalTo(before))
        .body("category.name", equalTo("无主井盖"))
        .body("category.defaultUrgency", equalTo("URGENT"))
        .body("urgency", equalTo("URGENT"));
    as("operator1")
        .get("/api/cases/" + later)
        .then()
        .statusCode(200)
        .body("category.version", equalTo(after))
        .body("category.name", equalTo("无主井盖（待认领）"))
        .body("category.defaultUrgency", equalTo("EMERGENCY"))
        .body("urgency", equalTo("EMERGENCY"));
    assertThat(announcedReport(earlier).categoryVersion()).isEqualTo(before);
    assertThat(announcedReport(later).categoryVersion()).isEqualTo(after);
    assertThat(announcedReport(later).reporterCount()).isEqualTo(1);
  }

  @Test
  void loadingAnUnchangedCatalogueMakesNoNewVersion() {
    int before = currentVersion();

    int after = load(DemoCity.json("intake")).getInt("categoryVersion");

    assertThat(after).isEqualTo(before);
    assertThat(currentVersion()).isEqualTo(before);
  }

  @Test
  void listsTheVersionsAndShowsEachAsItWas() throws Exception {
    int before = currentVersion();
    load(catalogueWith(Map.of("nameEn", "Manhole cover of no known owner")));

    as("admin1")
        .get("/api/categories/versions")
        .then()
        .statusCode(200)
        .body("[0].version", equalTo(before + 1))
        .body("[0].changed", equalTo(1))
        .body("[0].added", equalTo(0))
        .body("[1].version", equalTo(before));
    JsonPath earlier =
        as("supervisor1")
            .get("/api/categories/versions/" + before)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(earlier.getString("categories.find { it.code == '0114' }.nameEn"))
        .isNotEqualTo("Manhole cover of no known owner");
    as("supervisor1")
        .get("/api/categories/versions/" + (before + 1))
        .then()
        .body("version.version", equalTo(before + 1))
        .body(
            "categories.find { it.code == '0114' }.nameEn",
            equalTo("Manhole cover of no known owner"));
    as("admin1").get("/api/categories/versions/" + (before + 100)).then().statusCode(404);
  }

  @Test
  void aCategoryMayWidenTheRadiusWithinWhichDuplicatesAreSuggested() throws Exception {
    load(catalogueWith(Map.of("duplicateRadiusMetres", 500, "duplicateWindowHours", 24)));
    JsonPath first = file(0);
    double latitude = first.getDouble("position.latitude") + 300 / 111_195.08;

    JsonPath found =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "categoryCode",
                    UNOWNED,
                    "position",
                    Map.of(
                        "latitude", latitude, "longitude", first.getDouble("position.longitude"))))
            .post("/api/cases/duplicate-suggestions")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(found.getInt("radiusMetres")).isEqualTo(500);
    assertThat(found.getLong("windowHours")).isEqualTo(24);
    assertThat(found.getList("suggestions.caseId")).contains(first.getString("id"));
  }
}
