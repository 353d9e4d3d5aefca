package io.casegrid.intake.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.HttpBrowser;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.intake.IntakeFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inspectors and owners' staff open the campaign page on their phones; it is not for the other
 * roles. The page carries the names the API's codes are shown by; what a campaign offers (its
 * items, its defect kinds) it reads from the API.
 */
@QuarkusTest
class OpeningTheInspectionPageTest {

  @TestHTTPResource("/")
  URL root;

  private HttpBrowser browser;
  private String page;

  @BeforeEach
  void openABrowser() {
    IntakeFixtures.loadTheDemoCity();
    String service = root.toString().replaceAll("/$", "");
    page = service + "/console/campaigns";
    TestInfrastructure.shared().identity().allowConsolesAt(service);
    browser = new HttpBrowser();
  }

  private HttpResponse<String> signedIn(String user) {
    return browser.openSignedIn(page, user, AccessTokens.DEMO_PASSWORD);
  }

  @Test
  void anInspectorGetsThePhonePageWithTheCitysNamesForItsCodes() {
    HttpResponse<String> opened = signedIn("inspector1");

    assertThat(opened.statusCode()).isEqualTo(200);
    assertThat(opened.body())
        .contains("<html lang=\"zh-CN\">", "专项排查", "name=\"viewport\"")
        .contains("id=\"result-form\"", "id=\"found-form\"", "capture=\"environment\"")
        .contains("/console-assets/intake/campaigns.js", "/console-assets/intake/campaigns.css")
        // Departments for a wrong owner, component kinds for a found cover, district centres.
        .contains("<option value=\"DRAINAGE\">")
        .contains("<option value=\"0102\">0102 污水井盖</option>")
        .containsPattern("<option value=\"339901\" data-latitude=\"30\\.\\d+\" data-longitude=");
    assertThat(HttpBrowser.requestToken(opened)).isPresent();
    assertThat(opened.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
  }

  @Test
  void anOwnersMemberOfStaffGetsItToo() {
    assertThat(signedIn("drainage1").body()).contains("id=\"result-form\"");
  }

  @Test
  void anOperatorIsToldThePageIsNotForTheirRole() {
    HttpResponse<String> opened = signedIn("operator1");

    assertThat(opened.statusCode()).isEqualTo(403);
    assertThat(opened.body()).contains("您的角色不能使用这个控制台").doesNotContain("result-form");
  }

  @Test
  void thePageSpeaksEnglishOnceChosen() {
    signedIn("inspector1");
    browser.setCookie(page, "casegrid-lang", "en");

    assertThat(browser.get(page).body())
        .contains(
            "<html lang=\"en\">", "Campaign inspection", "Record a cover not in the register");
  }
}
