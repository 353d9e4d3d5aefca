package io.casegrid.supervision.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.HttpBrowser;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.kit.console.ConsoleTexts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Leaders, the supervision centre and administrators open the leadership dashboard in a browser;
 * department staff are told it is not for them. The page loads its charting library from the
 * service itself and reads the metrics with the session's request token.
 */
@QuarkusTest
class OpeningTheDashboardTest {

  @TestHTTPResource("/")
  URL root;

  private HttpBrowser browser;
  private String console;

  @BeforeEach
  void openABrowser() {
    String service = root.toString().replaceAll("/$", "");
    console = service + "/console/";
    // The service listens on a port of the test's choosing: register it as an administrator would.
    TestInfrastructure.shared().identity().allowConsolesAt(service);
    browser = new HttpBrowser();
  }

  @ParameterizedTest
  @ValueSource(strings = {"leader1", "supervisor1", "admin1"})
  void theDashboardOpensForLeadersTheSupervisionCentreAndAdministrators(String username) {
    HttpResponse<String> page = signedIn(username);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().toString()).isEqualTo(console);
    assertThat(page.body())
        .contains("<html lang=\"zh-CN\">", "领导驾驶舱", "id=\"hotspot-map\"", "id=\"trend-table\"")
        .contains("/webjars/echarts/5.3.1/dist/echarts.min.js", "/console-assets/supervision/")
        .contains(
            "id=\"ranking-departments\"", "id=\"overdue-table\"", "data-bulletin=\"monthly\"");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "connect-src 'self'");
  }

  @Test
  void aMemberOfDepartmentStaffIsToldTheDashboardIsNotForTheirRole() {
    HttpResponse<String> page = signedIn("drainage1");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("您的角色不能使用这个控制台").doesNotContain("hotspot-map");
  }

  @Test
  void theMonthsOfTheLastYearAreOfferedNewestFirst() {
    String body = signedIn("leader1").body();

    Matcher months = Pattern.compile("<option value=\"(\\d{4}-\\d{2})\">").matcher(body);
    assertThat(months.results().map(m -> m.group(1)).toList())
        .hasSize(12)
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void theMonthsFiguresAreOfferedPerDepartmentDistrictStreetGridAndCategory() {
    String body = signedIn("leader1").body();

    Matcher groupings =
        Pattern.compile("<option value=\"([a-z]+)\">([^<]+)</option>").matcher(body);
    assertThat(groupings.results().map(m -> m.group(1) + "=" + m.group(2)).toList())
        .containsExactly("department=部门", "district=区县", "street=街道", "grid=网格", "category=类别");
    assertThat(body).contains("id=\"group-street\"", "id=\"groups-table\"");
  }

  @Test
  void theChartingLibraryComesFromTheServiceItself() {
    HttpResponse<String> library = browser.get(api("/webjars/echarts/5.3.1/dist/echarts.min.js"));

    assertThat(library.statusCode()).isEqualTo(200);
    assertThat(library.body()).contains("echarts");
  }

  @Test
  void thePageReadsTheMetricsWithItsRequestTokenAndNotWithoutIt() {
    String token = HttpBrowser.requestToken(signedIn("leader1")).orElseThrow();

    HttpResponse<String> withToken =
        browser.send(
            HttpRequest.newBuilder(URI.create(api("/api/metrics?period=month")))
                .header("X-CSRF-Token", token));
    HttpResponse<String> withoutToken = browser.get(api("/api/metrics?period=month"));

    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.body()).contains("\"total\"");
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("urn:casegrid:problem:csrf");
  }

  @Test
  void theDashboardSpeaksEnglishOnceChosen() {
    signedIn("leader1");
    browser.setCookie(console, "casegrid-lang", "en");

    HttpResponse<String> page = browser.get(console);

    assertThat(page.body())
        .contains("<html lang=\"en\">", "Leadership dashboard", "Closed on time")
        .contains(
            "<option value=\"street\">Street</option>", "<option value=\"grid\">Grid</option>");
  }

  @Test
  void everyTextOfTheDashboardIsThereInChineseAndInEnglish() {
    for (String language : ConsoleTexts.LANGUAGES) {
      assertThat(ConsoleTexts.missingKeys("supervision", language)).as(language).isEmpty();
    }
  }

  private HttpResponse<String> signedIn(String username) {
    return browser.openSignedIn(console, username, AccessTokens.DEMO_PASSWORD);
  }

  private String api(String path) {
    return root.toString().replaceAll("/$", "") + path;
  }
}
