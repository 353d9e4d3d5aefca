package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A hotline operator works the call in a real browser (headless Chromium) against the running
 * system: logs in through the identity provider's page, files a complaint by clicking on the grid
 * map, reads out its number, finds it by the caller's phone, answers a consultation on the call and
 * records the callback; files a case from the keyboard alone, reads the service's objections in
 * Chinese, and signs out with the page's form. Every page is checked for text too faint to read.
 * Screenshots of each page go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorConsoleIT {

  private static final String GRID = "339901001001001";
  private static final String PHONE = "13912345678";
  // A category no other system test files, so that the first report of it has no duplicate.
  private static final String GRATE = "0104";

  private static String firstNumber;

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
    assertThat(browser.find(".topbar .user").getText()).contains("Li Na", "话务员");
    assertThat(browser.unlabelledFields()).isEmpty();
    browser.screenshot("02-operator-console");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(2)
  void theOperatorFilesAComplaintByClickingTheMapAndReadsOutItsNumber() {
    openConsole();
    WebElement category = browser.find("#category");
    category.sendKeys(GRATE, Keys.TAB);
    assertThat(category.getAttribute("value")).isEqualTo("0104 雨水箅子");
    assertThat(browser.find("input[name=urgency][value=URGENT]").isSelected()).isTrue();
    browser.find("#description").sendKeys("湖滨路口雨水箅子缺失，有行人绊倒");
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
    firstNumber = number;
    assertThat(browser.find("#registered-status").getText()).contains("已登记", "桂花社区第1网格");
    browser.screenshot("03-complaint-registered");
    assertThat(browser.lowContrastTexts()).isEmpty();
    JsonPath stored = caseNumbered(number);
    assertThat(stored.getString("[0].kind")).isEqualTo("COMPLAINT");
    assertThat(stored.getString("[0].channel")).isEqualTo("HOTLINE");
    assertThat(stored.getString("[0].categoryCode")).isEqualTo(GRATE);
    assertThat(stored.getString("[0].location.gridCode")).isEqualTo(GRID);
    assertThat(stored.getString("[0].reporterName")).isEqualTo("张三");
    assertThat(stored.getString("[0].reporterPhone")).isEqualTo(PHONE);
  }

  @Test
  @Order(3)
  void aSecondCallerAboutTheSameGrateIsShownTheOpenCaseAndJoinsIt() {
    openConsole();
    browser.find("#category").sendKeys("雨水箅子", Keys.TAB);
    browser.find("#description").sendKeys("湖滨路口的雨水箅子不见了");
    browser.find(".map .grid[data-code='" + GRID + "']").click();
    browser.find("#reporter-phone").sendKeys("13600002222");

    browser.find("#register").click();

    WebElement join =
        browser.visible("#duplicate-list button[data-case-number='" + firstNumber + "']");
    assertThat(browser.find("#duplicate-list").getText()).contains("湖滨路口雨水箅子缺失");
    browser.screenshot("04-duplicate-suggested");
    assertThat(browser.lowContrastTexts()).isEmpty();
    join.click();
    browser.waitForText("#registered-number", firstNumber);
    assertThat(browser.find("#registered-heading").getText()).isEqualTo("已加入已有诉件");
    JsonPath joined = caseNumbered(firstNumber);
    assertThat(joined.getInt("[0].reporterCount")).isEqualTo(2);
  }

  @Test
  @Order(4)
  void theOperatorFindsTheCallersCasesByPhone() {
    openConsole();
    browser.find("input[name=lookup-by][value=phone]").click();
    browser.find("#lookup-query").sendKeys(PHONE, Keys.ENTER);

    List<WebElement> found = waitForResults();
    assertThat(found).isNotEmpty();
    found.get(0).click();
    browser.visible("#case-detail");
    assertThat(browser.find("#detail-facts").getText()).contains("张三", PHONE, "0104 雨水箅子");
    browser.screenshot("05-cases-of-caller");
    assertThat(browser.lowContrastTexts()).isEmpty();
  }

  @Test
  @Order(5)
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
    browser.screenshot("06-consultation-answered");

    browser.find("#lookup-query").sendKeys(number, Keys.ENTER);
    waitForResults().get(0).click();
    // The callbacks load above the form and push it down: a click before they are in lands where
    // the form was (seen on a loaded machine as a click that never reached "contacted").
    browser.waitForText("#detail-callbacks", "尚无回访");
    browser.visible("#callback-form");
    browser.find("input[name=contacted][value=true]").click();
    browser.visible("input[name=resolved][value=true]").click();
    browser.find("input[name=satisfaction][value=SATISFIED]").click();
    browser.find("#callback-comment").sendKeys("来电人表示清楚了");
    browser.find("#save-callback").click();

    browser.waitForText("#detail-callbacks", "回访已保存");
    assertThat(browser.find("#callback-list").getText()).contains("满意", "operator1");
    browser.screenshot("07-callback-recorded");
    assertThat(browser.lowContrastTexts()).isEmpty();
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
  @Order(6)
  void theOperatorFilesACaseFromTheKeyboardAlone() {
    openConsole();
    List<String> focusedWithoutOutline = new ArrayList<>();

    press(Keys.TAB);
    assertThat(focused().getAttribute("class")).isEqualTo("skip-link");
    press(Keys.ENTER);
    assertThat(focused().getAttribute("id")).isEqualTo("main");
    tabTo("input[name=kind]:checked", focusedWithoutOutline);
    press(Keys.ARROW_RIGHT);
    assertThat(browser.find("input[name=kind]:checked").getAttribute("value"))
        .isEqualTo("REQUEST_FOR_HELP");
    tabTo("#category", focusedWithoutOutline);
    focused().sendKeys("路灯");
    // Two categories hold the word: the second is chosen with the arrow keys and Enter.
    press(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
    assertThat(focused().getAttribute("aria-activedescendant")).isEqualTo("category-0601");
    press(Keys.ENTER);
    assertThat(browser.find("#category").getAttribute("value")).isEqualTo("0601 路灯");
    assertThat(browser.find("#category").getAttribute("aria-expanded")).isEqualTo("false");
    tabTo("#description", focusedWithoutOutline);
    focused().sendKeys("人民路的路灯整晚不亮");
    tabTo("#reporter-phone", focusedWithoutOutline);
    focused().sendKeys("13800005555");
    tabTo("#callback-consent", focusedWithoutOutline);
    press(Keys.SPACE);
    tabTo("#grid", focusedWithoutOutline);
    press(Keys.ARROW_DOWN);
    String grid = new Select(browser.find("#grid")).getFirstSelectedOption().getAttribute("value");
    assertThat(grid).isNotEmpty();
    new Actions(browser.driver())
        .keyDown(Keys.CONTROL)
        .sendKeys(Keys.ENTER)
        .keyUp(Keys.CONTROL)
        .perform();
    // Should a case nearby be open already, the caller's case is still a new one.
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(
            d ->
                !browser
                    .all(
                        "#registered:not([hidden]), #duplicates:not([hidden]), #intake-problem:not([hidden])")
                    .isEmpty());
    assertThat(browser.all("#intake-problem:not([hidden])"))
        .as(() -> browser.find("#intake-problem").getText())
        .isEmpty();
    if (!browser.all("#duplicates:not([hidden])").isEmpty()) {
      tabTo("#register-anyway", focusedWithoutOutline);
      press(Keys.ENTER);
    }

    String number = browser.visible("#registered-number").getText();
    assertThat(focused().getAttribute("id")).isEqualTo("registered");
    assertThat(focusedWithoutOutline).isEmpty();
    JsonPath stored = caseNumbered(number);
    assertThat(stored.getString("[0].kind")).isEqualTo("REQUEST_FOR_HELP");
    assertThat(stored.getString("[0].categoryCode")).isEqualTo("0601");
    assertThat(stored.getString("[0].location.gridCode")).isEqualTo(grid);
    assertThat(stored.getString("[0].reporterPhone")).isEqualTo("13800005555");
    assertThat(stored.getBoolean("[0].reporters[0].callbackConsent")).isTrue();
  }

  @Test
  @Order(7)
  void aFieldTheServiceRejectsIsExplainedInChineseNextToIt() {
    openConsole();
    browser.find("#category").sendKeys(GRATE, Keys.TAB);
    browser.find("#reporter-phone").sendKeys("12");

    // No description and no place: the service answers 400 with its field list, in English.
    browser.find("#register").click();

    browser.waitForText("#intake-problem", "请改正标出的字段");
    assertThat(browser.find("#reporter-phone").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.find("#reporter-phone").getAttribute("aria-describedby"))
        .isEqualTo("reporter-phone-error");
    assertThat(browser.find("#reporter-phone-error").getText()).isEqualTo("不是有效的电话号码");
    assertThat(browser.find("#description-error").getText()).isEqualTo("不能为空");
    assertThat(browser.find("#intake-problem").getText())
        .contains("联系电话：不是有效的电话号码", "问题描述：不能为空")
        .doesNotContain("must", "required");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.screenshot("06b-field-errors-in-chinese");
  }

  @Test
  @Order(8)
  void everyStateTheConsolesShowIsReadable() {
    openConsole();

    // What a console shows only in some states, drawn with the consoles' own style sheet.
    browser.script(
        """
        const states = document.createElement('section');
        states.className = 'panel';
        states.id = 'states';
        states.innerHTML = `
          <p><span class="countdown ok">2 天后到期</span> <span class="countdown warning">剩 3 小时</span>
            <span class="countdown overdue">已超期 5 小时</span></p>
          <p><span class="badge">处置中</span> <span class="badge closed">已办结</span>
            <span class="badge order">督办</span></p>
          <div class="alert error">出错了 <span class="hint">提示</span></div>
          <div class="alert ok">已保存 <span class="hint">提示</span></div>
          <div class="alert note">注意 <span class="hint">提示</span> <kbd>Ctrl</kbd></div>
          <div class="actions"><button class="primary">登记</button>
            <button class="secondary">新来电</button>
            <button class="primary" disabled>登记中</button>
            <button class="secondary" disabled>查询中</button>
            <button class="link">English</button> <a href="#states">链接</a></div>
          <table><thead><tr><th>编号</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
          <details class="action"><summary>转派</summary></details>
          <p class="muted">无</p> <span class="field-error">不能为空</span>`;
        document.getElementById('main').prepend(states);
        """);
    browser.find("#category").sendKeys("井盖", Keys.ARROW_DOWN);

    assertThat(browser.find("#category-0101").getAttribute("aria-selected")).isEqualTo("true");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.screenshot("06c-states");
  }

  @Test
  @Order(9)
  void theConsoleSwitchesToEnglishAndRemembersIt() {
    openConsole();
    browser.find("[data-language=en]").click();
    browser.waitForText("#intake-heading", "Take a call");

    browser.get(console);

    assertThat(browser.visible("#intake-heading").getText()).isEqualTo("Take a call");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    browser.screenshot("08-english");
    assertThat(browser.lowContrastTexts()).isEmpty();
    browser.find("[data-language=zh-CN]").click();
    browser.waitForText("#intake-heading", "受理来电");
  }

  @Test
  @Order(10)
  void everyTimeIsShownInTheCitysZoneWhateverZoneTheBrowserIsIn() {
    // The browser thinks it is in New York, twelve or thirteen hours behind the city.
    browser
        .driver()
        .executeCdpCommand(
            "Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
    try {
      openConsole();
      assertThat(browser.find("#city-zone").getText()).contains("Asia/Shanghai");
      assertThat(browser.script("return casegrid.formatTime('2026-11-23T01:30:00Z')"))
          .isEqualTo("2026/11/23 09:30");
      assertThat(browser.script("return casegrid.cityTimeToIso('2026-11-23T09:30')"))
          .isEqualTo("2026-11-23T01:30:00.000Z");
      String reportedAt =
          io.restassured.RestAssured.given()
              .auth()
              .oauth2(system.tokens().forUser("operator1"))
              .queryParam("phone", PHONE)
              .get(system.url("intake") + "/api/cases")
              .then()
              .statusCode(200)
              .extract()
              .path("[0].reportedAt");
      String inTheCity =
          java.time.OffsetDateTime.parse(reportedAt)
              .atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
              .format(java.time.format.DateTimeFormatter.ofPattern("yyyy/M/d HH:mm"));

      browser.find("input[name=lookup-by][value=phone]").click();
      browser.find("#lookup-query").sendKeys(PHONE, Keys.ENTER);
      waitForResults();

      assertThat(browser.find("#lookup-table").getText()).contains(inTheCity);
    } finally {
      browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }
  }

  @Test
  @Order(10)
  void thePageLoadsNothingFromAnywhereElse() {
    openConsole();

    assertThat(browser.foreignResources()).isEmpty();
  }

  @Test
  @Order(11)
  void signingOutLeadsBackToTheLoginPage() {
    browser.get(console + "logout");
    // Opening the address only asks; the operator is still signed in.
    browser.waitForText("#logout-heading", "要退出登录吗？");
    assertThat(browser.lowContrastTexts()).isEmpty();
    openConsole();

    browser.find(".topbar form.logout button").click();

    browser.visible("#username");
    assertThat(browser.driver().getCurrentUrl()).startsWith(system.issuer());
    browser.screenshot("09-signed-out");
  }

  private static void press(CharSequence... keys) {
    new Actions(browser.driver()).sendKeys(keys).perform();
  }

  private static WebElement focused() {
    return browser.driver().switchTo().activeElement();
  }

  /**
   * Presses Tab until the element {@code css} has the focus, noting each element passed on the way
   * that shows no focus outline.
   */
  private static void tabTo(String css, List<String> withoutOutline) {
    for (int presses = 0; presses < 80; presses++) {
      WebElement at = focused();
      if ((Boolean) browser.script("return arguments[0].matches(arguments[1])", at, css)) {
        return;
      }
      press(Keys.TAB);
      WebElement next = focused();
      Object outline =
          browser.script(
              "const s = getComputedStyle(arguments[0]);"
                  + " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;",
              next);
      if (!Boolean.TRUE.equals(outline)) {
        withoutOutline.add(next.getTagName() + "#" + next.getAttribute("id"));
      }
    }
    throw new AssertionError(css + " cannot be reached with the Tab key");
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
