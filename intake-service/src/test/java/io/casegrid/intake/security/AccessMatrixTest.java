package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;

import io.casegrid.embedded.AccessMatrix;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.TestPhotos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every endpoint of intake answers every role as docs/SECURITY.md says. */
@QuarkusTest
class AccessMatrixTest {

  @Test
  void listsEveryEndpointOfTheServiceInTheSecurityDocument() {
    AccessMatrix.assertEveryEndpointListed("intake");
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRoleAsTheSecurityDocumentSays() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
    io.restassured.path.json.JsonPath registered =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "kind", "COMPLAINT",
                    "channel", "HOTLINE",
                    "categoryCode", "0102",
                    "description", "井盖缺失",
                    "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                    "reporter", Map.of("anonymous", true)))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = registered.getString("id");
    String photo =
        as("operator1")
            .contentType("image/png")
            .body(TestPhotos.png())
            .post("/api/cases/" + id + "/photos")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String campaign = CampaignsForTests.draft();
    String campaignPhoto =
        as("inspector1")
            .contentType("image/png")
            .body(TestPhotos.png())
            .post("/api/campaigns/" + campaign + "/photos")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return AccessMatrix.cells(
        "intake",
        Map.ofEntries(
            Map.entry("campaignId", campaign),
            Map.entry("campaignPhotoId", campaignPhoto),
            Map.entry("foundId", java.util.UUID.randomUUID().toString()),
            Map.entry("id", id),
            Map.entry("photoId", photo),
            Map.entry("importId", AssetImportsForTests.finishedEmptyImport()),
            Map.entry("format", "json"),
            Map.entry("service_code", "0102"),
            Map.entry("service_request_id", registered.getString("caseNumber")),
            Map.entry("version", "1"),
            Map.entry("areaCode", "339901001"),
            Map.entry("assetCode", "3399010102000002"),
            Map.entry("unknownLoad", java.util.UUID.randomUUID().toString())));
  }
}
