package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A hotline operator works the call in a real browser (headless Chromium) against the running
 * system: logs in through the identity provider's page, files a complaint by clicking on the grid
 * map, reads out its number, finds it by the caller's phone, answers a consultation on the call and
 * records the callback. Screenshots of each page go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorConsoleIT {

  private static final String GRID = "339901001001001";
  private static final String PHONE = "13912345678";

  private static long started;
  private static LocalStack system;
  private static ConsoleBrowser browser;
  private static String console;

  @BeforeAll
  static void openTheConsole() {
    long start = System.nanoTime();
    system = RunningSystem.stack();
    started = System.nanoTime();
    System.out.printf(
        "OperatorConsoleIT: the running system was there after %.1f s%n", (started - start) / 1e9);
    browser = ConsoleBrowser.open();
    console = system.url("intake") + "/console/";
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
    System.out.printf(
        "OperatorConsoleIT: the browser tests took %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  @Test
  @Order(1)
  void anOperatorLogsInThroughTheIdentityProvidersPageAndSeesTheIntakeForm() {
    browser.get(console);
    WebElement username = browser.visible("#username");
    assertThat(browser.driver().getCurrentUrl()).startsWith(system.issuer());
    browser.screenshot("01-login");

    username.sendKeys("operator1");
    browser.find("#password").sendKeys("demo");
    browser.find("#sign-in").click();

    browser.visible("#intake-form");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(console);
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-CN");
    assertThat(browser.find(".topbar .user").getText()).contains("Na Li", "话务员");
    assertThat(browser.unlabelledFields()).isEmpty();
    browser.screenshot("02-operator-console");
  }

  @Test
  @Order(2)
  void theOperatorFilesAComplaintByClickingTheMapAndReadsOutItsNumber() {
    openConsole();
    WebElement category = browser.find("#category");
    category.sendKeys("0102", Keys.TAB);
    assertThat(category.getAttribute("value")).isEqualTo("0102 污水井盖");
    assertThat(browser.find("input[name=urgency][value=URGENT]").isSelected()).isTrue();
    browser.find("#description").sendKeys("湖滨路口污水井盖缺失，有行人绊倒");
    browser.find(".map .grid[data-code='" + GRID + "']").click();
    browser.waitForText("#place-found", "东湖区湖滨街道桂花社区第1网格");
    assertThat(new Select(browser.find("#grid")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo(GRID);
    browser.find("#reporter-name").sendKeys("张三");
    browser.find("#reporter-phone").sendKeys(PHONE);
    browser.find("#callback-consent").click();

    // Registered from the keyboard, as while on the phone.
    browser.find("#description").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

    String number = browser.visible("#registered-number").getText();
    assertThat(number).matches("\\d{15}");
    assertThat(browser.find("#registered-status").getText()).contains("已登记", "桂花社区第1网格");
    browser.screenshot("03-complaint-registered");
    JsonPath stored = caseNumbered(number);
    assertThat(stored.getString("[0].kind")).isEqualTo("COMPLAINT");
    assertThat(stored.getString("[0].channel")).isEqualTo("HOTLINE");
    assertThat(stored.getString("[0].categoryCode")).isEqualTo("0102");
    assertThat(stored.getString("[0].location.gridCode")).isEqualTo(GRID);
    assertThat(stored.getString("[0].reporterName")).isEqualTo("张三");
    assertThat(stored.getString("[0].reporterPhone")).isEqualTo(PHONE);
  }

  @Test
  @Order(3)
  void theOperatorFindsTheCallersCasesByPhone() {
    openConsole();
    browser.find("input[name=lookup-by][value=phone]").click();
    browser.find("#lookup-query").sendKeys(PHONE, Keys.ENTER);

    List<WebElement> found = waitForResults();
    assertThat(found).isNotEmpty();
    found.get(0).click();
    browser.visible("#case-detail");
    assertThat(browser.find("#detail-facts").getText()).contains("张三", PHONE, "0102 污水井盖");
    browser.screenshot("04-cases-of-caller");
  }

  @Test
  @Order(4)
  void theOperatorAnswersAConsultationOnTheCallAndRecordsTheCallback() {
    openConsole();
    browser.find("input[name=kind][value=CONSULTATION]").click();
    WebElement category = browser.find("#category");
    category.sendKeys("政策咨询", Keys.TAB);
    assertThat(category.getAttribute("value")).isEqualTo("H0401 政策咨询");
    browser.find("#description").sendKeys("咨询老旧小区加装电梯的补贴政策");
    // The grid chosen from the list, without the mouse.
    new Select(browser.find("#grid")).selectByValue("339901001002001");
    browser.find("#reporter-name").sendKeys("王五");
    browser.find("#reporter-phone").sendKeys("13700001111");
    browser.find("#callback-consent").click();
    browser.find("#resolved-on-call").click();
    browser.visible("#answer").sendKeys("已告知补贴标准和申请方式");
    browser.find("#register").click();

    String number = browser.visible("#registered-number").getText();
    assertThat(browser.find("#registered-status").getText()).contains("当场办结");
    JsonPath stored = caseNumbered(number);
    assertThat(stored.getString("[0].status")).isEqualTo("CLOSED_AT_FIRST_CONTACT");
    assertThat(stored.getString("[0].answerOnCall")).isEqualTo("已告知补贴标准和申请方式");
    assertThat(stored.getString("[0].answeredBy")).isEqualTo("operator1");
    browser.screenshot("05-consultation-answered");

    browser.find("#lookup-query").sendKeys(number, Keys.ENTER);
    waitForResults().get(0).click();
    browser.visible("#callback-form");
    browser.find("input[name=contacted][value=true]").click();
    browser.visible("input[name=resolved][value=true]").click();
    browser.find("input[name=satisfaction][value=SATISFIED]").click();
    browser.find("#callback-comment").sendKeys("来电人表示清楚了");
    browser.find("#save-callback").click();

    browser.waitForText("#detail-callbacks", "回访已保存");
    assertThat(browser.find("#callback-list").getText()).contains("满意", "operator1");
    browser.screenshot("06-callback-recorded");
    List<Map<String, Object>> callbacks =
        RunningSystem.as("operator1")
            .baseUri(system.url("intake"))
            .get("/api/cases/" + stored.getString("[0].id") + "/callbacks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(callbacks)
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("satisfaction", "SATISFIED"));
  }

  @Test
  @Order(5)
  void theConsoleSwitchesToEnglishAndRemembersIt() {
    openConsole();
    browser.find("[data-language=en]").click();
    browser.waitForText("#intake-heading", "Take a call");

    browser.get(console);

    assertThat(browser.visible("#intake-heading").getText()).isEqualTo("Take a call");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    browser.screenshot("07-english");
    browser.find("[data-language=zh-CN]").click();
    browser.waitForText("#intake-heading", "受理来电");
  }

  @Test
  @Order(6)
  void thePageLoadsNothingFromAnywhereElse() {
    openConsole();

    Object foreign =
        browser.script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(u => !u.startsWith(location.origin))");

    assertThat((List<?>) foreign).isEmpty();
  }

  @Test
  @Order(7)
  void signingOutLeadsBackToTheLoginPage() {
    openConsole();

    browser.find(".topbar a[href='/console/logout']").click();

    browser.visible("#username");
    assertThat(browser.driver().getCurrentUrl()).startsWith(system.issuer());
    browser.screenshot("08-signed-out");
  }

  private static void openConsole() {
    browser.get(console);
    browser.visible("#intake-form");
  }

  private static List<WebElement> waitForResults() {
    browser.visible("#lookup-table");
    return browser.all("#lookup-table button[data-case-number]");
  }

  private static JsonPath caseNumbered(String number) {
    return RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .queryParam("number", number)
        .get("/api/cases")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
