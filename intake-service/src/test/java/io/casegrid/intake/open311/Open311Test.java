package io.casegrid.intake.open311;

import static io.casegrid.embedded.DemoUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.DemoUsers;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * An Open311 client files and reads requests, in JSON and XML, and every JSON answer is valid
 * against the JSON Schemas of the shared Open311 material (copied to {@code open311-schemas}).
 */
@QuarkusTest
class Open311Test {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = new EventCodec();
  private static final String V2 = "/open311/v2/";
  private static TopicProbe dispatch;

  @BeforeAll
  static void connect() {
    dispatch =
        new TopicProbe(
            TestInfrastructure.shared().kafka().bootstrapServers(), Topics.DISPATCH_CASES);
  }

  @AfterAll
  static void disconnect() {
    dispatch.close();
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

  @Test
  void discoveryListsTheEndpointInBothFormats() throws Exception {
    JsonNode json = json(given().get(V2 + "discovery.json"), 200);
    assertThat(json.path("endpoints").get(0).path("specification").asText())
        .isEqualTo("http://wiki.open311.org/GeoReport_v2");
    assertThat(json.path("endpoints").get(0).path("formats").toString())
        .contains("text/xml", "application/json");
    Document xml = xml(given().get(V2 + "discovery.xml"), 200);
    assertThat(xml.getDocumentElement().getTagName()).isEqualTo("discovery");
    assertThat(xml.getElementsByTagName("format").getLength()).isEqualTo(2);
  }

  @Test
  void servicesAreTheCategoryCatalogue() throws Exception {
    JsonNode services = json(given().get(V2 + "services.json"), 200);
    assertValid("services.json", services);
    assertThat(services.findValuesAsText("service_code")).contains("0102", "E0101");
    Document xml = xml(given().get(V2 + "services.xml"), 200);
    assertThat(xml.getDocumentElement().getTagName()).isEqualTo("services");
    assertThat(xml.getElementsByTagName("service").getLength()).isEqualTo(services.size());

    JsonNode definition = json(given().get(V2 + "services/0102.json"), 200);
    assertValid("service-definition.json", definition);
    assertThat(definition.path("attributes").get(0).path("code").asText()).isEqualTo("asset_code");
    Document definitionXml = xml(given().get(V2 + "services/0102.xml"), 200);
    assertThat(definitionXml.getDocumentElement().getTagName()).isEqualTo("service_definition");

    assertError(given().get(V2 + "services/9999.json"), 404);
    assertError(given().get(V2 + "services.json?jurisdiction_id=elsewhere.gov"), 404);
  }

  @Test
  void filingNeedsTheApplicationsApiKey() throws Exception {
    assertError(post(null, "0102"), 403);
    assertError(post("not-a-key", "0102"), 403);
    Document xml =
        xml(
            given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("service_code", "0102")
                .formParam("lat", "30.215000")
                .formParam("long", "120.086500")
                .post(V2 + "requests.xml"),
            403);
    assertThat(xml.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("403");
  }

  @Test
  void refusesWhatCannotBeFiledWithTheFieldAtFault() throws Exception {
    assertError(
        given()
            .contentType(ContentType.JSON)
            .body("{\"api_key\": \"" + DemoUsers.OPEN311_API_KEY + "\"}")
            .post(V2 + "requests.json"),
        415);
    assertError(post(DemoUsers.OPEN311_API_KEY, "9999"), 404);
    assertError(
        given()
            .contentType("application/x-www-form-urlencoded; charset=utf-8")
            .formParam("api_key", DemoUsers.OPEN311_API_KEY)
            .formParam("service_code", "0102")
            .formParam("description", "no place")
            .post(V2 + "requests.json"),
        400);
    JsonNode outside =
        assertError(
            given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("api_key", DemoUsers.OPEN311_API_KEY)
                .formParam("service_code", "0102")
                .formParam("lat", "31.9")
                .formParam("long", "118.1")
                .post(V2 + "requests.json"),
            400);
    assertThat(outside.get(0).path("description").asText()).contains("lat");
  }

  @Test
  void aFiledRequestIsACaseWhoseStatusFollowsDispatch() throws Exception {
    JsonNode created = json(post(DemoUsers.OPEN311_API_KEY, "0102"), 201);
    String id = created.get(0).path("service_request_id").asText();
    assertThat(id).matches("\\d{15}");

    Response one = given().get(V2 + "requests/" + id + ".json");
    JsonNode request = json(one, 200);
    assertValid("requests.json", request);
    assertThat(request.get(0).path("status").asText()).isEqualTo("open");
    assertThat(request.get(0).path("description").asText()).isEqualTo("井盖缺失\r\n请尽快处理");
    assertThat(one.asString()).doesNotContain("13800001111", "张", "someone@example.org");

    // Intake registered it as any other case: operators find it by its number.
    String caseId =
        as("operator1")
            .queryParam("number", id)
            .get("/api/cases")
            .then()
            .statusCode(200)
            .extract()
            .path("[0].id");
    as("operator1")
        .get("/api/cases/" + caseId)
        .then()
        .statusCode(200)
        .body("channel", org.hamcrest.Matchers.equalTo("OPEN311"))
        .body("reporterName", org.hamcrest.Matchers.equalTo("三 张"));

    Instant now = Instant.now();
    UUID uuid = UUID.fromString(caseId);
    announce(
        new CaseDispatched(
            uuid,
            "unused",
            "DRAINAGE",
            RoutingBasis.ROUTING_CATALOGUE,
            "catalogue:0102",
            "0102",
            Urgency.URGENT,
            null,
            now,
            now,
            List.of()));
    announce(new CaseSigned(uuid, "DRAINAGE", "clerk", now.plusSeconds(60)));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode r = json(given().get(V2 + "requests/" + id + ".json"), 200).get(0);
              assertThat(r.path("agency_responsible").asText()).isEqualTo("DRAINAGE");
              assertThat(r.path("status_notes").asText()).startsWith("in hand");
              assertThat(r.path("status").asText()).isEqualTo("open");
            });

    Document xml = xml(given().get(V2 + "requests/" + id + ".xml"), 200);
    assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
    assertThat(xml.getElementsByTagName("service_request_id").item(0).getTextContent())
        .isEqualTo(id);
    assertThat(xml.getElementsByTagName("agency_responsible").item(0).getTextContent())
        .isEqualTo("DRAINAGE");

    JsonNode listed =
        json(
            given()
                .queryParam("service_code", "0102")
                .queryParam("status", "open")
                .get(V2 + "requests.json"),
            200);
    assertValid("requests.json", listed);
    assertThat(listed.findValuesAsText("service_request_id")).contains(id);
    JsonNode byIds =
        json(
            given()
                .queryParam("service_request_id", id + ",20000101000000")
                .get(V2 + "requests.json"),
            200);
    assertThat(byIds.findValuesAsText("service_request_id")).containsExactly(id);
    assertThat(
            json(given().queryParam("status", "closed").get(V2 + "requests.json"), 200)
                .findValuesAsText("service_request_id"))
        .doesNotContain(id);
  }

