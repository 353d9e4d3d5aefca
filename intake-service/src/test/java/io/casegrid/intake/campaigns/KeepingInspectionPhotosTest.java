package io.casegrid.intake.campaigns;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.embedded.TestPhotos;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An inspector's photo is kept before the result that names it: the service checks it like any
 * photo, answers the link the result carries, serves it back under that link, and keeps it once
 * however often the phone sends it again.
 */
@QuarkusTest
class KeepingInspectionPhotosTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  @Inject EntityManager entityManager;

  @BeforeEach
  void loadTheDemoCity() {
    IntakeFixtures.loadTheDemoCity();
  }

  private static String campaign() {
    return as("supervisor1")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "井盖照片（测试）",
                "scope",
                Map.of(
                    "categoryCodes",
                    List.of("0102"),
                    "areaCodes",
                    List.of("339901"),
                    "registerAsOf",
                    TODAY.toString()),
                "period",
                Map.of(
                    "startsOn", TODAY.minusDays(1).toString(),
                    "inspectBy", TODAY.plusDays(10).toString(),
                    "rectifyBy", TODAY.plusDays(30).toString(),
                    "rectificationWorkingDays", 10)))
        .post("/api/campaigns")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Response send(String campaign, byte[] photo, String type, String key) {
    var request =
        as("inspector1")
            .contentType(type)
            .header("Content-Disposition", "attachment; filename=\"cover.png\"")
            .body(photo);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.post("/api/campaigns/" + campaign + "/photos");
  }

  private long photosKept() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery("SELECT count(*) FROM attachment")
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void aPhotoIsKeptAndServedUnderTheLinkAResultNamesItBy() {
    String campaign = campaign();
    byte[] png = TestPhotos.png();

    Response kept = send(campaign, png, "image/png", null);

    kept.then().statusCode(201).body("mediaType", equalTo("image/png"));
    String link = kept.path("link");
    assertThat(link)
        .startsWith("http://")
        .endsWith("/api/campaigns/" + campaign + "/photos/" + kept.path("id"))
        .matches(io.casegrid.intake.cases.RegisterCase.MEDIA_URL);
    assertThat(kept.header("Location")).isEqualTo(link);
    byte[] served =
        as("supervisor1")
            .accept("image/png")
            .get(java.net.URI.create(link).getPath())
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    assertThat(served).isEqualTo(png);
  }

  @Test
  void aPhotoSentAgainWithItsKeyIsKeptOnce() {
    String campaign = campaign();
    String key = UUID.randomUUID().toString();
    Response first = send(campaign, TestPhotos.png(), "image/png", key);
    long kept = photosKept();

    Response again = send(campaign, TestPhotos.png(), "image/png", key);

    again.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertThat(again.<String>path("link")).isEqualTo(first.path("link"));
    assertThat(photosKept()).isEqualTo(kept);
  }

  @Test
  void whatIsNoPhotoIsRefusedAndNothingKept() {
    String campaign = campaign();
    long before = photosKept();

    send(campaign, "not a photo".getBytes(), "image/png", null)
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:casegrid:problem:not-a-photo"));

    assertThat(photosKept()).isEqualTo(before);
  }

  @Test
  void aPhotoIsReadOnlyUnderItsOwnCampaignAndNoCasesPhotoUnderAny() {
    String campaign = campaign();
    String photo = send(campaign, TestPhotos.png(), "image/png", null).path("id");
    String caseId = IntakeFixtures.registerAComplaint().getString("id");
    String casePhoto =
        as("operator1")
            .contentType("image/png")
            .body(TestPhotos.png())
            .post("/api/cases/" + caseId + "/photos")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    as("supervisor1")
        .get("/api/campaigns/" + campaign() + "/photos/" + photo)
        .then()
        .statusCode(404);
    for (String id : List.of(casePhoto, caseId)) {
      as("supervisor1").get("/api/campaigns/" + campaign + "/photos/" + id).then().statusCode(404);
    }
  }

  @Test
  void anEndedCampaignTakesNoMorePhotos() {
    String campaign = campaign();
    as("supervisor1").post("/api/campaigns/" + campaign + "/launch").then().statusCode(200);
    as("supervisor1").post("/api/campaigns/" + campaign + "/end").then().statusCode(200);
    long before = photosKept();

    send(campaign, TestPhotos.png(), "image/png", null)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:casegrid:problem:campaign-ended"));

    assertThat(photosKept()).isEqualTo(before);
  }
}
