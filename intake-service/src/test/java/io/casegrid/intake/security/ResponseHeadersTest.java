package io.casegrid.intake.security;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.DemoCity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No browser or proxy keeps an answer of the API, and none takes it for another type: the
 * operator's view of a case holds the caller's full phone number. Swagger UI cannot be framed by
 * another site and loads nothing from elsewhere.
 */
@QuarkusTest
class ResponseHeadersTest {

  @Test
  void theOperatorsViewWithTheFullPhoneIsNeitherCachedNorSniffed() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
    String id =
        as("operator1")
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "kind", "COMPLAINT",
                    "channel", "HOTLINE",
                    "categoryCode", "0102",
                    "description", "井盖缺失",
                    "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                    "reporter", Map.of("anonymous", false, "name", "张三", "phone", "13800001111")))
            .post("/api/cases")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    Response view = as("operator1").get("/api/cases/" + id);

    assertThat(view.statusCode()).isEqualTo(200);
    assertThat(view.jsonPath().getString("reporterPhone")).isEqualTo("13800001111");
    assertNotKept(view);
  }

  @Test
  void refusalsAndOpen311AnswersAreNeitherCachedNorSniffed() {
    assertNotKept(as("operator1").contentType(ContentType.JSON).body("{").post("/api/cases"));
    assertNotKept(RestAssured.get("/api/cases/" + java.util.UUID.randomUUID()));
    assertNotKept(RestAssured.get("/open311/v2/services.json"));
    assertNotKept(RestAssured.get("/open311/v2/services.xml"));
  }

  @Test
  void swaggerUiCannotBeFramedAndLoadsOnlyFromItsOwnOrigin() {
    Response page = RestAssured.given().redirects().follow(true).get("/q/swagger-ui/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'")
        .contains("object-src 'none'");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  private static void assertNotKept(Response answer) {
    assertThat(answer.header("Cache-Control")).as(answer.asString()).isEqualTo("no-store");
    assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }
}