  @Test
  void theExpectedDatetimeIsTheDeadlineSupervisionSetForResolvingIt() throws Exception {
    String id =
        json(post(DemoUsers.OPEN311_API_KEY, "0102"), 201)
            .get(0)
            .path("service_request_id")
            .asText();
    JsonNode filed = json(given().get(V2 + "requests/" + id + ".json"), 200);
    assertThat(filed.get(0).path("expected_datetime").isNull()).isTrue();
    String caseId =
        as("operator1").queryParam("number", id).get("/api/cases").then().extract().path("[0].id");

    // Supervision announces the deadlines on its own topic once the case is dispatched.
    Instant started = Instant.parse("2026-11-23T02:00:00Z");
    Instant resolveBy = Instant.parse("2026-11-23T08:00:00Z");
    announce(
        Topics.SUPERVISION_CASES,
        "/test/supervision",
        new DeadlineSet(
            UUID.fromString(caseId),
            "DRAINAGE",
            "policy:0102/URGENT",
            started,
            started.plusSeconds(1800),
            null,
            resolveBy));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        json(given().get(V2 + "requests/" + id + ".json"), 200)
                            .get(0)
                            .path("expected_datetime")
                            .asText())
                    .isEqualTo("2026-11-23T16:00:00+08:00"));
    assertValid("requests.json", json(given().get(V2 + "requests/" + id + ".json"), 200));
    assertThat(
            xml(given().get(V2 + "requests/" + id + ".xml"), 200)
                .getElementsByTagName("expected_datetime")
                .item(0)
                .getTextContent())
        .isEqualTo("2026-11-23T16:00:00+08:00");
    as("operator1")
        .get("/api/cases/" + caseId)
        .then()
        .statusCode(200)
        .body("resolveDueAt", org.hamcrest.Matchers.equalTo("2026-11-23T16:00:00+08:00"));
  }

  @Test
  void xmlFilingAnswersInXml() throws Exception {
    Document xml =
        xml(
            given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("api_key", DemoUsers.OPEN311_API_KEY)
                .formParam("service_code", "E0101")
                .formParam("address_string", "湖滨街道 东坡路 12号")
                .formParam("description", "")
                .formParam("email", "")
                .post(V2 + "requests.xml"),
            201);
    assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
    assertThat(xml.getElementsByTagName("service_request_id").item(0).getTextContent())
        .matches("\\d{15}");
  }

  @Test
  void refusesWrongFilters() throws Exception {
    assertError(given().queryParam("status", "pending").get(V2 + "requests.json"), 400);
    assertError(
        given()
            .queryParam("start_date", "2026-01-01T00:00:00Z")
            .queryParam("end_date", "2026-06-01T00:00:00Z")
            .get(V2 + "requests.json"),
        400);
    assertError(given().queryParam("start_date", "yesterday").get(V2 + "requests.json"), 400);
    assertError(given().get(V2 + "requests/20000101999999.json"), 404);
    assertValid(
        "requests.json",
        json(
            given()
                .queryParam("start_date", "")
                .queryParam("end_date", Instant.now().toString())
                .get(V2 + "requests.json"),
            200));
  }

  @Test
  void aMediaUrlIsKeptShownOnTheCaseAndGivenBack() throws Exception {
    String photo = "https://photos.example.org/requests/638344.jpg";
    String id =
        json(filing().formParam("media_url", photo).post(V2 + "requests.json"), 201)
            .get(0)
            .path("service_request_id")
            .asText();

    JsonNode read = json(given().get(V2 + "requests/" + id + ".json"), 200);
    assertValid("requests.json", read);
    assertThat(read.get(0).path("media_url").asText()).isEqualTo(photo);
    assertThat(
            xml(given().get(V2 + "requests/" + id + ".xml"), 200)
                .getElementsByTagName("media_url")
                .item(0)
                .getTextContent())
        .isEqualTo(photo);
    as("dispatcher1")
        .queryParam("number", id)
        .get("/api/cases")
        .then()
        .statusCode(200)
        .body("[0].mediaUrl", org.hamcrest.Matchers.equalTo(photo));

    // Only a web link is a link: anything else would be a trap in every console that shows it.
    JsonNode refused =
        assertError(
            filing().formParam("media_url", "javascript:alert(1)").post(V2 + "requests.json"), 400);
    assertThat(refused.get(0).path("description").asText()).contains("media_url");
  }

  @Test
  void theServiceNoticeIsKeptAndGivenBack() throws Exception {
    JsonNode created = json(post(DemoUsers.OPEN311_API_KEY, "0102"), 201).get(0);
    String notice = created.path("service_notice").asText();
    assertThat(notice).isNotBlank();

    String id = created.path("service_request_id").asText();
    assertThat(
            json(given().get(V2 + "requests/" + id + ".json"), 200)
                .get(0)
                .path("service_notice")
                .asText())
        .isEqualTo(notice);
    assertThat(
            xml(given().get(V2 + "requests/" + id + ".xml"), 200)
                .getElementsByTagName("service_notice")
                .item(0)
                .getTextContent())
        .isEqualTo(notice);
  }

  @Test
  void serviceCodesMayBeAListAndEveryValueOfARepeatedParameterCounts() throws Exception {
    String cover = filed("0102");
    String garbage = filed("E0101");

    assertThat(
            json(given().queryParam("service_code", "0102,E0101").get(V2 + "requests.json"), 200)
                .findValuesAsText("service_request_id"))
        .contains(cover, garbage);
    assertThat(
            json(
                    given()
                        .queryParam("service_code", "0102")
                        .queryParam("service_code", "E0101")
                        .get(V2 + "requests.json"),
                    200)
                .findValuesAsText("service_request_id"))
        .contains(cover, garbage);
    assertThat(
            json(
                    given()
                        .queryParam("service_request_id", cover)
                        .queryParam("service_request_id", garbage)
                        .get(V2 + "requests.json"),
                    200)
                .findValuesAsText("service_request_id"))
        .containsExactlyInAnyOrder(cover, garbage);
    assertThat(
            json(
                    given()
                        .queryParam("service_code", "0102")
                        .queryParam("status", "closed")
                        .queryParam("status", "open")
                        .get(V2 + "requests.json"),
                    200)
                .findValuesAsText("service_request_id"))
        .contains(cover)
        .doesNotContain(garbage);

    // A parameter that takes one value says so rather than choosing one.
    JsonNode twoStarts =
        assertError(
            given()
                .queryParam("start_date", Instant.now().minus(Duration.ofDays(1)).toString())
                .queryParam("start_date", Instant.now().minus(Duration.ofDays(2)).toString())
                .get(V2 + "requests.json"),
            400);
    assertThat(twoStarts.get(0).path("description").asText()).contains("start_date");
    JsonNode twoCodes =
        assertError(filing().formParam("service_code", "E0101").post(V2 + "requests.json"), 400);
    assertThat(twoCodes.get(0).path("description").asText()).contains("service_code");
  }

  @Test
  void anAddressIdAloneLocatesTheRequestInThatGrid() throws Exception {
    String grid =
        json(given().get(V2 + "requests/" + filed("0102") + ".json"), 200)
            .get(0)
            .path("address_id")
            .asText();
    assertThat(grid).matches("\\d{15}");

    String id =
        json(
                given()
                    .contentType("application/x-www-form-urlencoded; charset=utf-8")
                    .formParam("api_key", DemoUsers.OPEN311_API_KEY)
                    .formParam("service_code", "E0101")
                    .formParam("address_id", grid)
                    .formParam("description", "暴露垃圾")
                    .post(V2 + "requests.json"),
                201)
            .get(0)
            .path("service_request_id")
            .asText();

    JsonNode read = json(given().get(V2 + "requests/" + id + ".json"), 200).get(0);
    assertThat(read.path("address_id").asText()).isEqualTo(grid);
    assertThat(read.path("lat").isNull()).isTrue();
    as("dispatcher1")
        .queryParam("number", id)
        .get("/api/cases")
        .then()
        .statusCode(200)
        .body("[0].location.gridCode", org.hamcrest.Matchers.equalTo(grid))
        .body("[0].location.districtCode", org.hamcrest.Matchers.equalTo(grid.substring(0, 6)));

    JsonNode unknown =
        assertError(
            given()
                .contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParam("api_key", DemoUsers.OPEN311_API_KEY)
                .formParam("service_code", "E0101")
                .formParam("address_id", "999999999999999")
                .post(V2 + "requests.json"),
            400);
    assertThat(unknown.get(0).path("description").asText()).contains("address_id");
  }

  @Test
  void idsThatAreMalformedOrUnknownAreLeftOutOfTheList() throws Exception {
    String id = filed("0102");
    assertThat(
            json(
                    given()
                        .queryParam("service_request_id", "a," + id + ",20000101000000,,b-1")
                        .get(V2 + "requests.json"),
                    200)
                .findValuesAsText("service_request_id"))
        .containsExactly(id);
    JsonNode none =
        json(given().queryParam("service_request_id", "a,b").get(V2 + "requests.json"), 200);
    assertThat(none.isArray()).isTrue();
    assertThat(none.size()).isZero();
  }

  @Test
  void unknownPathsAndFormatsAnswerInTheOpen311ErrorFormat() throws Exception {
    assertError(given().get(V2 + "tokens/123456.json"), 404);
    assertError(given().post(V2 + "servicerequestupdates.json"), 404);
    assertError(given().get(V2 + "requests/" + filed("0102") + ".json/more"), 404);
    Document updates = xml(given().get(V2 + "servicerequestupdates.xml"), 404);
    assertThat(updates.getDocumentElement().getTagName()).isEqualTo("errors");
    assertThat(updates.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("404");
    Document token = xml(given().get(V2 + "tokens/123456.xml"), 404);
    assertThat(token.getElementsByTagName("description").item(0).getTextContent()).isNotBlank();

    JsonNode html = assertError(given().get(V2 + "services.html"), 404);
    assertThat(html.get(0).path("description").asText()).contains("xml", "json");
    assertThat(
            xml(given().accept("text/xml").get(V2 + "requests.csv"), 404)
                .getDocumentElement()
                .getTagName())
        .isEqualTo("errors");
    assertError(given().delete(V2 + "requests.json"), 405);
  }

  // ---

  private static String filed(String serviceCode) throws Exception {
    return json(post(DemoUsers.OPEN311_API_KEY, serviceCode), 201)
        .get(0)
        .path("service_request_id")
        .asText();
  }

  private static io.restassured.specification.RequestSpecification filing() {
    return given()
        .contentType("application/x-www-form-urlencoded; charset=utf-8")
        .formParam("api_key", DemoUsers.OPEN311_API_KEY)
        .formParam("service_code", "0102")
        .formParam("lat", "30.215000")
        .formParam("long", "120.086500")
        .formParam("description", "井盖缺失");
  }

  private static Response post(String apiKey, String serviceCode) {
    var request =
        given()
            .contentType("application/x-www-form-urlencoded; charset=utf-8")
            .formParam("service_code", serviceCode)
            .formParam("lat", "30.215000")
            .formParam("long", "120.086500")
            .formParam("description", "井盖缺失\r\n请尽快处理")
            .formParam("first_name", "三")
            .formParam("last_name", "张")
            .formParam("phone", "13800001111")
            .formParam("email", "someone@example.org");
    if (apiKey != null) {
      request = request.formParam("api_key", apiKey);
    }
    return request.post(V2 + "requests.json");
  }

  private static void announce(CaseEvent event) {
    announce(Topics.DISPATCH_CASES, "/test/dispatch", event);
  }

  private static void announce(String topic, String source, CaseEvent event) {
    dispatch.send(
        topic,
        event.caseId().toString(),
        CODEC.write(CODEC.envelope(event, source, Instant.now())));
  }

  private static JsonNode json(Response response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
    return JSON.readTree(response.asString());
  }

  private static Document xml(Response response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("text/xml; charset=utf-8");
    assertThat(response.asString()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(response.asString().getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getNamespaceURI()).isNull();
    return document;
  }

  private static JsonNode assertError(Response response, int status) throws Exception {
    JsonNode errors = json(response, status);
    assertThat(errors.isArray()).as(errors.toString()).isTrue();
    assertThat(errors.get(0).path("code").asInt()).isEqualTo(status);
    assertThat(errors.get(0).path("description").asText()).isNotBlank();
    return errors;
  }

  // The schemas as the shared Open311 material has them, found above the repository.
  private static void assertValid(String schema, JsonNode document) {
    JsonSchema validator =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of(schemas().resolve(schema).toUri().toString()));
    Set<ValidationMessage> errors = validator.validate(document);
    assertThat(errors).as(document.toString()).isEmpty();
  }

  // A copy of the shared Open311 material's schemas, so the tests need nothing outside the
  // repository.
  private static Path schemas() {
    try {
      return Path.of(Open311Test.class.getResource("/open311-schemas").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
