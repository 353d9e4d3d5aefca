package io.casegrid.intake.console;

import static io.casegrid.embedded.DemoUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.HttpBrowser;
import io.casegrid.embedded.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People open the operator console in a browser: they are sent to the identity provider's login
 * page, come back with a session cookie, and the page's calls to the API need the session's request
 * token besides the cookie.
 */
@QuarkusTest
class SigningInToTheConsoleTest {

  private static final String COMPLAINT =
      """
      {"kind": "COMPLAINT", "channel": "HOTLINE", "categoryCode": "0102",
       "description": "井盖缺失", "position": {"latitude": 30.215, "longitude": 120.0865},
       "reporter": {"anonymous": true}}""";

  @TestHTTPResource("/")
  URL root;

  @Inject EntityManager entityManager;

  private HttpBrowser browser;
  private String console;

  @BeforeEach
  void openABrowser() {
    as("admin1")
        .contentType(ContentType.JSON)
        .body(DemoCity.json("intake"))
        .put(DemoCity.ADMIN_PATH)
        .then()
        .statusCode(200);
    String service = root.toString().replaceAll("/$", "");
    console = service + "/console/";
    // The service listens on a port of the test's choosing: register it as an administrator would.
    TestInfrastructure.shared().identity().allowConsolesAt(service);
    browser = new HttpBrowser();
  }

