package io.casegrid.dispatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.HttpBrowser;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TestPhotos;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People open dispatch's consoles in a browser: each comes back from the login to the console of
 * their role (the department workbench, the dispatcher's console, the verification tasks), is
 * refused the others, and the page's calls to the API work with the session and its request token.
 */
@QuarkusTest
class OpeningTheDispatchConsolesTest {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"");

  @TestHTTPResource("/")
  URL root;

  private HttpBrowser browser;

  @BeforeEach
  void openABrowser() {
    DemoCases.loadDepartmentsAndRouting();
    // The service listens on a port of the test's choosing: register it as an administrator would.
    TestInfrastructure.shared().identity().allowConsolesAt(url(""));
    browser = new HttpBrowser();
  }

  @Test
  void aMemberOfStaffComesBackFromTheLoginToTheirDepartmentsWorkbench() {
    HttpResponse<String> page = signedIn("/console/", "drainage1");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).isEqualTo(url("/console/workbench"));
    assertThat(page.body())
        .contains("<html lang=\"zh-CN\">", "部门工作台", "data-department=\"DRAINAGE\"")
        .contains("id=\"sign-form\"", "id=\"resolve-form\"", "id=\"return-form\"")
        .contains("id=\"approval-form\"", "id=\"referral-form\"", "id=\"resume-form\"")
        .contains("非本单位部件")
        .doesNotContain("id=\"assign-form\"", "id=\"verify-form\"");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "frame-ancestors 'none'");
  }

  @Test
  void aDepartmentLeadOpensTheWorkbenchToo() {
    HttpResponse<String> page = signedIn("/console/workbench", "drainage-lead");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-department=\"DRAINAGE\"");
  }

  @Test
  void theDispatcherComesBackToTheArbitrationQueueAndTheApprovals() {
    HttpResponse<String> page = signedIn("/console", "dispatcher1");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).isEqualTo(url("/console/dispatcher"));
    assertThat(page.body())
        .contains("派遣员工作台", "id=\"assign-form\"", "id=\"approval-list\"")
        .doesNotContain("id=\"sign-form\"");
  }

  @Test
  void inspectorsVerifyTheGridsCasesAndOperatorsTheCitizens() {
    HttpResponse<String> inspector = signedIn("/console/", "inspector1");
    assertThat(inspector.uri().toString()).isEqualTo(url("/console/verification"));
    assertThat(inspector.body()).contains("id=\"verify-form\"", "data-verifier=\"GRID_INSPECTOR\"");

    HttpResponse<String> operator =
        new HttpBrowser()
            .openSignedIn(url("/console/verification"), "operator1", AccessTokens.DEMO_PASSWORD);
    assertThat(operator.statusCode()).isEqualTo(200);
    assertThat(operator.body()).contains("data-verifier=\"HOTLINE\"");
  }

  @Test
  void eachConsoleTellsTheOtherRolesItIsNotForThem() {
    HttpResponse<String> staffAtDispatch = signedIn("/console/dispatcher", "drainage1");
    HttpResponse<String> staffAtVerification = browser.get(url("/console/verification"));

    for (HttpResponse<String> refused : new HttpResponse[] {staffAtDispatch, staffAtVerification}) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("您的角色不能使用这个控制台").doesNotContain("assign-form");
    }
    HttpResponse<String> dispatcherAtWorkbench =
        new HttpBrowser()
            .openSignedIn(url("/console/workbench"), "dispatcher1", AccessTokens.DEMO_PASSWORD);
    assertThat(dispatcherAtWorkbench.statusCode()).isEqualTo(403);
    HttpResponse<String> supervisor =
        new HttpBrowser().openSignedIn(url("/console/"), "supervisor1", AccessTokens.DEMO_PASSWORD);
    assertThat(supervisor.statusCode()).isEqualTo(403);
  }

  @Test
  void theWorkbenchSignsForAndReportsBackWithItsSessionAndRequestToken() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, "DRAINAGE"));
    String token = requestToken(signedIn("/console/workbench", "drainage1"));
    String work = "/api/departments/DRAINAGE/cases/" + id;

    HttpResponse<String> queue = get("/api/departments/DRAINAGE/queue?size=100", token);
    HttpResponse<String> signed = post(work + "/sign", "application/json", "{}".getBytes(), token);
    HttpResponse<String> photo = post(work + "/photos", "image/png", TestPhotos.png(), token);
    HttpResponse<String> resolved =
        post(work + "/resolve", "application/json", "{\"result\":\"已补盖\"}".getBytes(), token);

    assertThat(queue.statusCode()).isEqualTo(200);
    assertThat(queue.body()).contains(id.toString());
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.body()).contains("\"state\":\"SIGNED\"");
    assertThat(photo.statusCode()).isEqualTo(201);
    assertThat(resolved.statusCode()).isEqualTo(200);
    assertThat(resolved.body()).contains("\"state\":\"RESOLVED\"", "已补盖");
  }

  @Test
  void aProblemNamesTheFieldTheWorkbenchMarks() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, "DRAINAGE"));
    HttpResponse<String> page = signedIn("/console/workbench", "drainage1");
    String token = requestToken(page);

    HttpResponse<String> refused =
        post(
            "/api/departments/DRAINAGE/cases/" + id + "/return",
            "application/json",
            "{\"reasonCode\":\"NOT_OUR_ASSET\",\"reason\":\"\"}".getBytes(),
            token);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"field\":\"reason\"");
    assertThat(page.body()).contains("name=\"reason\" data-field=\"reason\"");
  }

  @Test
  void withoutTheRequestTokenTheSessionChangesNothing() {
    UUID id = DemoCases.dispatched(DemoCases.reported("0102", DemoCases.HUBIN, "DRAINAGE"));
    signedIn("/console/workbench", "drainage1");

    HttpResponse<String> refused =
        post("/api/departments/DRAINAGE/cases/" + id + "/sign", "application/json", null, null);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("urn:casegrid:problem:csrf");
    assertThat(DemoCases.seen(DemoCases.events(), id, io.casegrid.events.CaseSigned.class))
        .isEmpty();
  }

  @Test
  void theWorkbenchSpeaksEnglishOnceChosen() {
    signedIn("/console/workbench", "drainage1");
    browser.setCookie(url("/console/"), "casegrid-lang", "en");

    HttpResponse<String> page = browser.get(url("/console/workbench"));

    assertThat(page.body())
        .contains("<html lang=\"en\">", "Department workbench", "Report back", "Not our asset");
  }

  private HttpResponse<String> signedIn(String path, String username) {
    return browser.openSignedIn(url(path), username, AccessTokens.DEMO_PASSWORD);
  }

  private static String requestToken(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isNotBlank();
    return m.group(1);
  }

  private HttpResponse<String> get(String path, String token) {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url(path))).header("X-CSRF-Token", token));
  }

  private HttpResponse<String> post(String path, String type, byte[] body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", type)
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("X-CSRF-Token", token);
    }
    return browser.send(request);
  }

  private String url(String path) {
    return root.toString().replaceAll("/$", "") + path;
  }
}
