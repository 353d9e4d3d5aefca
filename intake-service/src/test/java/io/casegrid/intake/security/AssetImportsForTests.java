package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An import of the asset register for the security tests to read. */
final class AssetImportsForTests {

  private AssetImportsForTests() {}

  /**
   * The id of an import of a file with a header and no rows, once it has finished, so that nothing
   * it does runs while the tests count rows.
   */
  static String finishedEmptyImport() {
    String location =
        as("admin1")
            .config(
                RestAssured.config()
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
            .contentType("text/csv")
            .body(
                "code,categoryCode,latitude,longitude,ownerDepartmentCode\n"
                    .getBytes(StandardCharsets.UTF_8))
            .post("/api/admin/asset-imports")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> as("admin1").get(location).path("state").equals("DONE"));
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