  @Test
  void anOperatorIsSentToTheLoginPageWithPkceAndComesBackToTheIntakeForm() {
    HttpResponse<String> first = browser.get(console);

    assertThat(first.statusCode()).isEqualTo(302);
    String login = first.headers().firstValue("Location").orElseThrow();
    assertThat(login)
        .startsWith(TestInfrastructure.shared().identity().authorizationEndpoint())
        .contains("client_id=casegrid-web-console", "code_challenge_method=S256")
        .contains("state=", "nonce=", "code_challenge=");
    HttpResponse<String> form = browser.follow(first);
    assertThat(HttpBrowser.isLoginForm(form)).isTrue();

    HttpResponse<String> page =
        browser.follow(browser.submitLogin(form, "operator1", AccessTokens.DEMO_PASSWORD));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).isEqualTo(console);
    assertThat(page.body())
        .contains("<html lang=\"zh-CN\">", "12345 热线受理台", "id=\"intake-form\"", "Li Na")
        .contains("data-code=\"339901001001001\"", "0102 污水井盖");
    URI provider = URI.create(TestInfrastructure.shared().identity().authorizationEndpoint());
    // Forms go to the page's own service, and sign-out's answer on to the identity provider.
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "frame-ancestors 'none'")
        .contains(
            "form-action 'self' "
                + provider.getScheme()
                + "://"
                + provider.getHost()
                + ":"
                + provider.getPort()
                + ";");
    assertThat(browser.cookie(console, "q_session_console_intake-service")).isPresent();
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStaysOnTheSameSite() {
    HttpResponse<String> back =
        browser.submitLogin(browser.follow(browser.get(console)), "operator1", "demo");
    HttpResponse<String> callback =
        browser.get(back.headers().firstValue("Location").orElseThrow());

    List<String> session =
        callback.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("q_session_console_intake-service"))
            .toList();
    assertThat(session)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c).containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
  }

  @Test
  void thePageCallsTheApiWithItsSessionAndItsRequestToken() {
    String token = HttpBrowser.requestToken(signedIn("operator1")).orElseThrow();

    HttpResponse<String> registered = post("/api/cases", COMPLAINT, token);

    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(registered.body()).contains("\"caseNumber\"");
    String number = registered.body().replaceAll(".*\"caseNumber\":\"(\\d+)\".*", "$1");
    HttpResponse<String> found =
        browser.send(
            HttpRequest.newBuilder(URI.create(api("/api/cases?number=" + number)))
                .header("X-CSRF-Token", token));
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains(number);
  }

  @Test
  void theSessionCookieAloneReadsAndChangesNothing() {
    String token = HttpBrowser.requestToken(signedIn("operator1")).orElseThrow();
    long before = storedCases();

    HttpResponse<String> withoutToken = post("/api/cases", COMPLAINT, null);
    HttpResponse<String> withAnotherToken = post("/api/cases", COMPLAINT, token + "x");
    HttpResponse<String> readWithoutToken = browser.get(api("/api/cases?phone=13812341234"));

    for (HttpResponse<String> refused : List.of(withoutToken, withAnotherToken, readWithoutToken)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/problem+json");
      assertThat(refused.body()).contains("urn:casegrid:problem:csrf");
    }
    assertThat(storedCases()).isEqualTo(before);
  }

  @Test
  void theConsoleOpensWithoutItsTrailingSlashToo() {
    HttpResponse<String> page =
        browser.openSignedIn(api("/console"), "operator1", AccessTokens.DEMO_PASSWORD);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"intake-form\"");
  }

  @Test
  void withoutASessionTheApiStillAnswers401() {
    HttpResponse<String> answer = browser.get(api("/api/cases?number=2026112300000001"));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.body()).contains("urn:casegrid:problem:unauthenticated");
  }

  @Test
  void aMemberOfStaffIsToldTheConsoleIsNotForTheirRole() {
    HttpResponse<String> page = signedIn("drainage1");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("您的角色不能使用这个控制台").doesNotContain("intake-form");
  }

  @Test
  void theConsoleSpeaksEnglishOnceChosen() {
    signedIn("operator1");
    browser.setCookie(console, "casegrid-lang", "en");

    HttpResponse<String> page = browser.get(console);

    assertThat(page.body())
        .contains("<html lang=\"en\">", "12345 hotline desk", "Sewage manhole cover");
  }

  @Test
  void signingOutEndsTheSessionHereAndAtTheIdentityProvider() {
    String token = HttpBrowser.requestToken(signedIn("operator1")).orElseThrow();

    HttpResponse<String> out = browser.postForm(console + "logout", Map.of("csrf-token", token));

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Location").orElseThrow())
        .contains("/protocol/openid-connect/logout", "id_token_hint=", "post_logout_redirect_uri=");
    HttpResponse<String> after = browser.follow(out);
    assertThat(HttpBrowser.isLoginForm(after)).isTrue();
    assertThat(browser.get(api("/api/cases?number=2026112300000001")).statusCode()).isEqualTo(401);
  }

  @Test
  void openingTheSignOutAddressOnlyAsksAndAPostWithoutTheTokenIsRefused() {
    String token = HttpBrowser.requestToken(signedIn("operator1")).orElseThrow();

    HttpResponse<String> opened = browser.get(console + "logout");
    HttpResponse<String> forged = browser.postForm(console + "logout", Map.of());
    HttpResponse<String> wrongToken =
        browser.postForm(console + "logout", Map.of("csrf-token", token + "x"));

    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body())
        .contains("要退出登录吗？", "method=\"post\" action=\"/console/logout\"", token);
    for (HttpResponse<String> refused : List.of(forged, wrongToken)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("urn:casegrid:problem:csrf");
    }
    HttpResponse<String> stillSignedIn = browser.get(console);
    assertThat(stillSignedIn.statusCode()).isEqualTo(200);
    assertThat(stillSignedIn.body()).contains("id=\"intake-form\"");
  }

  private HttpResponse<String> signedIn(String username) {
    return browser.openSignedIn(console, username, AccessTokens.DEMO_PASSWORD);
  }

  private HttpResponse<String> post(String path, String json, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("X-CSRF-Token", token);
    }
    return browser.send(request);
  }

  private String api(String path) {
    return root.toString().replaceAll("/$", "") + path;
  }

  private long storedCases() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entityManager
                    .createQuery("SELECT count(c) FROM CaseRecord c", Long.class)
                    .getSingleResult());
  }
}
