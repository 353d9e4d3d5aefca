package io.casegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in issuer's authorization code flow, as the consoles' browsers go through it. */
class SigningInWithABrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT = "casegrid-web-console";
  private static final String CALLBACK = "http://127.0.0.1:8081/console/";
  private static final String VERIFIER = "a-verifier-of-the-console-with-enough-length-0123456789";

  // One signing key for the class: generating one takes a second.
  @TempDir static Path home;

  private final MovableClock clock = new MovableClock();
  private IdentityProvider idp;
  private HttpBrowser browser;

  @BeforeEach
  void start() throws Exception {
    idp = IdentityProvider.start(FreePorts.next(), home.resolve("key.pk8"), clock);
    browser = new HttpBrowser();
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  @Test
  void aPersonSignsInWithTheFormAndTheConsoleExchangesItsCodeForTheirTokens() throws Exception {
    HttpResponse<String> form = browser.get(authorizationUrl(Map.of()));
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("<label for=\"username\">", "<label for=\"password\">");

    HttpResponse<String> back = browser.submitLogin(form, "drainage1", "demo");

    assertThat(back.statusCode()).isEqualTo(302);
    Map<String, String> query = queryOf(back);
    assertThat(back.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK + "?");
    assertThat(query).containsEntry("state", "the-state").containsKey("code");
    JsonNode tokens = exchange(query.get("code"), VERIFIER);
    JsonNode id = claims(tokens.path("id_token").asText());
    assertThat(id.path("aud").asText()).isEqualTo(CLIENT);
    assertThat(id.path("nonce").asText()).isEqualTo("the-nonce");
    assertThat(id.path("preferred_username").asText()).isEqualTo("drainage1");
    assertThat(id.path("department").asText()).isEqualTo("DRAINAGE");
    assertThat(id.path("sid").asText()).isEqualTo(query.get("session_state"));
    JsonNode access = claims(tokens.path("access_token").asText());
    assertThat(access.path("aud").asText()).isEqualTo("casegrid");
    assertThat(access.path("azp").asText()).isEqualTo(CLIENT);
    assertThat(access.path("realm_access").path("roles").toString()).contains("department-staff");
    assertThat(tokens.path("refresh_token").asText()).isNotBlank();
  }

  @Test
  void aCodeIsExchangedOnceOnly() throws Exception {
    String code = signIn("operator1");
    assertThat(exchange(code, VERIFIER).has("access_token")).isTrue();

    JsonNode again = exchange(code, VERIFIER);

    assertThat(again.path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void aCodeIsRefusedAfterAMinute() throws Exception {
    String code = signIn("operator1");
    clock.pass(Duration.ofSeconds(61));

    assertThat(exchange(code, VERIFIER).path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void aCodeNeedsTheVerifierOfItsChallenge() throws Exception {
    String code = signIn("operator1");

    JsonNode answer = exchange(code, "another-verifier-that-is-long-enough-to-be-valid-0123456");

    assertThat(answer.path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void theConsoleClientMustSendAnS256Challenge() {
    Map<String, String> withoutChallenge = new HashMap<>(parameters(Map.of()));
    withoutChallenge.remove("code_challenge");
    withoutChallenge.remove("code_challenge_method");
    HttpResponse<String> plain =
        browser.get(authorizationUrl(Map.of("code_challenge_method", "plain")));
    HttpResponse<String> none =
        browser.get(idp.authorizationEndpoint() + "?" + encode(withoutChallenge));

    for (HttpResponse<String> refused : new HttpResponse[] {plain, none}) {
      assertThat(refused.statusCode()).isEqualTo(302);
      assertThat(queryOf(refused)).containsEntry("error", "invalid_request");
    }
  }

  @Test
  void anUnregisteredRedirectUriGetsAnErrorPageAndNeverARedirect() {
    HttpResponse<String> answer =
        browser.get(authorizationUrl(Map.of("redirect_uri", "http://127.0.0.1:9999/steal")));
    HttpResponse<String> climbing =
        browser.get(authorizationUrl(Map.of("redirect_uri", CALLBACK + "../q/evil")));

    for (HttpResponse<String> refused : new HttpResponse[] {answer, climbing}) {
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Location")).isEmpty();
    }
  }

  @Test
  void aRedirectUriClimbingOutOfTheConsoleInDisguiseGetsAnErrorPageAndNeverARedirect() {
    for (String disguised :
        new String[] {
          CALLBACK + "%2e%2e/q/evil",
          CALLBACK + "%2E%2E/q/evil",
          CALLBACK + ".%2e/q/evil",
          CALLBACK + "%252e%252e/q/evil",
          CALLBACK + "..%2fq/evil",
          CALLBACK + "..%5cq/evil",
          CALLBACK + "..\\q/evil",
          CALLBACK + "%5c..%5cq/evil",
          CALLBACK + "..;/q/evil",
          CALLBACK + "x/%2e%2e/%2e%2e/q/evil",
          "http://127.0.0.1:8081/console\\..\\q/evil",
          "http://127.0.0.1:8081/console/%00/",
        }) {
      HttpResponse<String> refused =
          browser.get(authorizationUrl(Map.of("redirect_uri", disguised)));

      assertThat(refused.statusCode()).as(disguised).isEqualTo(400);
      assertThat(refused.headers().firstValue("Location")).as(disguised).isEmpty();
    }
    // What lies within the registered path, as written, still signs in.
    assertThat(
            browser
                .get(authorizationUrl(Map.of("redirect_uri", CALLBACK + "workbench?tab=%E5%BE%85")))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWrongPasswordShowsTheFormAgainAndFiveEndIt() {
    HttpResponse<String> form = browser.get(authorizationUrl(Map.of()));

    HttpResponse<String> wrong = browser.submitLogin(form, "operator1", "not-demo");

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(HttpBrowser.isLoginForm(wrong)).isTrue();
    assertThat(wrong.body()).contains("role=\"alert\"");
    for (int i = 0; i < 3; i++) {
      browser.submitLogin(form, "operator1", "not-demo");
    }
    HttpResponse<String> fifth = browser.submitLogin(form, "operator1", "not-demo");
    assertThat(HttpBrowser.isLoginForm(fifth)).isFalse();
    assertThat(browser.submitLogin(form, "operator1", "demo").statusCode()).isEqualTo(400);
  }

  @Test
  void threeHundredWrongPasswordsInTwoSecondsLockTheUserOutAsTheRealmSays() throws Exception {
    // The realm sets bruteForceProtected and leaves Keycloak's defaults: a failure within a second
    // of the last locks the user out for a minute, and attempts while locked out are refused
    // without looking at the password.
    for (int i = 0; i < 300; i++) {
      clock.pass(Duration.ofMillis(6));
      assertThat(passwordGrant("operator1", "guess-" + i)).isEqualTo(401);
    }

    assertThat(passwordGrant("operator1", "demo")).isEqualTo(401);
    HttpResponse<String> form = browser.get(authorizationUrl(Map.of()));
    assertThat(browser.submitLogin(form, "operator1", "demo").statusCode()).isEqualTo(401);
    assertThat(passwordGrant("inspector1", "demo")).as("another user").isEqualTo(200);
    // A minute from the second guess, 12 ms in.
    clock.pass(Duration.ofSeconds(57));
    assertThat(passwordGrant("operator1", "demo")).isEqualTo(401);
    clock.pass(Duration.ofSeconds(2));
    assertThat(passwordGrant("operator1", "demo")).isEqualTo(200);
  }

  @Test
  void thirtyWrongPasswordsAtAPersonsPaceLockTheUserOutForAMinute() throws Exception {
    for (int i = 0; i < 30; i++) {
      clock.pass(Duration.ofSeconds(2));
      assertThat(passwordGrant("operator1", "guess-" + i)).isEqualTo(401);
    }

    assertThat(passwordGrant("operator1", "demo")).isEqualTo(401);
    clock.pass(Duration.ofSeconds(61));
    assertThat(passwordGrant("operator1", "demo")).isEqualTo(200);
  }

  @Test
  void twoWrongPasswordsWithinASecondLockTheUserOutForAMinute() throws Exception {
    assertThat(passwordGrant("operator1", "guess-1")).isEqualTo(401);
    clock.pass(Duration.ofMillis(500));
    assertThat(passwordGrant("operator1", "guess-2")).isEqualTo(401);

    assertThat(passwordGrant("operator1", "demo")).isEqualTo(401);
    clock.pass(Duration.ofSeconds(61));
    assertThat(passwordGrant("operator1", "demo")).isEqualTo(200);
    // A person mistyping at a person's pace is not locked out.
    clock.pass(Duration.ofSeconds(5));
    assertThat(passwordGrant("operator1", "guess-3")).isEqualTo(401);
    clock.pass(Duration.ofSeconds(5));
    assertThat(passwordGrant("operator1", "demo")).isEqualTo(200);
  }

  @Test
  void aLoginFormIsSubmittedOnlyFromTheBrowserThatOpenedIt() {
    HttpResponse<String> form = browser.get(authorizationUrl(Map.of()));

    HttpResponse<String> elsewhere = new HttpBrowser().submitLogin(form, "operator1", "demo");

    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void aBrowserSignedInGetsACodeAtOnceUntilItSignsOut() throws Exception {
    String first = signIn("operator1");
    JsonNode tokens = exchange(first, VERIFIER);

    HttpResponse<String> again = browser.get(authorizationUrl(Map.of()));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(queryOf(again)).containsKey("code");

    HttpResponse<String> out =
        browser.get(
            idp.issuer()
                + "/protocol/openid-connect/logout?"
                + encode(
                    Map.of(
                        "id_token_hint",
                        tokens.path("id_token").asText(),
                        "post_logout_redirect_uri",
                        CALLBACK,
                        "state",
                        "s1")));
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location")).contains(CALLBACK + "?state=s1");
    assertThat(HttpBrowser.isLoginForm(browser.get(authorizationUrl(Map.of())))).isTrue();
    JsonNode refreshed = refresh(tokens.path("refresh_token").asText());
    assertThat(refreshed.path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void aRefreshTokenGivesNewTokensWhileTheSessionIsUsed() throws Exception {
    JsonNode tokens = exchange(signIn("operator1"), VERIFIER);
    clock.pass(Duration.ofMinutes(50));
    JsonNode refreshed = refresh(tokens.path("refresh_token").asText());
    assertThat(claims(refreshed.path("id_token").asText()).path("sid").asText())
        .isEqualTo(claims(tokens.path("id_token").asText()).path("sid").asText());

    clock.pass(Duration.ofMinutes(61));

    assertThat(refresh(tokens.path("refresh_token").asText()).path("error").asText())
        .isEqualTo("invalid_grant");
  }

  @Test
  void logoutReturnsOnlyToARegisteredPage() throws Exception {
    JsonNode tokens = exchange(signIn("operator1"), VERIFIER);

    HttpResponse<String> answer =
        browser.get(
            idp.issuer()
                + "/protocol/openid-connect/logout?"
                + encode(
                    Map.of(
                        "id_token_hint",
                        tokens.path("id_token").asText(),
                        "post_logout_redirect_uri",
                        "http://127.0.0.1:9999/")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void theBrowserClientTakesNoPassword() throws Exception {
    HttpResponse<String> answer =
        browser.postForm(
            idp.tokenEndpoint(),
            Map.of(
                "grant_type", "password",
                "client_id", CLIENT,
                "username", "operator1",
                "password", "demo"));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(answer.body()).has("access_token")).isFalse();
  }

  private int passwordGrant(String username, String password) {
    return browser
        .postForm(
            idp.tokenEndpoint(),
            Map.of(
                "grant_type",
                "password",
                "client_id",
                AccessTokens.CONSOLE_CLIENT,
                "username",
                username,
                "password",
                password))
        .statusCode();
  }

  private String signIn(String username) {
    HttpResponse<String> back =
        browser.submitLogin(browser.get(authorizationUrl(Map.of())), username, "demo");
    assertThat(back.statusCode()).isEqualTo(302);
    return queryOf(back).get("code");
  }

  private JsonNode exchange(String code, String verifier) throws Exception {
    return JSON.readTree(
        browser
            .postForm(
                idp.tokenEndpoint(),
                Map.of(
                    "grant_type", "authorization_code",
                    "client_id", CLIENT,
                    "code", code,
                    "redirect_uri", CALLBACK,
                    "code_verifier", verifier))
            .body());
  }

  private JsonNode refresh(String refreshToken) throws Exception {
    return JSON.readTree(
        browser
            .postForm(
                idp.tokenEndpoint(),
                Map.of(
                    "grant_type",
                    "refresh_token",
                    "client_id",
                    CLIENT,
                    "refresh_token",
                    refreshToken))
            .body());
  }

  private String authorizationUrl(Map<String, String> changes) {
    return idp.authorizationEndpoint() + "?" + encode(parameters(changes));
  }

  private static Map<String, String> parameters(Map<String, String> changes) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", CLIENT);
    p.put("redirect_uri", CALLBACK);
    p.put("scope", "openid");
    p.put("state", "the-state");
    p.put("nonce", "the-nonce");
    p.put("code_challenge", s256(VERIFIER));
    p.put("code_challenge_method", "S256");
    p.putAll(changes);
    return p;
  }

  private static Map<String, String> queryOf(HttpResponse<String> redirect) {
    String location = redirect.headers().firstValue("Location").orElseThrow();
    Map<String, String> query = new HashMap<>();
    Matcher m = Pattern.compile("[?&]([^=&]+)=([^&]*)").matcher(URI.create(location).toString());
    while (m.find()) {
      query.put(m.group(1), java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    }
    return query;
  }

  private static JsonNode claims(String jwt) throws Exception {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> parameters) {
    StringBuilder s = new StringBuilder();
    parameters.forEach(
        (k, v) ->
            s.append(s.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return s.toString();
  }

  /** Time a test moves on, for lifetimes of minutes. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    void pass(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
