package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.casegrid.citypackage.PackageWriter;
import io.casegrid.embedded.TestInfrastructure;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * A new city's administrator, in a real browser (headless Chromium), turns an empty installation
 * into the second city of the repository (deploy/demo/second-city): loads its package in the
 * administrator's console, reads the diff, applies it, browses the map, departments, rules,
 * calendar and policies, previews a routing, changes one calendar day and one routing rule through
 * the same check; then an operator files a case in the new city, which dispatch routes by the new
 * city's rules. Screenshots go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleIT {

  private static final Path SECOND_CITY =
      Path.of(System.getProperty("casegrid.repo.root", "../.."), "deploy/demo/second-city");

  private static LocalStack system;
  private static Path home;
  private static ConsoleBrowser browser;
  private static String console;

  @BeforeAll
  static void anEmptyInstallation() throws IOException {
    home = Files.createTempDirectory("casegrid-admin-");
    system = LocalStack.start(RunningSystem.onFreePorts(home), "none");
    browser = ConsoleBrowser.open();
    console = system.url("intake") + "/console/admin";
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.close();
    }
    system.close();
    TestInfrastructure.deleteRecursively(home);
  }

  private static RequestSpecification as(String user) {
    return RestAssured.given().auth().oauth2(system.tokens().forUser(user));
  }

  @Test
  @Order(1)
  void theAdministratorSignsInAndSeesThatNoCityIsLoaded() {
    browser.signIn(console, "admin1", "/console/admin");

    browser.waitForText("#loaded-summary", "尚未加载任何城市");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(browser.find(".topbar .user").getText()).contains("管理员");
    assertThat(browser.unlabelledFields()).isEmpty();
    assertThat(browser.foreignResources()).isEmpty();
    browser.screenshot("admin-01-empty");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(2)
  void theAdministratorChecksThePackageReadsTheDiffAndAppliesIt() throws IOException {
    Path zip = Files.write(home.resolve("second-city.zip"), PackageWriter.zip(SECOND_CITY));
    browser.find("#package-file").sendKeys(zip.toAbsolutePath().toString());

    browser.find("#check-package").click();

    browser.visible("#package-report [data-outcome=CHECKED]");
    assertThat(changed("areas")).containsExactly("区域", "92", "0", "0");
    assertThat(changed("assets")).containsExactly("部件", "2016", "0", "0");
    assertThat(changed("departments")).containsExactly("部门", "18", "0", "0");
    assertThat(changed("routingRules").get(1)).isNotEqualTo("0");
    browser.screenshot("admin-02-diff");
    assertThat(browser.lowContrastTexts()).isEmpty();
    // Only checked: nothing is loaded yet.
    as("operator1")
        .baseUri(system.url("intake"))
        .get("/api/areas")
        .then()
        .body("areas.size()", equalTo(0));

    browser.find("#apply-package").click();

    browser.visible("#package-report [data-outcome=ACTIVATED]");
    browser.waitForText("#loaded-summary", "江川市");
    assertThat(browser.find("#loaded-summary").getText()).contains("92 个区域", "2016 个部件");
    as("dispatcher1")
        .baseUri(system.url("dispatch"))
        .get("/api/territories")
        .then()
        .body("size()", equalTo(6));
  }

  @Test
  @Order(3)
  void theLoadedCityIsDrawnAndListedWithItsNames() {
    assertThat(browser.all("#admin-map path.grid")).hasSize(72);
    assertThat(browser.all("#admin-map path.district")).hasSize(2);
    assertThat(browser.all("#admin-map circle.asset")).hasSize(2016);
    assertThat(browser.find("#area-tree").getText()).contains("江北区", "临江街道");
    assertThat(browser.find("#department-tree li[data-code='JC-ST1001']").getText())
        .contains("临江街道办事处", "JC-ST1001", "临江街道");
    assertThat(browser.find("#rules").getText())
        .contains("暴露垃圾", "SJ01", "属地（所在街道）", "江川排水公司", "JC-SEWER");
    assertThat(browser.find("#working-periods").getText())
        .contains("09:00–12:00", "13:30–18:00", "星期六", "星期日");
    assertThat(browser.find("#policies").getText()).contains("5 个工作日");
    assertThat(browser.find("#ladder").getText()).contains("一个周内超期 2 件：黄牌警告");
    browser.screenshot("admin-03-loaded");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(4)
  void thePreviewSaysWhereExposedGarbageInAStreetGoesAndWhy() {
    new Select(browser.find("#preview-category")).selectByValue("SJ01");
    new Select(browser.find("#preview-area")).selectByValue("440851001");

    browser.find("#preview-route").click();

    browser.waitForText("#preview-department", "临江街道办事处");
    assertThat(browser.find("#preview-department").getText()).contains("JC-ST1001");
    assertThat(browser.find("#preview-result .chain").getText()).contains("CITY_RULE");
  }

  @Test
  @Order(5)
  void aDayMadeAHolidayInTheMonthViewIsCheckedThenAppliedInSupervision() {
    // The calendar opens on this month; the package's holidays are in 2027.
    String month = browser.find("#month-name").getText();
    while (!browser.find("#month-name").getText().equals("2027年3月")) {
      browser.find("#next-month").click();
      assertThat(browser.find("#month-name").getText()).isNotEqualTo(month);
      month = browser.find("#month-name").getText();
    }
    browser.find("#month button[data-date='2027-03-01']").click();
    assertThat(browser.find("#day-date").getAttribute("value")).isEqualTo("2027-03-01");
    browser.find("#day-name").sendKeys("城庆");
    browser.find("input[name=day-kind][value=HOLIDAY]").click();

    browser.find("#check-day").click();

    browser.visible("#day-report [data-outcome=CHECKED]");
    assertThat(browser.find("#day-report-changes").getText()).contains("节假日");
    assertThat(browser.all("#day-report-changes tr[data-kind]")).hasSize(1);
    browser.find("#apply-day").click();
    browser.visible("#day-report [data-outcome=ACTIVATED]");
    browser.waitForText("#month", "城庆");
    assertThat(
            browser
                .find("#month button[data-date='2027-03-01']")
                .findElement(org.openqa.selenium.By.xpath(".."))
                .getAttribute("class"))
        .isEqualTo("holiday");
    as("supervisor1")
        .baseUri(system.url("supervision"))
        .get("/api/calendar")
        .then()
        .body("days.find { it.date == '2027-03-01' }.name", equalTo("城庆"))
        .body("days.find { it.date == '2027-03-01' }.kind", equalTo("HOLIDAY"));
    browser.screenshot("admin-04-calendar");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(6)
  void aRuleChangedInTheConsoleReachesDispatch() {
    new Select(browser.find("#rule-category")).selectByValue("SJ03");
    new Select(browser.find("#rule-district")).selectByValue("440852");
    new Select(browser.find("#rule-target")).selectByValue("JC-URBAN");

    browser.find("#check-rule").click();

    browser.visible("#rule-report [data-outcome=CHECKED]");
    assertThat(changed("rule-report", "routingRules")).containsExactly("派遣规则", "1", "0", "0");
    browser.find("#apply-rule").click();
    browser.visible("#rule-report [data-outcome=ACTIVATED]");
    List<Map<String, Object>> rules =
        as("dispatcher1")
            .baseUri(system.url("dispatch"))
            .queryParam("category", "SJ03")
            .get("/api/routing-rules")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(rules)
        .anySatisfy(
            r ->
                assertThat(r)
                    .containsEntry("districtCode", "440852")
                    .containsEntry("departmentCode", "JC-URBAN"));
  }

  @Test
  @Order(7)
  void theConsoleSpeaksEnglishWhenAsked() {
    browser.find("[data-language=en]").click();
    browser.waitForText("#package-heading", "Load a city package");
    browser.waitForText("#loaded-summary", "Jiangchuan");
    assertThat(browser.find("#rules").getText()).contains("Exposed garbage");
    browser.screenshot("admin-05-english");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.find("[data-language=zh-CN]").click();
    browser.waitForText("#package-heading", "加载城市数据包");
  }

  @Test
  @Order(8)
  void anOperatorFilesACaseInTheNewCityAndDispatchRoutesItByItsRules() {
    browser.find(".topbar form.logout button").click();
    String operatorConsole = system.url("intake") + "/console/";
    browser.signIn(operatorConsole, "operator1", "/console/");
    browser.visible("#intake-form");
    browser.find("#category").sendKeys("SJ01", Keys.TAB);
    assertThat(browser.find("#category").getAttribute("value")).isEqualTo("SJ01 暴露垃圾");
    browser.find("#description").sendKeys("临江路边垃圾成堆");
    browser.find(".map .grid[data-code='440851001001001']").click();
    browser.find("#anonymous").click();

    browser.find("#register").click();

    String number = browser.visible("#registered-number").getText();
    assertThat(number).matches("\\d{15}");
    browser.screenshot("admin-06-case-in-the-new-city");
    String id =
        as("operator1")
            .baseUri(system.url("intake"))
            .queryParam("number", number)
            .get("/api/cases")
            .then()
            .statusCode(200)
            .body("[0].location.gridCode", equalTo("440851001001001"))
            .extract()
            .path("[0].id");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as("dispatcher1")
                    .baseUri(system.url("dispatch"))
                    .get("/api/cases/" + id)
                    .then()
                    .statusCode(200)
                    .body("departmentCode", equalTo("JC-ST1001"))
                    .body("basis", equalTo("ROUTING_CATALOGUE")));
  }

  // The cells of the diff's row for a kind: its name, added, changed, retired.
  private static List<String> changed(String kind) {
    return changed("package-report", kind);
  }

  private static List<String> changed(String report, String kind) {
    return browser.all("#" + report + "-changes tr[data-kind='" + kind + "'] td").stream()
        .map(e -> e.getText())
        .toList();
  }
}
