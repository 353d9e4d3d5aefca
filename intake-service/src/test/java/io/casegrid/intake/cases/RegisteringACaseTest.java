package io.casegrid.intake.cases;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegisteringACaseTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = new EventCodec();
  private static TopicProbe announced;
  private static DemoGrid grid;

  /** A grid of the demo city and a point inside it. */
  record DemoGrid(String code, double latitude, double longitude) {}

  @BeforeAll
  static void watchTheTopic() throws Exception {
    announced =
        new TopicProbe(TestInfrastructure.shared().kafka().adminLogin(), Topics.INTAKE_CASES);
    JsonNode areas = JSON.readTree(DemoCity.json("intake")).get("areas");
    for (JsonNode area : areas) {
      if (area.get("level").asText().equals("GRID")) {
        JsonNode ring = area.at("/geometry/coordinates/0");
        double lon = (ring.get(0).get(0).asDouble() + ring.get(2).get(0).asDouble()) / 2;
        double lat = (ring.get(0).get(1).asDouble() + ring.get(2).get(1).asDouble()) / 2;
        grid = new DemoGrid(area.get("code").asText(), lat, lon);
        break;
      }
    }
  }

  @AfterAll
  static void stopWatching() {
    announced.close();
  }

  @Inject EntityManager entityManager;

  private long storedCases() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createQuery("SELECT count(c) FROM CaseRecord c", Long.class)
                    .getSingleResult());
  }

  @BeforeEach
  void loadTheDemoCity() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
  }

  private static Map<String, Object> complaint(String categoryCode) {
    return Map.of(
        "kind",
        "COMPLAINT",
        "channel",
        "HOTLINE",
        "categoryCode",
        categoryCode,
        "description",
        "小区门口井盖缺失，晚上很危险",
        "position",
        Map.of("latitude", grid.latitude(), "longitude", grid.longitude()),
        "reporter",
        Map.of("name", "张三", "phone", "13812341234", "anonymous", false, "callbackConsent", true));
  }

  @Test
  void registersAComplaintLocatesItAndAnnouncesItWithoutPersonalData() {
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(complaint("0102"))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .body("caseNumber", matchesPattern("\\d{15}"))
            .body("location.gridCode", equalTo(grid.code()))
            .body("location.districtCode", equalTo(grid.code().substring(0, 6)))
            .body("urgency", equalTo("URGENT"))
            .body("reporterPhoneMasked", equalTo("138****1234"))
            .body("reportedAt", matchesPattern(".*\\+08:00$"))
            .extract()
            .path("id");

    ConsumerRecord<String, String> record = announced.first(id, Duration.ofSeconds(20));
    CloudEvent event = CODEC.read(record.value());
    assertThat(event.type()).isEqualTo("io.casegrid.case.reported.v1");
    assertThat(event.subject()).isEqualTo(id);
    CaseReported reported = CODEC.payload(event, CaseReported.class);
    assertThat(reported.categoryCode()).isEqualTo("0102");
    assertThat(reported.location().gridCode()).isEqualTo(grid.code());
    assertThat(record.value()).doesNotContain("13812341234").doesNotContain("张三");
  }

  @Test
  void carriesTheRegisteredOwnerOfTheAssetNotTheOwnerItsTypeSuggests() {
    // In the demo register this storm-water cover sits on the utility tunnel company's network.
    Map<String, Object> cover = new java.util.HashMap<>(complaint("0103"));
    cover.put("assetCode", "3399020103000018");
    cover.put("position", Map.of("latitude", 30.265616, "longitude", 120.161268));
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(cover)
            .post("/api/cases")
            .then()
            .statusCode(201)
            .body("assetOwnerCode", equalTo("UTILITY_TUNNEL"))
            .extract()
            .path("id");

    CaseReported reported =
        CODEC.payload(
            CODEC.read(announced.first(id, Duration.ofSeconds(20)).value()), CaseReported.class);
    assertThat(reported.assetOwnerCode()).isEqualTo("UTILITY_TUNNEL");
  }

  @Test
  void placesACaseAtItsRegisteredAssetWhenTheCallerGivesOnlyTheCodeOnTheCover() {
    Map<String, Object> cover = new java.util.HashMap<>(complaint("0103"));
    cover.remove("position");
    cover.put("assetCode", "3399020103000018");

    as("operator1")
        .contentType(ContentType.JSON)
        .body(cover)
        .post("/api/cases")
        .then()
        .statusCode(201)
        .body("position.latitude", equalTo(30.265616f))
        .body("position.longitude", equalTo(120.161268f))
        .body("location.districtCode", equalTo("339902"))
        .body("assetOwnerCode", equalTo("UTILITY_TUNNEL"));
  }

  @Test
  void refusesAnAssetCodeThatIsNotInTheRegister() {
    Map<String, Object> cover = new java.util.HashMap<>(complaint("0103"));
    cover.put("assetCode", "3399029999999999");
    as("operator1")
        .contentType(ContentType.JSON)
        .body(cover)
        .post("/api/cases")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("assetCode"));
  }

  @Test
  void findsACaseByTheNumberReadOutOnThePhone() {
    String number =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(complaint("0101"))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("caseNumber");

    as("operator1")
        .queryParam("number", number)
        .get("/api/cases")
        .then()
        .statusCode(200)
        .body("caseNumber", hasItem(number));
  }

  @Test
  void refusesAnUnknownCategoryNamingTheFieldAndStoresNothing() {
    long before = storedCases();
    as("operator1")
        .contentType(ContentType.JSON)
        .body(complaint("9999"))
        .post("/api/cases")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("categoryCode"));
    assertThat(storedCases()).isEqualTo(before);
  }

  @Test
  void refusesAPositionOutsideTheCityUnlessAnAddressIsGiven() {
    Map<String, Object> outside = new java.util.HashMap<>(complaint("0102"));
    outside.put("position", Map.of("latitude", 39.9, "longitude", 116.4));
    as("operator1")
        .contentType(ContentType.JSON)
        .body(outside)
        .post("/api/cases")
        .then()
        .statusCode(422)
        .body("type", equalTo("urn:casegrid:problem:outside-city"))
        .body("errors[0].field", equalTo("position"));

    outside.put("addressText", "示范市东湖区湖滨路12号");
    as("operator1")
        .contentType(ContentType.JSON)
        .body(outside)
        .post("/api/cases")
        .then()
        .statusCode(201)
        .body("location", equalTo(null));
  }

  @Test
  void listsEveryInvalidFieldOfARequest() {
    long before = storedCases();
    as("operator1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind", "COMPLAINT",
                "categoryCode", "0102",
                "description", "",
                "assetCode", "12ab",
                "reporter", Map.of("anonymous", true, "phone", "13812341234")))
        .post("/api/cases")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            org.hamcrest.Matchers.hasItems(
                "channel", "description", "assetCode", "placed", "reporter.anonymityKept"));
    assertThat(storedCases()).isEqualTo(before);
  }

  @Test
  void answersMalformedJsonWrongTypesAndUnknownValuesWith400() {
    as("operator1")
        .contentType(ContentType.JSON)
        .body("{\"kind\": \"COMPLAINT\",")
        .post("/api/cases")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    Map<String, Object> wrongEnum = new java.util.HashMap<>(complaint("0102"));
    wrongEnum.put("urgency", "WHENEVER");
    as("operator1")
        .contentType(ContentType.JSON)
        .body(wrongEnum)
        .post("/api/cases")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("urgency"));
    Map<String, Object> wrongType = new java.util.HashMap<>(complaint("0102"));
    wrongType.put("position", Map.of("latitude", "north", "longitude", 120.1));
    as("operator1")
        .contentType(ContentType.JSON)
        .body(wrongType)
        .post("/api/cases")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("position.latitude"));
  }

  @Test
  void answersAnOversizeBodyWith413() {
    as("operator1")
        .contentType(ContentType.JSON)
        .body("{\"description\":\"" + "x".repeat(1_100_000) + "\"}")
        .post("/api/cases")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
  }

  @Test
  void answersAnUnknownCaseWith404Problem() {
    as("operator1")
        .get("/api/cases/" + java.util.UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
