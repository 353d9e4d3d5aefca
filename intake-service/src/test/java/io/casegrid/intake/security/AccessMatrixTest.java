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
    return AccessMatrix.cells(
        "intake",
        Map.of(
            "id",
            id,
            "photoId",
            photo,
            "importId",
            AssetImportsForTests.finishedEmptyImport(),
            "format",
            "json",
            "service_code",
            "0102",
            "service_request_id",
            registered.getString("caseNumber"),
            "version",
            "1",
            "areaCode",
            "339901001",
            "assetCode",
            "3399010102000002",
            "unknownLoad",
            java.util.UUID.randomUUID().toString()));
  }
}
