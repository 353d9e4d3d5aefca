package io.casegrid.intake.open311;

import static io.casegrid.embedded.DemoUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * An Open311 client reads the services, in JSON and XML, and every JSON answer is valid against the
 * JSON Schemas of the shared Open311 material ({@code open311/schemas}).
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

  // ---

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

  private static Path schemas() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null) {
      Path candidate = folder.resolve("shared/open311/schemas");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      folder = folder.getParent();
    }
    throw new IllegalStateException(
        "the shared Open311 schemas (shared/open311/schemas) are missing");
  }
}
