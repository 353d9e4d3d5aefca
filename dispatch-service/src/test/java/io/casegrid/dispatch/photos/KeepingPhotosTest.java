package io.casegrid.dispatch.photos;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.TestPhotos;
import io.casegrid.events.CaseReported;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A department's evidence photos: checked, kept with the case, shown only to its readers. */
@QuarkusTest
class KeepingPhotosTest {

  @BeforeEach
  void loadDepartmentsAndRouting() {
    DemoCases.loadDepartmentsAndRouting();
  }

  private static UUID drainageCase() {
    CaseReported cover = DemoCases.reported("0102", DemoCases.HUBIN, null);
    return DemoCases.dispatched(cover);
  }

  private static Response upload(UUID id, String type, byte[] body, String fileName) {
    return as("drainage1")
        .contentType(type)
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"))
        .body(body)
        .post("/api/departments/DRAINAGE/cases/" + id + "/photos");
  }

  private static int photosOf(UUID id) {
    return as("dispatcher1").get("/api/cases/" + id + "/photos").then().extract().path("size()");
  }

  @Test
  void keepsADepartmentsEvidenceAndServesItBackAsTheSameBytes() {
    UUID id = drainageCase();
    byte[] photo = TestPhotos.jpeg();

    String photoId =
        upload(id, "image/jpeg", photo, "../../etc/井盖-after.jpg")
            .then()
            .statusCode(201)
            .body("purpose", equalTo("EVIDENCE"))
            .body("uploadedBy", equalTo("drainage1"))
            .body("fileName", equalTo("井盖-after.jpg"))
            .body("sizeBytes", equalTo(photo.length))
            .extract()
            .path("id");

    Response served = as("dispatcher1").get("/api/cases/" + id + "/photos/" + photoId);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.contentType()).isEqualTo("image/jpeg");
    assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(served.header("Content-Disposition")).startsWith("attachment;");
    assertThat(served.asByteArray()).isEqualTo(photo);
  }

  @Test
  void refusesAScriptDeclaredAsAPhotoAndStoresNothing() {
    UUID id = drainageCase();

    upload(id, "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "x.png")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:not-a-photo"));
    upload(id, "image/jpeg", TestPhotos.png(), "a.jpg").then().statusCode(415);

    assertThat(photosOf(id)).isZero();
  }

  @Test
  void refusesAPhotoLargerThanTheLimitAsProblemJson() {
    UUID id = drainageCase();
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(TestPhotos.png(), 0, big, 0, 8);

    upload(id, "image/png", big, "big.png")
        .then()
        .statusCode(413)
        .contentType("application/problem+json");

    assertThat(photosOf(id)).isZero();
  }

  @Test
  void hidesAnotherDepartmentsPhotosAsIfTheCaseDidNotExist() {
    UUID id = drainageCase();
    String photoId =
        upload(id, "image/png", TestPhotos.png(), "p.png")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    as("water1").get("/api/cases/" + id + "/photos").then().statusCode(404);
    as("water1").get("/api/cases/" + id + "/photos/" + photoId).then().statusCode(404);
    as("water1")
        .contentType("image/png")
        .body(TestPhotos.png())
        .post("/api/departments/DRAINAGE/cases/" + id + "/photos")
        .then()
        .statusCode(403);
    assertThat(photosOf(id)).isEqualTo(1);
  }
}
