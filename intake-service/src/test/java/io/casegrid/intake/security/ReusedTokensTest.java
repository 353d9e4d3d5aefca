package io.casegrid.intake.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A bearer token sent again is answered from the verified tokens without being verified again
 * (io.casegrid.kit.security.VerifiedTokens, ahead of Quarkus OIDC's identity provider), and that
 * changes nothing a client can tell: a token stops working when it expires, one altered after it
 * was accepted is refused, it is taken from the header exactly as Quarkus OIDC takes it, and a
 * console page still asks for the console's sign-in.
 */
@QuarkusTest
class ReusedTokensTest {

  @Test
  void refusesATokenAcceptedManyTimesOnceItHasExpired() {
    String token =
        TestInfrastructure.shared().identity().tokenFor("operator1", Instant.now().plusSeconds(4));
    for (int i = 0; i < 3; i++) {
      assertThat(findCase(token)).isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(15)).until(() -> findCase(token) == 401);
  }

  @Test
  void refusesRolesAddedUnderTheSignatureOfATokenAcceptedBefore() {
    String token =
        TestInfrastructure.shared()
            .identity()
            .tokenFor("inspector1", Instant.now().plusSeconds(300));
    assertThat(findCase(token)).isEqualTo(403);

    String[] parts = token.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String withOperator = claims.replace("\"inspector\"", "\"operator\"");
    assertThat(withOperator).isNotEqualTo(claims);
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(withOperator.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThat(findCase(forged)).isEqualTo(401);
    assertThat(findCase(token)).isEqualTo(403);
  }

  @Test
  void takesATokenAcceptedBeforeFromTheHeaderAsQuarkusOidcDoes() {
    String token =
        TestInfrastructure.shared()
            .identity()
            .tokenFor("operator1", Instant.now().plusSeconds(300));
    assertThat(findCase(token)).isEqualTo(200);

    assertThat(findCaseWithHeader("bearer " + token)).isEqualTo(200);
    assertThat(findCaseWithHeader("Token " + token)).isEqualTo(401);
    assertThat(findCaseWithHeader(token)).isEqualTo(401);
  }

  @Test
  void sendsAConsolePageToTheConsolesSignInEvenWithATokenAcceptedBefore() {
    String token =
        TestInfrastructure.shared()
            .identity()
            .tokenFor("operator1", Instant.now().plusSeconds(300));
    assertThat(findCase(token)).isEqualTo(200);

    int page =
        RestAssured.given()
            .redirects()
            .follow(false)
            .auth()
            .oauth2(token)
            .get("/console/")
            .statusCode();

    assertThat(page).isEqualTo(302);
  }

  private static int findCaseWithHeader(String authorization) {
    return RestAssured.given()
        .header("Authorization", authorization)
        .queryParam("number", "2026112300000001")
        .get("/api/cases")
        .statusCode();
  }

  private static int findCase(String token) {
    return RestAssured.given()
        .auth()
        .oauth2(token)
        .queryParam("number", "2026112300000001")
        .get("/api/cases")
        .statusCode();
  }
}
