package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;

import io.casegrid.embedded.AccessMatrix;
import io.casegrid.embedded.TestPhotos;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.test.junit.QuarkusTest;
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
    IntakeFixtures.loadTheDemoCity();
    io.restassured.path.json.JsonPath registered = IntakeFixtures.registerAComplaint();
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
